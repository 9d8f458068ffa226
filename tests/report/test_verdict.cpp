// tests/report/test_verdict.cpp — deciding holds / fails / inconclusive from an interval, and
// combining parts of a claim and seeds of a run.
#include <gtest/gtest.h>

#include "factorlab/report/verdict.h"

namespace factorlab {
namespace {

TEST(Verdict, ThresholdsOnAnInterval) {
  EXPECT_EQ(at_least(Interval{0.96, 0.99}, 0.95), Verdict::Holds);
  EXPECT_EQ(at_least(Interval{0.95, 0.99}, 0.95), Verdict::Holds);  // the bound itself is ">="
  EXPECT_EQ(at_least(Interval{0.80, 0.94}, 0.95), Verdict::Fails);
  EXPECT_EQ(at_least(Interval{0.354, 0.879}, 0.8), Verdict::Inconclusive);  // 6 of 9 against 80 %
  EXPECT_EQ(at_most(Interval{5, 9}, 10), Verdict::Holds);
  EXPECT_EQ(at_most(Interval{11, 12}, 10), Verdict::Fails);
  EXPECT_EQ(at_most(Interval{9, 11}, 10), Verdict::Inconclusive);
  EXPECT_EQ(above(Interval{0.01, 0.2}, 0), Verdict::Holds);
  EXPECT_EQ(above(Interval{0, 0.2}, 0), Verdict::Inconclusive);  // touching 0 does not exclude it
  EXPECT_EQ(above(Interval{-0.3, -0.1}, 0), Verdict::Fails);
  EXPECT_EQ(below(Interval{-0.3, -0.1}, 0), Verdict::Holds);
  EXPECT_EQ(below(Interval{0.1, 0.3}, 0), Verdict::Fails);
  EXPECT_EQ(below(Interval{-0.2, 0.43}, 0), Verdict::Inconclusive);
  EXPECT_EQ(inside(Interval{1.8, 2.2}, 1.5, 2.5), Verdict::Holds);
  EXPECT_EQ(inside(Interval{0.5, 1.2}, 1.5, 2.5), Verdict::Fails);
  EXPECT_EQ(inside(Interval{1.19, 1.69}, 1.5, 2.5), Verdict::Inconclusive);
  for (auto f : {at_least, at_most, above, below}) EXPECT_EQ(f(std::nullopt, 0), Verdict::Inconclusive);
  EXPECT_EQ(inside(std::nullopt, 0, 1), Verdict::Inconclusive);
}

TEST(Verdict, PartsAndSeeds) {
  using V = Verdict;
  EXPECT_EQ(all_of({V::Holds, V::Holds}), V::Holds);
  EXPECT_EQ(all_of({V::Holds, V::Inconclusive}), V::Inconclusive);
  EXPECT_EQ(all_of({V::Inconclusive, V::Fails}), V::Fails);
  EXPECT_EQ(all_of({V::Fails, V::NotMeasured}), V::NotMeasured);
  EXPECT_EQ(all_of({}), V::NotMeasured);
  EXPECT_EQ(unanimous({V::Fails, V::Fails}), V::Fails);
  EXPECT_EQ(unanimous({V::Holds, V::Fails}), V::Inconclusive);
  EXPECT_EQ(unanimous({V::Holds, V::NotMeasured}), V::NotMeasured);
  EXPECT_EQ(unanimous({}), V::NotMeasured);
  EXPECT_STREQ(verdict_name(V::Inconclusive), "inconclusive");
  EXPECT_STREQ(verdict_class(V::NotMeasured), "na");
  EXPECT_STRNE(verdict_class(V::Holds), verdict_class(V::Inconclusive));
}

}  // namespace
}  // namespace factorlab
