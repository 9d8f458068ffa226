// factorlab/cli/cmd_run.cpp — `factorlab run [PRESET|CONFIG] [--set ...] [--out DIR]`: every stage
// of an experiment, end to end. With no arguments: the built-in default experiment.
#include <CLI/CLI.hpp>

#include <memory>

#include "factorlab/cli/commands.h"
#include "factorlab/experiments/pipeline.h"
#include "run_args.h"

namespace factorlab::cli {

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run an experiment end to end (default: the built-in small experiment)");
  add_run_args(cmd, *args, false);
  cmd->callback([args] {
    std::string out;
    const RunConfig config = prepare_run(*args, out);
    run_pipeline(config, out);
  });
}

}  // namespace factorlab::cli
