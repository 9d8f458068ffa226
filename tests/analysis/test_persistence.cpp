// tests/analysis/test_persistence.cpp — persistent homology: closed-form diagrams of tiny complexes
// (square, octahedron), edge collapse leaving the diagram unchanged, the gudhi engine's threshold
// modes, the fraction rule on sampled circle / sphere / torus, and agreement of the gudhi engine with
// Debian's `ripser` program run on the points. Known-answer Betti numbers by the band rule (the
// default) are in test_persistence_betti.cpp; the ripser engine in test_ripser_engine.cpp.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "clouds.h"
#include "factorlab/analysis/landmarks.h"
#include "factorlab/analysis/persistence.h"
#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/rng.h"

#include "../support/scratch_dir.h"

namespace factorlab {
namespace {

using test_support::scratch_dir;

constexpr double kInf = std::numeric_limits<double>::infinity();
using test_clouds::circle;
using test_clouds::random_cube;
using test_clouds::sampled_clifford_torus;
using test_clouds::sphere;

std::vector<PersistencePair> in_dim(const PersistenceResult& r, int dim) {
  std::vector<PersistencePair> out;
  for (const auto& p : r.pairs)
    if (p.dim == dim) out.push_back(p);
  return out;
}

// The gudhi engine, the fraction rule and no band: what these tests check is the GUDHI pipeline.
PersistenceConfig gudhi_config() {
  PersistenceConfig c;
  c.engine = PersistenceEngine::Gudhi;
  c.betti_rule = BettiRule::Fraction;
  c.band_resamples = 0;
  return c;
}

PersistenceConfig exact_config(int max_dim) {
  PersistenceConfig c = gudhi_config();
  c.max_dim = max_dim;
  c.threshold_mode = ThresholdMode::Enclosing;
  return c;
}


// ---- closed-form diagrams --------------------------------------------------------------------

TEST(Persistence, UnitSquare) {
  Points p(4, 2);
  p << 0, 0, 1, 0, 1, 1, 0, 1;
  const auto r = compute_persistence(p, exact_config(2));
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(r.threshold, std::sqrt(2.0), 1e-12);  // enclosing radius: every corner's farthest is the diagonal
  const auto h0 = in_dim(r, 0), h1 = in_dim(r, 1);
  ASSERT_EQ(h0.size(), 4u);
  EXPECT_EQ(h0[0].death, kInf);  // essential bars sort first
  for (int i = 1; i < 4; ++i) EXPECT_NEAR(h0[static_cast<std::size_t>(i)].death, 1.0, 1e-12);
  ASSERT_EQ(h1.size(), 1u);  // the square's loop: born with the sides, killed by a diagonal
  EXPECT_NEAR(h1[0].birth, 1.0, 1e-12);
  EXPECT_NEAR(h1[0].death, std::sqrt(2.0), 1e-12);
  EXPECT_TRUE(in_dim(r, 2).empty());
  // The rule on a tiny cloud: the H0 bars (1) exceed 0.1 x the largest death (sqrt 2), so they count.
  EXPECT_EQ(r.betti, (std::vector<int>{4, 1, 0}));
}

TEST(Persistence, MaxDimZeroIsTheMinimumSpanningTree) {
  Points p(4, 2);
  p << 0, 0, 1, 0, 1, 1, 0, 1;
  const auto r = compute_persistence(p, exact_config(0));
  ASSERT_EQ(r.pairs.size(), 4u);
  for (const auto& q : r.pairs) EXPECT_EQ(q.dim, 0);
  for (std::size_t i = 1; i < 4; ++i) EXPECT_NEAR(r.pairs[i].death, 1.0, 1e-12);
  EXPECT_EQ(r.betti.size(), 1u);
}

TEST(Persistence, OctahedronHasOneTwoSphere) {
  // +-e_i in R^3: at sqrt(2) the Rips complex is the octahedron's boundary (no four vertices are
  // pairwise non-antipodal, so no tetrahedra): a 2-sphere, filled when the antipodal edges (2) appear.
  Points p = Points::Zero(6, 3);
  for (int i = 0; i < 3; ++i) p(2 * i, i) = 1, p(2 * i + 1, i) = -1;
  for (bool collapse : {true, false}) {
    PersistenceConfig c = exact_config(2);
    c.collapse_edges = collapse;
    const auto r = compute_persistence(p, c);
    const auto h0 = in_dim(r, 0), h2 = in_dim(r, 2);
    ASSERT_EQ(h0.size(), 6u);
    for (std::size_t i = 1; i < 6; ++i) EXPECT_NEAR(h0[i].death, std::sqrt(2.0), 1e-12);
    EXPECT_TRUE(in_dim(r, 1).empty());
    ASSERT_EQ(h2.size(), 1u) << "collapse = " << collapse;
    EXPECT_NEAR(h2[0].birth, std::sqrt(2.0), 1e-12);
    EXPECT_NEAR(h2[0].death, 2.0, 1e-12);
    EXPECT_EQ(r.betti, (std::vector<int>{6, 0, 1}));  // H0 bars sqrt(2) > 0.1 x 2: all counted
  }
}

TEST(Persistence, EdgeCollapseKeepsTheDiagram) {
  const Points p = random_cube(40, 5, 4);
  for (ThresholdMode mode : {ThresholdMode::Enclosing, ThresholdMode::Absolute}) {
    PersistenceConfig on = exact_config(2), off = exact_config(2);
    on.threshold_mode = off.threshold_mode = mode;
    on.threshold = off.threshold = 0.8;
    off.collapse_edges = false;
    const auto a = compute_persistence(p, on), b = compute_persistence(p, off);
    EXPECT_LT(a.n_simplices, b.n_simplices);
    ASSERT_EQ(a.pairs.size(), b.pairs.size());
    for (std::size_t i = 0; i < a.pairs.size(); ++i) {
      EXPECT_EQ(a.pairs[i].dim, b.pairs[i].dim);
      EXPECT_NEAR(a.pairs[i].birth, b.pairs[i].birth, 1e-12);
      if (std::isinf(b.pairs[i].death))
        EXPECT_EQ(a.pairs[i].death, kInf);
      else
        EXPECT_NEAR(a.pairs[i].death, b.pairs[i].death, 1e-12);
    }
  }
}

// ---- threshold modes ---------------------------------------------------------------------------

TEST(Persistence, AutoIsTheEnclosingRadiusWhenItFitsTheBudget) {
  const Points p = random_cube(30, 3, 5);
  const auto exact = compute_persistence(p, exact_config(2));
  PersistenceConfig c = gudhi_config();
  const auto r = compute_persistence(p, c);
  EXPECT_TRUE(r.exact);
  EXPECT_EQ(r.threshold, exact.threshold);
  ASSERT_EQ(r.pairs.size(), exact.pairs.size());
  for (std::size_t i = 0; i < r.pairs.size(); ++i) EXPECT_EQ(r.pairs[i].death, exact.pairs[i].death);
}

TEST(Persistence, AutoStaysWithinTheBudget) {
  const Points p = sampled_clifford_torus(150, 0.02, 4, 6);
  const double enclosing = compute_persistence(p, exact_config(1)).threshold;
  PersistenceConfig c = gudhi_config();
  c.max_simplices = 20000;
  const auto r = compute_persistence(p, c);
  EXPECT_FALSE(r.exact);
  EXPECT_LT(r.threshold, enclosing);
  EXPECT_LE(r.n_simplices, c.max_simplices);
  EXPECT_GT(r.n_simplices, 150);
  EXPECT_LE(r.reference_death, r.threshold);
  // The same threshold set by hand gives the same diagram.
  PersistenceConfig a = gudhi_config();
  a.threshold_mode = ThresholdMode::Absolute;
  a.threshold = r.threshold;
  const auto b = compute_persistence(p, a);
  ASSERT_EQ(b.pairs.size(), r.pairs.size());
  for (std::size_t i = 0; i < r.pairs.size(); ++i) EXPECT_EQ(b.pairs[i].death, r.pairs[i].death);
}

TEST(Persistence, AutoOverBudgetEvenWhenConnectedIsAnInputError) {
  PersistenceConfig c = gudhi_config();
  c.max_points = 1200;
  c.max_simplices = 1000;  // fewer than the vertices alone
  EXPECT_THROW(compute_persistence(random_cube(1200, 2, 7), c), InputError);
}

TEST(Persistence, ExplicitThresholdOverBudgetIsAnInputError) {
  PersistenceConfig c = exact_config(2);
  c.collapse_edges = false;
  c.max_simplices = 1000;  // 40 points up to tetrahedra at the enclosing radius: about 10^5 without collapse
  EXPECT_THROW(compute_persistence(random_cube(40, 5, 4), c), InputError);
}

TEST(Persistence, LandmarksAreFarthestPointsWhenTheCloudIsLarger) {
  const Points p = random_cube(300, 6, 8);
  PersistenceConfig c = gudhi_config();
  c.max_points = 50;
  c.max_dim = 1;
  const auto r = compute_persistence(p, c);
  EXPECT_EQ(r.landmarks, farthest_point_sampling(p, 50, 0));
  EXPECT_GT(r.cover_radius, 0.0);
  c.landmark_start = LandmarkStart::Seeded;
  c.seed = 12;
  EXPECT_EQ(compute_persistence(p, c).landmarks[0], seeded_start(300, 12));
  c.max_points = 300;
  EXPECT_EQ(compute_persistence(p, c).landmarks.size(), 300u);  // every point when n <= max_points
}

// ---- the fraction rule on sampled shapes (gudhi engine) -----------------------------------------

// Sampled shapes. Bars of sampling noise are about the landmark spacing: for 400 landmarks on a
// 2-manifold the H0 bars reach 0.15 - 0.2 of the largest death, so sphere and torus use fraction 0.3;
// the circle (1D, 400 points) is dense enough for the default 0.1.
TEST(Persistence, BettiCircle) {
  PersistenceConfig c = gudhi_config();
  c.max_points = 400;
  const auto r = compute_persistence(circle(400, 0.02, 21), c);
  EXPECT_EQ(r.betti, (std::vector<int>{1, 1, 0}));
}

TEST(Persistence, BettiSphere) {
  PersistenceConfig c = gudhi_config();
  c.max_points = 400;
  c.betti_fraction = 0.3;
  const auto r = compute_persistence(sphere(1600, 0.02, 22), c);  // 400 landmarks of 1600 points
  EXPECT_EQ(r.landmarks.size(), 400u);
  EXPECT_EQ(r.betti, (std::vector<int>{1, 0, 1}));
}

TEST(Persistence, BettiTorusInThreeHundredDimensions) {
  PersistenceConfig c = gudhi_config();
  c.max_points = 400;
  c.betti_fraction = 0.3;
  const auto r = compute_persistence(sampled_clifford_torus(2000, 0.02, 300, 23), c);  // 400 landmarks of 2000
  EXPECT_EQ(r.landmarks.size(), 400u);
  EXPECT_EQ(r.betti, (std::vector<int>{1, 2, 1}));
  std::printf("[ timing   ] torus, 2000 points in R^300, 400 landmarks, H0-H2: %.2f s total "
              "(threshold and collapse %.2f s, persistence %.2f s), %lld simplices\n",
              r.timing.total_s, r.timing.threshold_s, r.timing.persistence_s, static_cast<long long>(r.n_simplices));
}

// ---- output ------------------------------------------------------------------------------------

TEST(Persistence, CsvAndJson) {
  Points p = Points::Zero(6, 3);
  for (int i = 0; i < 3; ++i) p(2 * i, i) = 1, p(2 * i + 1, i) = -1;
  const auto r = compute_persistence(p, exact_config(2));
  const std::string path = scratch_dir("persistence", "persistence") + "/pairs.csv";
  write_persistence_csv(path, r);
  std::istringstream in(read_file(path));
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  ASSERT_EQ(lines.size(), r.pairs.size() + 1);
  EXPECT_EQ(lines[0], "dim,birth,death");
  EXPECT_EQ(lines[1], "0,0,inf");
  double birth = 0, death = 0;
  int dim = -1;
  ASSERT_EQ(std::sscanf(lines.back().c_str(), "%d,%lf,%lf", &dim, &birth, &death), 3);
  EXPECT_EQ(dim, 2);
  EXPECT_EQ(birth, std::sqrt(2.0));  // 17 significant digits round-trip
  EXPECT_EQ(death, 2.0);
  const Json j = to_json(r);
  EXPECT_EQ(j["betti"], Json({6, 0, 1}));
  EXPECT_TRUE(j["pairs"][0][2].is_null());
  EXPECT_EQ(j["pairs"].size(), r.pairs.size());
  EXPECT_EQ(j["n_landmarks"], 6);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

// ---- configuration -----------------------------------------------------------------------------

TEST(PersistenceConfig, DefaultsValidateAndRoundTripThroughToml) {
  PersistenceConfig c;
  EXPECT_NO_THROW(c.validate());
  EXPECT_EQ(c.engine, PersistenceEngine::Ripser);
  EXPECT_EQ(c.betti_rule, BettiRule::Band);
  EXPECT_EQ(c.max_points, kDefaultMaxPoints);
  EXPECT_EQ(c.max_dim, 2);
  EXPECT_EQ(c.betti_fraction, 0.1);
  EXPECT_EQ(c.band_alpha, 0.05);
  EXPECT_EQ(c.band_resamples, 20);
  EXPECT_EQ(c.band_method, BandMethod::Bootstrap);
  EXPECT_EQ(c.threshold_mode, ThresholdMode::Auto);
  c.engine = PersistenceEngine::Gudhi;
  c.threshold_mode = ThresholdMode::Absolute;
  c.threshold = 1.5;
  PersistenceConfig back;
  read_config(write_config(c), back);
  EXPECT_EQ(back.threshold_mode, ThresholdMode::Absolute);
  EXPECT_EQ(back.threshold, 1.5);
}

TEST(PersistenceConfig, BadValuesNameTheKey) {
  auto message = [](PersistenceConfig c) {
    try {
      c.validate();
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  PersistenceConfig c;
  c.betti_fraction = 1.0;
  EXPECT_NE(message(c).find("persistence.betti_fraction"), std::string::npos);
  c = {};
  c.max_dim = 4;
  EXPECT_NE(message(c).find("persistence.max_dim"), std::string::npos);
  c = {};
  c.engine = PersistenceEngine::Gudhi;
  c.threshold_mode = ThresholdMode::Absolute;  // threshold left at 0
  EXPECT_NE(message(c).find("persistence.threshold"), std::string::npos);
  c.threshold = 1.0;
  c.engine = PersistenceEngine::Ripser;  // ripser always computes the whole filtration
  EXPECT_NE(message(c).find("persistence.threshold_mode = absolute needs persistence.engine = gudhi"),
            std::string::npos);
  for (double alpha : {0.0, 1.0, -0.1, 1.5}) {
    c = {};
    c.band_alpha = alpha;
    EXPECT_NE(message(c).find("persistence.band_alpha"), std::string::npos) << alpha;
  }
  for (int b : {9, 1, -1}) {
    c = {};
    c.band_resamples = b;
    EXPECT_NE(message(c).find("persistence.band_resamples"), std::string::npos) << b;
  }
  c = {};
  c.band_resamples = 0;  // no band: only when another rule gives the Betti numbers
  EXPECT_NE(message(c).find("persistence.band_resamples"), std::string::npos);
  c.betti_rule = BettiRule::Gap;
  EXPECT_EQ(message(c), "no error");
  c = {};
  c.band_subsample_fraction = 0.0;
  EXPECT_NE(message(c).find("persistence.band_subsample_fraction"), std::string::npos);
  c = {};
  c.threads = -1;
  EXPECT_NE(message(c).find("persistence.threads"), std::string::npos);
  c = {};
  c.max_points = 1;
  EXPECT_NE(message(c).find("persistence.max_points"), std::string::npos);
  PersistenceConfig r;
  EXPECT_THROW(read_config(parse_toml("threshold_mode = \"sparse\"", "test"), r), InputError);
  for (const char* bad : {"engine = \"dionysus\"", "betti_rule = \"median\"", "band_method = \"jackknife\""}) {
    try {
      PersistenceConfig e;
      read_config(parse_toml(bad, "test"), e);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const InputError& e) {
      const std::string m = e.what();
      EXPECT_NE(m.find("is not allowed (allowed: "), std::string::npos) << m;
      EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    }
  }
  EXPECT_THROW(read_config(parse_toml("tresholds = 1.0", "test"), r), InputError);
  EXPECT_THROW(compute_persistence(Points(0, 3), PersistenceConfig{}), InputError);
  Points nan = Points::Zero(3, 2);
  nan(1, 1) = std::nan("");
  EXPECT_THROW(compute_persistence(nan, PersistenceConfig{}), InputError);
}

// ---- agreement with Debian's ripser --------------------------------------------------------------

constexpr const char* kRipser = "/usr/bin/ripser";

// ripser's intervals per dimension, from `ripser --format point-cloud --dim 1 FILE`.
std::map<int, std::vector<std::pair<double, double>>> run_ripser(const std::string& cloud_path) {
  const std::string cmd = std::string(kRipser) + " --format point-cloud --dim 1 '" + cloud_path + "'";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = ::pclose(pipe);
  if (status != 0) throw std::runtime_error(cmd + " failed with status " + std::to_string(status) + ":\n" + out);
  std::map<int, std::vector<std::pair<double, double>>> bars;
  std::istringstream in(out);
  std::string line;
  int dim = -1;
  while (std::getline(in, line)) {
    if (std::sscanf(line.c_str(), "persistence intervals in dim %d:", &dim) == 1) continue;
    double b = 0, d = 0;
    if (dim >= 0 && std::sscanf(line.c_str(), " [%lf,%lf)", &b, &d) == 2)
      bars[dim].emplace_back(b, d);
    else if (dim >= 0 && std::sscanf(line.c_str(), " [%lf, )", &b) == 1)
      bars[dim].emplace_back(b, kInf);
  }
  return bars;
}

// ripser reads and computes in single precision and prints 6 significant digits, so for these
// clouds (distances of order 1) values agree to 2e-5; bars shorter than that are left out on both
// sides (one program may see a zero-length bar the other does not).
constexpr double kRipserTol = 2e-5;

void expect_same_bars(std::vector<std::pair<double, double>> ours, std::vector<std::pair<double, double>> theirs,
                      const std::string& what) {
  auto drop_short = [](std::vector<std::pair<double, double>>& v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](const auto& q) { return q.second - q.first <= kRipserTol; }),
            v.end());
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
  };
  drop_short(ours);
  drop_short(theirs);
  ASSERT_EQ(ours.size(), theirs.size()) << what;
  std::vector<char> used(theirs.size(), 0);
  auto close = [](double a, double b) { return (std::isinf(a) && std::isinf(b)) || std::abs(a - b) <= kRipserTol; };
  for (const auto& q : ours) {
    bool found = false;
    for (std::size_t i = 0; i < theirs.size() && !found; ++i)
      if (!used[i] && close(q.first, theirs[i].first) && close(q.second, theirs[i].second)) used[i] = 1, found = true;
    EXPECT_TRUE(found) << what << ": our bar [" << q.first << ", " << q.second << ") has no match in ripser's";
  }
}

void compare_with_ripser(const Points& p, const std::string& name) {
  if (::access(kRipser, X_OK) != 0)
    GTEST_SKIP() << kRipser << " is missing: install Debian's ripser package (scripts/install-deps.sh) to compare";
  const std::string path = scratch_dir("persistence", "ripser") + "/" + name + ".csv";
  std::ostringstream os;
  os.precision(17);
  for (Eigen::Index i = 0; i < p.rows(); ++i)
    for (Eigen::Index j = 0; j < p.cols(); ++j) os << p(i, j) << (j + 1 < p.cols() ? ',' : '\n');
  write_file_atomic(path, os.str());
  const auto theirs = run_ripser(path);
  ASSERT_EQ(theirs.count(0), 1u) << "no H0 intervals parsed from ripser's output";
  EXPECT_EQ(static_cast<Eigen::Index>(theirs.at(0).size()), p.rows());  // distinct points: one H0 bar each
  // The gudhi engine's default threshold, up to H1: for clouds this small the automatic threshold is
  // the enclosing radius, ripser's default too, so both diagrams are the full Rips diagram.
  PersistenceConfig c = gudhi_config();
  c.max_dim = 1;
  const auto r = compute_persistence(p, c);
  EXPECT_TRUE(r.exact);
  for (int dim : {0, 1}) {
    std::vector<std::pair<double, double>> ours;
    for (const auto& q : in_dim(r, dim)) ours.emplace_back(q.birth, q.death);
    const auto it = theirs.find(dim);
    expect_same_bars(ours, it == theirs.end() ? std::vector<std::pair<double, double>>{} : it->second,
                     name + " H" + std::to_string(dim));
  }
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST(PersistenceVsRipser, NoisyCircle) { compare_with_ripser(circle(80, 0.05, 31), "circle"); }

TEST(PersistenceVsRipser, NoisyCircleInFiftyDimensions) {
  const Points c = circle(60, 0.05, 35);
  Points p = Points::Zero(60, 50);
  p.leftCols(2) = c;
  Rng rng(36);
  for (Eigen::Index i = 0; i < p.rows(); ++i)
    for (Eigen::Index j = 2; j < p.cols(); ++j) p(i, j) = 0.01 * rng.normal();
  compare_with_ripser(p, "circle50");
}

TEST(PersistenceVsRipser, TwoCircles) {
  Points a = circle(50, 0.03, 32), b = circle(50, 0.03, 33);
  Points p(100, 3);
  p.setZero();
  p.block(0, 0, 50, 2) = a;
  p.block(50, 0, 50, 2) = 0.6 * b;  // a smaller circle, moved and stood up in the (x, z) plane
  for (int i = 50; i < 100; ++i) {
    p(i, 2) = p(i, 1);
    p(i, 1) = 0;
    p(i, 0) += 3;
  }
  compare_with_ripser(p, "two_circles");
}

TEST(PersistenceVsRipser, RandomPoints) { compare_with_ripser(random_cube(60, 4, 34), "random"); }

}  // namespace
}  // namespace factorlab
