// factorlab/cli/app.cpp — the top-level app: global options (accepted before or after the command),
// subcommand registration, the list of commands for a bare `factorlab`, error policy.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>

#include "factorlab/cli/commands.h"
#include "factorlab/core/error.h"
#include "factorlab/core/interrupt.h"
#include "factorlab/core/log.h"
#include "factorlab/core/provenance.h"

namespace factorlab::cli {
namespace {

// "usage" and one line per command with its description, on stdout.
void print_command_list(const CLI::App& app) {
  std::size_t width = 0;
  for (const CLI::App* sub : app.get_subcommands({})) width = std::max(width, sub->get_name().size());
  std::printf("usage: factorlab [--log-level LEVEL] COMMAND [ARGS]   (factorlab COMMAND --help: its options)\n\ncommands:\n");
  for (const CLI::App* sub : app.get_subcommands({}))
    std::printf("  %-*s  %s\n", static_cast<int>(width), sub->get_name().c_str(), sub->get_description().c_str());
  std::fflush(stdout);  // before the error line on stderr, also when both go to one pipe
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"factorlab: how diffusion models learn to factorize and compose (arXiv 2408.13256)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_line());
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "debug|info|warn|error|quiet")->capture_default_str();
  app.parse_complete_callback([&] { set_log_level(parse_log_level(log_level)); });
  // Subcommands (which inherit this) hand options they do not know to the app, so
  // `factorlab run --log-level debug` works as well as `factorlab --log-level debug run`.
  app.fallthrough();
#ifdef FACTORLAB_HAS_CMD_RUN
  add_run_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_DATA
  add_data_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_TRAIN
  add_train_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_SAMPLE
  add_sample_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_EVAL
  add_eval_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_PROBE
  add_probe_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_ANALYZE
  add_analyze_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_PERCOLATE
  add_percolate_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_SWEEP
  add_sweep_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_REPORT
  add_report_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_INSPECT
  add_inspect_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_PRESETS
  add_presets_command(app);
#endif
#ifdef FACTORLAB_HAS_CMD_CONFIG
  add_config_command(app);
#endif
  std::string names;
  bool known = false;
  for (const CLI::App* sub : app.get_subcommands({})) {
    names += (names.empty() ? "" : ", ") + sub->get_name();
    known = known || (argc > 1 && sub->get_name() == argv[1]);
  }
  if (argc > 1 && argv[1][0] != '-' && !known) {
    std::fprintf(stderr, "factorlab: error: unknown command '%s' (commands: %s)\n", argv[1], names.c_str());
    return 2;
  }
  bool has_command = false, asks_help = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    asks_help = asks_help || arg == "-h" || arg == "--help" || arg == "--version";
    for (const CLI::App* sub : app.get_subcommands({})) has_command = has_command || sub->get_name() == arg;
  }
  if (!has_command && !asks_help) {  // bare `factorlab` (or options only): what there is to run, one error line
    print_command_list(app);
    std::fprintf(stderr, "factorlab: error: a command is required (commands: %s)\n", names.c_str());
    return 2;
  }
  install_interrupt_handlers();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0 in CLI11.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fprintf(stderr, "factorlab: error: %s\n", e.what());
    return 2;
  } catch (const InputError& e) {
    std::fprintf(stderr, "factorlab: error: %s\n", e.what());
    return 2;
  } catch (const Interrupted& e) {
    std::fprintf(stderr, "factorlab: %s\n", e.what());
    return 130;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "factorlab: failed: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace factorlab::cli
