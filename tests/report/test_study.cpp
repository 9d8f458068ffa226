// tests/report/test_study.cpp — study.json read back, joined with the collected table and the runs.
#include <gtest/gtest.h>

#include "factorlab/core/error.h"
#include "factorlab/report/study.h"
#include "synthetic.h"

namespace factorlab {
namespace {

TEST(Study, LoadsRunsLabelsAndNumbers) {
  const std::string dir = testing::fresh_dir("study-load");
  testing::write_study(dir, "percolation",
                       {{"s1", {{"sigma", 0.5}, {"lambda", 0.25}}, {{"eval.all.joint", 0.4}}},
                        {"s2", {{"sigma", 1}, {"lambda", 0.5}}, {{"eval.all.joint", 0.9}}}},
                       "perc");
  // The collected table has s1 with a different number (it wins) and a label column (ignored).
  write_json(dir + "/results.json", Json::array({{{"run", "s1"}, {"label.sigma", 0.5}, {"eval.all.joint", 0.45}}}));
  const Study s = read_study_folder(dir);
  EXPECT_EQ(s.name, "percolation-test");
  EXPECT_EQ(s.kind, StudyKind::Percolation);
  EXPECT_EQ(s.percolation_dir, dir + "/perc");
  ASSERT_EQ(s.runs.size(), 2u);
  EXPECT_EQ(s.runs[0].dir, dir + "/runs/s1");
  EXPECT_EQ(s.runs[0].label("sigma"), "0.5");
  EXPECT_DOUBLE_EQ(*s.runs[1].label_number("sigma"), 1.0);
  EXPECT_FALSE(s.runs[0].label_number("nope"));
  EXPECT_DOUBLE_EQ(*s.runs[0].number("eval.all.joint"), 0.45);
  EXPECT_FALSE(s.runs[0].number("label.sigma"));
  EXPECT_DOUBLE_EQ(*s.runs[1].number("eval.all.joint"), 0.9);
  EXPECT_EQ(s.runs[0].overrides, (std::vector<std::string>{"train.steps=10"}));
}

TEST(Study, ResultsCsvIsReadWhenThereIsNoJson) {
  const std::string dir = testing::fresh_dir("study-csv");
  write_json(dir + "/study.json", Json{{"name", "x"}, {"kind", "sweep"}, {"runs", {{{"name", "a"}}}}});
  write_file_atomic(dir + "/results.csv", "run,label.lr,eval.all.joint\na,0.1,0.75\n");
  const Study s = read_study_folder(dir);
  EXPECT_DOUBLE_EQ(*s.runs[0].number("eval.all.joint"), 0.75);
  EXPECT_EQ(s.runs[0].dir, dir + "/runs/a");  // the default folder
}

TEST(Study, BadStudyFilesAreInputErrors) {
  const std::string dir = testing::fresh_dir("study-bad");
  EXPECT_THROW(read_study_folder(dir), InputError);  // no study.json
  write_json(dir + "/study.json", Json{{"name", "x"}, {"kind", "nonsense"}, {"runs", Json::array()}});
  try {
    read_study_folder(dir);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("compositional, data_efficiency, percolation, factorization, sweep"), std::string::npos);
  }
  write_json(dir + "/study.json", Json{{"name", "x"}, {"kind", "sweep"}});
  EXPECT_THROW(read_study_folder(dir), InputError);
  write_json(dir + "/study.json", Json{{"name", "x"}, {"kind", "sweep"}, {"runs", {{{"dir", "r"}}}}});
  EXPECT_THROW(read_study_folder(dir), InputError);
}

}  // namespace
}  // namespace factorlab
