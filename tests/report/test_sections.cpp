// tests/report/test_sections.cpp — the claims, stage-timing and numbers tables.
#include <gtest/gtest.h>

#include "factorlab/report/sections.h"

namespace factorlab {
namespace {

TEST(Sections, ClaimsTableColoursVerdicts) {
  const HtmlTable t = claims_table({{"factorization", "c1", "m1", "r1", Verdict::Holds},
                                    {"factorization", "c2", "m2", "r2", Verdict::Fails},
                                    {"factorization", "c3", "m3", "r3", Verdict::Inconclusive},
                                    {"factorization", "c4", "not measured", "r4", Verdict::NotMeasured}});
  EXPECT_EQ(t.header.back(), "verdict");
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0].back(), "holds");
  EXPECT_EQ(t.rows[1].back(), "fails");
  EXPECT_EQ(t.rows[2].back(), "inconclusive");
  EXPECT_EQ(t.rows[3].back(), "not measured");
  EXPECT_EQ(t.row_class, (std::vector<std::string>{"holds", "fails", "inconclusive", "na"}));
}

TEST(Sections, StageTableSumsTimedStages) {
  const Json stages = Json::array({{{"stage", "data"}, {"seconds", 1.5}},
                                   {{"stage", "train"}, {"seconds", 62.25}, {"status", "done"}},
                                   {{"stage", "report"}, {"status", "not built yet"}}});
  const HtmlTable t = stage_table(stages);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"train", "62.25", "1m02s", "done"}));
  EXPECT_EQ(t.rows[2], (std::vector<std::string>{"report", "", "", "not built yet"}));
  EXPECT_EQ(t.rows[3][0], "total");
  EXPECT_EQ(t.rows[3][1], "63.75");
  EXPECT_EQ(stage_table(Json()).rows.size(), 0u);
}

TEST(Sections, NumbersAsPercentOnlyForAccuracies) {
  const HtmlTable t = numbers_table({{"eval.all.joint", 0.5}, {"eval.all.count", 64}, {"probe.betti1", 2}});
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"eval.all.count", "64"}));
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"eval.all.joint", "50.0 %"}));
  EXPECT_EQ(t.rows[2], (std::vector<std::string>{"probe.betti1", "2"}));
}

}  // namespace
}  // namespace factorlab
