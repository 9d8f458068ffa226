// factorlab/report/report.h — `factorlab report DIR`: a study folder (study.json present) gets the
// study report, any other folder the run report. Writes DIR/report.html and DIR/figures/.
// Deliberately not: deciding when to report (the pipeline calls this after its last stage).
#pragma once
#include <string>

#include "factorlab/report/run_report.h"
#include "factorlab/report/study_report.h"

namespace factorlab {

bool is_study_dir(const std::string& dir);  // DIR/study.json exists
ReportOutcome write_report(const std::string& dir, const ReportOptions& options = {});

}  // namespace factorlab
