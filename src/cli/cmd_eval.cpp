// factorlab/cli/cmd_eval.cpp — `factorlab eval RUN [--checkpoint ...] [--set eval.key=value ...]`.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "factorlab/cli/commands.h"
#include "factorlab/experiments/eval_stage.h"
#include "factorlab/experiments/model_setup.h"

namespace factorlab::cli {

void add_eval_command(CLI::App& app) {
  struct Args {
    std::string run, checkpoint, out;
    std::vector<std::string> sets;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("eval", "Score a trained run's placement accuracy: eval.json, eval.txt, samples_eval.png");
  cmd->add_option("run", a->run, "run folder")->required();
  cmd->add_option("--checkpoint", a->checkpoint, "checkpoint file (default: the run's latest)");
  cmd->add_option("--set", a->sets, "override an eval key: eval.key=value (repeatable)")->take_all();
  cmd->add_option("--out", a->out, "output folder (default: the run folder)");
  cmd->callback([a] {
    const RunConfig config = load_run_config(a->run + "/config.toml", a->sets);
    const std::string out = a->out.empty() ? a->run : a->out;  // the stage locks it (eval_stage.cpp)
    const std::string table = run_eval_stage(a->run, a->checkpoint, config.eval, out);
    std::printf("%s\n", table.c_str());
  });
}

}  // namespace factorlab::cli
