// factorlab/cli/run_args.h — the arguments every config-driven command shares:
// CONFIG (a TOML file or a preset name), repeatable --set section.key=value, --out DIR.
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/folder_lock.h"
#include "factorlab/core/threads.h"  // resolve_threads: 0 = the CPUs this process may use
#include "factorlab/experiments/run_config.h"

namespace CLI {
class App;
}

namespace factorlab::cli {

struct RunArgs {
  std::string source;             // file or preset; "" = the built-in default
  std::vector<std::string> sets;  // --set overrides, in order
  std::string out;                // run folder; "" = runs/<run.name>
};

void add_run_args(CLI::App* cmd, RunArgs& args, bool config_required);
// Loads and validates the config, prepares the (writable) run folder, takes its lock into `lock`
// (core/folder_lock.h; held until the command ends), then writes config.toml into it.
RunConfig prepare_run(const RunArgs& args, std::string& out_dir, FolderLock& lock);
// Help of --jobs (run, sweep).
inline constexpr const char* kJobsHelp =
    "studies: train up to J members at once, each in its own process with the cores split between them "
    "(run.threads, when set, is each member's own thread count)";
// Appended to an Interrupted message by the commands that resume when typed again (run, sweep).
inline constexpr const char* kRerunAdvice =
    "; run the same command again to continue (finished runs and stages are skipped, training resumes from its "
    "checkpoint)";

}  // namespace factorlab::cli
