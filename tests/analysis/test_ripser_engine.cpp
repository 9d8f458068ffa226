// tests/analysis/test_ripser_engine.cpp — the ripser engine: parsing ripser's output, a closed-form
// diagram (the unit square), agreement with the gudhi engine on small clouds (ripser computes in
// float, so to 2e-5 on distances of order 1), the 300-point Gaussian blob in R^8 that the gudhi
// engine's simplex budget refused, and the one-line error when the program is missing.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "clouds.h"
#include "factorlab/analysis/distance_matrix.h"
#include "factorlab/analysis/gudhi_engine.h"
#include "factorlab/analysis/persistence.h"
#include "factorlab/analysis/ripser_engine.h"
#include "factorlab/core/error.h"

namespace factorlab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kRipserTol = 2e-5;  // float arithmetic and 6 printed digits, distances of order 1

std::string ripser_or_skip() {
  const std::string p = find_ripser("/usr/bin/ripser");
  return p;
}

#define REQUIRE_RIPSER(path)                                                                   \
  const std::string path = ripser_or_skip();                                                 \
  if (path.empty()) GTEST_SKIP() << "/usr/bin/ripser is missing: install Debian's ripser package"

std::vector<std::int64_t> all_rows(const Points& p) {
  std::vector<std::int64_t> rows(static_cast<std::size_t>(p.rows()));
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<std::int64_t>(i);
  return rows;
}

TEST(RipserEngine, ParsesIntervalsOfEveryDimension) {
  const std::string text =
      "value range: [1,1.41421]\n"
      "distance matrix with 4 points, using threshold at enclosing radius 1.41421\n"
      "persistence intervals in dim 0:\n"
      " [0,1)\n [0,1)\n [0,1)\n [0, )\n"
      "persistence intervals in dim 1:\n"
      " [1,1.41421)\n"
      "persistence intervals in dim 2:\n"
      " [2.5e-05,3e-05)\n";
  const auto bars = parse_ripser_output(text);
  ASSERT_EQ(bars.size(), 6u);
  EXPECT_EQ(bars[0].dim, 0);
  EXPECT_EQ(bars[0].death, kInf);  // sort_pairs: essential first
  EXPECT_EQ(bars[3].death, 1.0);
  EXPECT_EQ(bars[4].dim, 1);
  EXPECT_DOUBLE_EQ(bars[4].death, 1.41421);
  EXPECT_EQ(bars[5].dim, 2);
  EXPECT_DOUBLE_EQ(bars[5].birth, 2.5e-05);
  EXPECT_THROW(parse_ripser_output("persistence intervals in dim 0:\n [0,x)\n"), std::runtime_error);
  EXPECT_THROW(parse_ripser_output("Usage: ripser [options] [filename]\n"), std::runtime_error);
}

TEST(RipserEngine, UnitSquare) {
  REQUIRE_RIPSER(ripser);
  Points p(4, 2);
  p << 0, 0, 1, 0, 1, 1, 0, 1;
  const auto bars = ripser_diagram(distance_matrix(p, all_rows(p)), 2, ripser);
  ASSERT_EQ(bars.size(), 5u);  // 4 H0 bars (one essential), the square's loop
  EXPECT_EQ(bars[0].death, kInf);
  for (int i = 1; i < 4; ++i) EXPECT_NEAR(bars[static_cast<std::size_t>(i)].death, 1.0, kRipserTol);
  EXPECT_EQ(bars[4].dim, 1);
  EXPECT_NEAR(bars[4].birth, 1.0, kRipserTol);
  EXPECT_NEAR(bars[4].death, std::sqrt(2.0), kRipserTol);  // printed as 1.41421
  // One point: one class that never dies, without running the program.
  EXPECT_EQ(ripser_diagram(distance_matrix(Points::Zero(1, 3), {0}), 2, ripser).size(), 1u);
}

