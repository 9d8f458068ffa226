// Tests for experiments/study_eta.h: the ETA from a study ledger's finished members.
#include "factorlab/core/progress.h"
#include "factorlab/experiments/study_eta.h"

#include <gtest/gtest.h>

namespace factorlab {
namespace {

TEST(StudyEta, MeanOfFinishedMembersTimesTheMembersLeft) {
  const Json entries = Json::parse(R"([
    {"stage": "percolation", "status": "done", "seconds": 500.0},
    {"stage": "run:a", "status": "skipped", "seconds": 30.0},
    {"stage": "run:b", "status": "done", "seconds": 50.0},
    {"stage": "run:c", "status": "done"},
    {"stage": "run:d", "status": "done", "seconds": "x"}
  ])");
  const StudyEta eta = study_eta(entries, 3);
  EXPECT_EQ(eta.finished, 2u);  // percolation is not a member; c and d have no usable time
  EXPECT_DOUBLE_EQ(eta.mean_s, 40.0);
  EXPECT_EQ(eta.left, 3u);
  EXPECT_DOUBLE_EQ(eta.left_s, 120.0);
  EXPECT_EQ(describe(eta), "ETA " + format_duration(120.0) + " for 3 runs left (mean " + format_duration(40.0) +
                               " over 2 finished)");
}

TEST(StudyEta, NothingToSayBeforeTheFirstMemberOrAfterTheLast) {
  EXPECT_EQ(describe(study_eta(Json::array(), 4)), "");
  EXPECT_EQ(describe(study_eta(Json::parse(R"([{"stage": "run:a", "seconds": 5.0}])"), 0)), "");
  EXPECT_EQ(describe(study_eta(Json::parse(R"([{"stage": "run:a", "seconds": 5.0}])"), 1)).rfind("ETA ", 0), 0u);
  EXPECT_EQ(study_eta(Json::object(), 2).finished, 0u);  // not a ledger: no ETA, no throw
}

}  // namespace
}  // namespace factorlab
