// factorlab/cli/cmd_train.cpp — `factorlab train CONFIG [--set ...] --out RUN [--resume]`.
#include <CLI/CLI.hpp>

#include <memory>

#include "factorlab/cli/commands.h"
#include "factorlab/core/fs.h"
#include "factorlab/experiments/train_stage.h"
#include "run_args.h"

namespace factorlab::cli {

void add_train_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto resume = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("train", "Train a model into a run folder (makes the dataset when the run has none)");
  add_run_args(cmd, *args, false);
  cmd->add_flag("--resume", *resume, "continue from the run folder's latest checkpoint (same config required)");
  cmd->callback([args, resume] {
    RunArgs a = *args;
    if (a.source.empty() && *resume && !a.out.empty() && file_exists(a.out + "/config.toml")) a.source = a.out + "/config.toml";
    std::string out;
    const RunConfig config = prepare_run(a, out);
    run_train_stage(config, out, *resume);
  });
}

}  // namespace factorlab::cli