// Same bars within kRipserTol, bars shorter than that left out on both sides (one engine may see a
// zero-length bar the other does not).
void expect_same_diagram(std::vector<PersistencePair> a, std::vector<PersistencePair> b, const std::string& what) {
  auto drop_short = [](std::vector<PersistencePair>& v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](const auto& q) { return q.death - q.birth <= kRipserTol; }), v.end());
    std::sort(v.begin(), v.end(), [](const auto& x, const auto& y) {
      return x.dim != y.dim ? x.dim < y.dim : x.death != y.death ? x.death < y.death : x.birth < y.birth;
    });
  };
  drop_short(a);
  drop_short(b);
  ASSERT_EQ(a.size(), b.size()) << what;
  auto close = [](double x, double y) { return (std::isinf(x) && std::isinf(y)) || std::abs(x - y) <= kRipserTol; };
  std::vector<char> used(b.size(), 0);
  for (const auto& q : a) {
    bool found = false;
    for (std::size_t i = 0; i < b.size() && !found; ++i)
      if (!used[i] && b[i].dim == q.dim && close(q.birth, b[i].birth) && close(q.death, b[i].death))
        used[i] = 1, found = true;
    EXPECT_TRUE(found) << what << ": H" << q.dim << " bar [" << q.birth << ", " << q.death << ") has no match";
  }
}

void expect_engines_agree(const Points& p, const std::string& what) {
  REQUIRE_RIPSER(ripser);
  const DistanceMatrix m = distance_matrix(p, all_rows(p));
  GudhiOptions g;
  g.max_dim = 2;
  g.threshold_mode = ThresholdMode::Enclosing;
  g.max_simplices = 200000000;
  const GudhiDiagram exact = gudhi_diagram(m, g);
  ASSERT_TRUE(exact.exact);
  expect_same_diagram(ripser_diagram(m, 2, ripser), exact.pairs, what);
}

TEST(RipserEngine, AgreesWithGudhiOnANoisyCircle) { expect_engines_agree(test_clouds::circle(60, 0.05, 41), "circle"); }
TEST(RipserEngine, AgreesWithGudhiOnASphere) { expect_engines_agree(test_clouds::sphere(40, 0.02, 42), "sphere"); }
TEST(RipserEngine, AgreesWithGudhiOnRandomPoints) {
  expect_engines_agree(test_clouds::random_cube(40, 5, 43), "cube");
}

// The case the gudhi engine refused ("more than persistence.max_simplices" at its default budget):
// every point a landmark, the whole filtration, H0 - H2.
TEST(RipserEngine, GaussianBlobInEightDimensionsCompletes) {
  REQUIRE_RIPSER(ripser);
  const Points p = test_clouds::gaussian_blob(300, 8, 44);
  PersistenceConfig c;
  c.max_points = 300;
  c.threads = 2;
  const auto r = compute_persistence(p, c);
  EXPECT_TRUE(r.exact);
  EXPECT_EQ(r.landmarks.size(), 300u);
  EXPECT_EQ(r.threshold, enclosing_radius(distance_matrix(p, all_rows(p))));
  // No significant loop or void in a blob. (Its H0 reading by the band is not 1: docs/analysis.md.)
  ASSERT_EQ(r.band_betti.size(), 3u);
  EXPECT_EQ(r.band_betti[1], 0);
  EXPECT_EQ(r.band_betti[2], 0);
  std::printf("[ timing   ] blob 300 x 8, H0-H2: diagram %.2f s, band (%d resamples) %.2f s; band %s, c = %.4g\n",
              r.timing.persistence_s, c.band_resamples, r.timing.band_s, Json(r.band_betti).dump().c_str(), r.band.c);
}

TEST(RipserEngine, MissingProgramIsAOneLineInputErrorSayingWhatToDo) {
  PersistenceConfig c;
  c.ripser_program = "/nonexistent/ripser";
  try {
    compute_persistence(test_clouds::circle(10, 0.0, 1), c);
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("persistence.engine"), std::string::npos) << m;
    EXPECT_NE(m.find("install Debian's ripser"), std::string::npos) << m;
    EXPECT_NE(m.find("persistence.engine = \"gudhi\""), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
  EXPECT_EQ(find_ripser("/nonexistent/ripser"), "");
  EXPECT_EQ(find_ripser("no-such-program-factorlab"), "");
}

}  // namespace
}  // namespace factorlab
