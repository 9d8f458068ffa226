// factorlab/cli/commands.h — the subcommands of the `factorlab` binary, one file each (src/cli/cmd_*.cpp).
// Each add_*_command registers its options on the app and a callback that does the work.
// Deliberately thin: a command parses its arguments, builds configs, calls a library, and returns;
// results go to files, errors propagate as exceptions to main (exit 2 for InputError, 1 otherwise).
#pragma once
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace factorlab::cli {

void add_data_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_sample_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_probe_command(CLI::App& app);
void add_analyze_command(CLI::App& app);
void add_percolate_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_inspect_command(CLI::App& app);
void add_presets_command(CLI::App& app);
void add_config_command(CLI::App& app);

// Builds the whole app (every compiled-in command) and runs it on argv; returns the exit code.
int run_cli(int argc, char** argv);

}  // namespace factorlab::cli
