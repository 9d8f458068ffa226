// factorlab/cli/cmd_eval.cpp — `factorlab eval RUN [--checkpoint ...] [--denoiser model|optimal]
// [--set eval.key=value ...] [--out DIR]`.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "factorlab/cli/commands.h"
#include "factorlab/core/run_files.h"
#include "factorlab/experiments/eval_stage.h"
#include "factorlab/experiments/model_setup.h"
#include "factorlab/experiments/run_denoiser.h"
#include "standalone_out.h"

namespace factorlab::cli {

void add_eval_command(CLI::App& app) {
  struct Args {
    std::string run, checkpoint, out, denoiser = "model";
    std::vector<std::string> sets;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("eval", "Score a trained run's placement accuracy: eval.json, eval.txt, samples_eval.png");
  cmd->add_option("run", a->run, "run folder")->required();
  cmd->add_option("--checkpoint", a->checkpoint, "checkpoint file (default: the run's latest)");
  cmd->add_option("--denoiser", a->denoiser,
                  "model: the trained network; optimal: the memorizing baseline, the exact optimal denoiser of the "
                  "run's training set ([optimal]; docs/memorization.md)")
      ->capture_default_str();
  cmd->add_option("--set", a->sets, "override an eval or optimal key: eval.key=value, optimal.key=value (repeatable)")
      ->take_all();
  cmd->add_option("--out", a->out, "output folder (default: RUN/standalone/eval-<the options given>)");
  cmd->callback([a, cmd] {
    const RunConfig config = load_run_config(in_folder(a->run, kRunConfig), a->sets);
    // Never over the run's own eval stage (cli/standalone_out.h); the stage locks it (eval_stage.cpp).
    const std::string out = standalone_out_dir(*cmd, a->run, a->out);
    const DenoiserChoice choice = parse_enum("--denoiser", a->denoiser, kDenoiserChoiceNames);
    const std::string table = run_eval_stage(a->run, a->checkpoint, config.eval, out, choice, config.optimal);
    record_provenance(out);
    std::printf("%s\n", table.c_str());
  });
}

}  // namespace factorlab::cli
