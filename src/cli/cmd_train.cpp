// factorlab/cli/cmd_train.cpp — `factorlab train CONFIG [--set ...] --out RUN [--resume]`.
// With --resume and no CONFIG, the run folder's own config.toml is the config (plus any --set), so
// `factorlab train --resume --out RUN` continues a run; a folder without one is an error rather
// than a fresh run of the default preset. Checks (writable folder, free space, leftovers of a killed
// run) happen before the first step: see prepare_run and Trainer::run.
#include <CLI/CLI.hpp>

#include <memory>

#include "factorlab/cli/commands.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/interrupt.h"
#include "factorlab/core/run_files.h"
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
    if (a.source.empty() && *resume) {
      if (a.out.empty()) throw InputError("train --resume needs --out RUN (the run folder to continue) or a CONFIG");
      if (!file_exists(in_folder(a.out, kRunConfig)))
        throw InputError("--resume: '" + a.out + "' is not a run folder (it has no " + kRunConfig + "); give a CONFIG to start a run there");
      a.source = in_folder(a.out, kRunConfig);
    }
    std::string out;
    FolderLock lock;
    const RunConfig config = prepare_run(a, out, lock);
    try {
      run_train_stage(config, out, *resume);
    } catch (const Interrupted& e) {
      throw Interrupted(std::string(e.what()) + "; continue with: factorlab train --resume --out " + out);
    } catch (const TrainingStopped& e) {
      throw TrainingStopped(std::string(e.what()) + "; fix the cause and continue with: factorlab train --resume --out " + out);
    }
  });
}

}  // namespace factorlab::cli
