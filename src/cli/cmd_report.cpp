// factorlab/cli/cmd_report.cpp — `factorlab report DIR [--gnuplot PROGRAM] [--format png,pdf,svg]`:
// DIR/report.html (self-contained) and DIR/figures/*.png (and .pdf / .svg with --format; each figure's
// points also in *.tidy.csv) for a run folder, or for a study folder (study.json there).
// Thin: the report module does the work. Torch-free. A figure that cannot be drawn (no gnuplot) is
// named on the page and in a warning; it does not fail the command.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "factorlab/cli/commands.h"
#include "factorlab/core/error.h"
#include "factorlab/core/folder_lock.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/progress.h"
#include "factorlab/report/report.h"

namespace factorlab::cli {

void add_report_command(CLI::App& app) {
  struct Args {
    std::string dir;
    std::string formats = "png";
    ReportOptions options;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("report", "write DIR/report.html and DIR/figures/*.png for a run or study folder");
  cmd->add_option("dir", a->dir, "a run folder (factorlab run) or a study folder (with study.json)")->required();
  cmd->add_option("--gnuplot", a->options.gnuplot, "the gnuplot program (default: gnuplot on PATH)");
  cmd->add_option("--format", a->formats,
                  "figure files, comma-separated: png, pdf, svg (png always: the page embeds it)")
      ->capture_default_str();
  cmd->callback([a] {
    a->options.formats = parse_figure_formats(a->formats);
    if (!file_exists(a->dir)) throw InputError("'" + a->dir + "' does not exist (give a run or study folder)");
    const FolderLock lock(a->dir);
    ensure_writable_dir(a->dir + "/figures");
    const ReportOutcome out = write_report(a->dir, a->options);
    log_info("report: wrote ", out.html_path, " with ", out.figures, " figures in ", format_duration(out.seconds),
             out.failures.empty() ? std::string() : "; " + std::to_string(out.failures.size()) + " figures failed");
  });
}

}  // namespace factorlab::cli
