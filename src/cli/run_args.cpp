// factorlab/cli/run_args.cpp — see run_args.h.
#include "run_args.h"

#include <CLI/CLI.hpp>

#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/run_files.h"

namespace factorlab::cli {

void add_run_args(CLI::App* cmd, RunArgs& args, bool config_required) {
  auto* opt = cmd->add_option("config", args.source, "TOML config file or preset name (" + [] {
    std::string s;
    for (const auto& n : preset_names()) s += (s.empty() ? "" : ", ") + n;
    return s;
  }() + ")");
  if (config_required) opt->required();
  cmd->add_option("--set", args.sets, "override a config key: section.key=value (repeatable)")
      ->allow_extra_args(false)
      ->take_all();
  cmd->add_option("--out", args.out, "run folder (default: runs/<run.name>)");
}

RunConfig prepare_run(const RunArgs& args, std::string& out_dir, FolderLock& lock) {
  RunConfig config = load_run_config(args.source, args.sets);
  out_dir = args.out.empty() ? "runs/" + config.run.name : args.out;
  ensure_writable_dir(out_dir);
  lock = FolderLock(out_dir);
  write_file_atomic(in_folder(out_dir, kRunConfig), to_toml(config));
  return config;
}

}  // namespace factorlab::cli
