// factorlab/experiments/report_stage.cpp — see report_stage.h.
#include "factorlab/experiments/report_stage.h"

#include "factorlab/core/log.h"
#include "factorlab/report/report.h"

namespace factorlab {

void run_report_stage(const std::string& dir) {
  const ReportOutcome r = write_report(dir);
  log_info("report: ", r.html_path, " (", r.figures, " figures", r.failures.empty() ? "" : ", " + std::to_string(r.failures.size()) + " failed", ")");
  for (const auto& f : r.failures) log_warn("report: ", f);
}

}  // namespace factorlab
