// tests/report/test_report.cpp — `factorlab report DIR` picks the study report for a folder with
// study.json and the run report otherwise.
#include <gtest/gtest.h>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/report/report.h"
#include "synthetic.h"

namespace factorlab {
namespace {

TEST(Report, DispatchesOnStudyJson) {
  set_log_level(LogLevel::Error);
  const std::string dir = testing::fresh_dir("dispatch");
  testing::write_study(dir, "sweep", {{"a", {{"lr", 0.1}}, {{"eval.all.joint", 0.5}}}});
  EXPECT_TRUE(is_study_dir(dir));
  EXPECT_FALSE(is_study_dir(dir + "/runs/a"));
  const ReportOptions none{"/nonexistent/gnuplot"};
  EXPECT_NE(read_file(write_report(dir, none).html_path).find("factorlab study report: sweep-test (sweep)"),
            std::string::npos);
  EXPECT_NE(read_file(write_report(dir + "/runs/a", none).html_path).find("factorlab run report: a"), std::string::npos);
  EXPECT_THROW(write_report(dir + "/nonexistent", none), InputError);
}

}  // namespace
}  // namespace factorlab
