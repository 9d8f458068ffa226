// factorlab/report/sections.h — the parts every report page shares: the claims table
// (paper's claim | this run | verdict), the stage timings of a run (stages.json), the headline numbers,
// and the options / outcome of writing a report.
// Deliberately not: a page layout of its own (run_report.cpp and study_report.cpp order the parts).
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/json.h"
#include "factorlab/report/claims.h"
#include "factorlab/report/figure_format.h"
#include "factorlab/report/html.h"
#include "factorlab/report/run_numbers.h"

namespace factorlab {

struct ReportOptions {
  std::string gnuplot;  // the gnuplot program; "" = `gnuplot` on PATH
  std::vector<FigureFormat> formats{FigureFormat::Png};  // files of each figure (figure_format.h)
};

struct ReportOutcome {
  std::string html_path;
  int figures = 0;                    // drawn and embedded
  std::vector<std::string> failures;  // "figure: why" for every figure that could not be drawn
  double seconds = 0;                 // time to make the whole report
};

// Columns: experiment, paper's claim, this run, rule, verdict (row classes holds / fails /
// inconclusive / na: verdict_class).
HtmlTable claims_table(const std::vector<Claim>& claims);
// stages.json entries (stage, seconds, status) and a total; an empty table for a non-array.
HtmlTable stage_table(const Json& stages);
// key | value, accuracies (eval.*.{x,y,joint,not_gaussian}) as percentages.
HtmlTable numbers_table(const Numbers& numbers);

}  // namespace factorlab
