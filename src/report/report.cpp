// factorlab/report/report.cpp — see report.h.
#include "factorlab/report/report.h"

#include "factorlab/core/fs.h"

namespace factorlab {

bool is_study_dir(const std::string& dir) { return file_exists(dir + "/study.json"); }

ReportOutcome write_report(const std::string& dir, const ReportOptions& options) {
  return is_study_dir(dir) ? write_study_report(dir, options) : write_run_report(dir, options);
}

}  // namespace factorlab
