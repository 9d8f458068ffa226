// factorlab/experiments/report_stage.h — the report stage: RUN/report.html and RUN/figures/ from the
// files the other stages wrote (the report module does the work; this only calls it).
#pragma once
#include <string>

namespace factorlab {

void run_report_stage(const std::string& dir);

}  // namespace factorlab
