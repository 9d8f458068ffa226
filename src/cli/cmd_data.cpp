// factorlab/cli/cmd_data.cpp — `factorlab data CONFIG [--set ...] --out DIR`: make a dataset.
#include <CLI/CLI.hpp>

#include <memory>

#include "factorlab/cli/commands.h"
#include "factorlab/experiments/data_stage.h"
#include "run_args.h"

namespace factorlab::cli {

void add_data_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "data", "Make a dataset: writes dataset.npz, preview.png, labels.png, data.json and config.toml");
  add_run_args(cmd, *args, true);
  cmd->callback([args] {
    std::string out;
    FolderLock lock;
    const RunConfig config = prepare_run(*args, out, lock);
    run_data_stage(config.data, out);
  });
}

}  // namespace factorlab::cli
