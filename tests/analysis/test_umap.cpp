// factorlab/tests/analysis/test_umap.cpp — UMAP's steps against closed forms (smooth_knn_dist and the
// fuzzy union on three points, a and b against umap-learn, the spectral vectors against Eigen's dense
// eigensolver), then whole embeddings: trustworthiness >= 0.9 on two separated clusters and on a noisy
// circle, bitwise determinism with one thread, the config and the CSV writer.
#include "factorlab/analysis/umap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "factorlab/analysis/trustworthiness.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/rng.h"

namespace factorlab {
namespace {

constexpr Eigen::Index kDim = 50;  // ambient dimension of the test clouds

// A random orthonormal pair of directions in R^kDim, for planting 2D shapes in a high dimension.
Points random_plane(Rng& rng) {
  Eigen::MatrixXd g(kDim, 2);
  for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = rng.normal();
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(g);
  const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(kDim, 2);
  return q.transpose();  // [2, kDim]
}

// Two clusters, each a 2D unit Gaussian in its own random plane, centres 20 apart, noise 0.05.
Points two_clusters(Eigen::Index per_cluster, std::uint64_t seed) {
  Rng rng(seed);
  Points x = Points::Zero(2 * per_cluster, kDim);
  for (int c = 0; c < 2; ++c) {
    const Points plane = random_plane(rng);
    for (Eigen::Index i = 0; i < per_cluster; ++i) {
      const Eigen::Index r = c * per_cluster + i;
      x.row(r) = rng.normal() * plane.row(0) + rng.normal() * plane.row(1);
      x(r, 0) += 20.0 * c;
      for (Eigen::Index d = 0; d < kDim; ++d) x(r, d) += 0.05 * rng.normal();
    }
  }
  return x;
}

// A unit circle in a random plane, uniform random angles, isotropic noise 0.05 in all kDim axes.
Points noisy_circle(Eigen::Index n, std::uint64_t seed) {
  Rng rng(seed);
  const Points plane = random_plane(rng);
  Points x(n, kDim);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double t = rng.uniform(0.0, 2.0 * M_PI);
    x.row(i) = std::cos(t) * plane.row(0) + std::sin(t) * plane.row(1);
    for (Eigen::Index d = 0; d < kDim; ++d) x(i, d) += 0.05 * rng.normal();
  }
  return x;
}

TEST(Umap, FuzzyUnionOnThreePointsClosedForm) {
  // Points 0, 1, 3 on a line, k = 2 (n_neighbors 3). Every point's nearest distance is its rho, and
  // the farther neighbour is 2 (points 0 and 2) or 1 (point 1) beyond rho; sigma solves
  // 1 + exp(-delta / sigma) = log2(3), so that membership is c = log2(3) - 1 in every row.
  // Union: w01 = 1 + 1 - 1 = 1, w12 = 1 + c - c = 1, w02 = c + c - c^2.
  Points p(3, 1);
  p << 0, 1, 3;
  const FuzzyGraph g = fuzzy_simplicial_set(exact_knn(p, 2));
  const double c = std::log2(3.0) - 1.0;
  const Eigen::MatrixXd w = Eigen::MatrixXd(g.weights);
  EXPECT_NEAR(w(0, 1), 1.0, 1e-12);
  EXPECT_NEAR(w(1, 2), 1.0, 1e-12);
  EXPECT_NEAR(w(0, 2), 2 * c - c * c, 1e-4);  // binary search stops within 1e-5 of the target sum
  EXPECT_TRUE(w.isApprox(w.transpose(), 1e-15));
  EXPECT_EQ(w.diagonal().cwiseAbs().maxCoeff(), 0.0);
  EXPECT_DOUBLE_EQ(g.rho(0), 1.0);
  EXPECT_DOUBLE_EQ(g.rho(2), 2.0);
  EXPECT_NEAR(g.sigma(0), -2.0 / std::log(c), 1e-3);
}

TEST(Umap, SmoothKnnDistHitsLog2K) {
  const Points x = noisy_circle(200, 3);
  const KnnResult nn = exact_knn(x, 14);
  const FuzzyGraph g = fuzzy_simplicial_set(nn);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    EXPECT_DOUBLE_EQ(g.rho(i), nn.distances(i, 0));
    double sum = 0;
    for (Eigen::Index j = 0; j < 14; ++j) sum += std::exp(-std::max(0.0, nn.distances(i, j) - g.rho(i)) / g.sigma(i));
    EXPECT_NEAR(sum, std::log2(15.0), 1e-5) << "point " << i;
  }
  const Eigen::MatrixXd w = Eigen::MatrixXd(g.weights);
  EXPECT_TRUE(w.isApprox(w.transpose(), 1e-15));
  EXPECT_LE(w.maxCoeff(), 1.0);
  EXPECT_GE(w.minCoeff(), 0.0);
}

TEST(Umap, FindAbMatchesUmapLearn) {
  // umap-learn's find_ab_params (scipy curve_fit): (spread 1, min_dist 0.1) -> a = 1.5769435,
  // b = 0.8950609; (1, 0.001) -> a = 1.929, b = 0.7915 (the values quoted in umap-learn discussions).
  const auto [a, b] = find_ab(1.0, 0.1);
  EXPECT_NEAR(a, 1.5769435, 1e-5);
  EXPECT_NEAR(b, 0.8950609, 1e-5);
  const auto [a2, b2] = find_ab(1.0, 0.001);
  EXPECT_NEAR(a2, 1.929, 1e-3);
  EXPECT_NEAR(b2, 0.7915, 1e-3);
  // And it is a least-squares minimum: nudging a or b never lowers the sum of squares.
  auto ss = [](double aa, double bb) {
    double s = 0;
    for (int g = 1; g < 300; ++g) {
      const double x = 3.0 * g / 299, y = x < 0.1 ? 1.0 : std::exp(-(x - 0.1));
      const double r = y - 1.0 / (1.0 + aa * std::pow(x, 2 * bb));
      s += r * r;
    }
    return s;
  };
  for (double da : {-1e-4, 1e-4}) EXPECT_GE(ss(a + da, b), ss(a, b));
  for (double db : {-1e-4, 1e-4}) EXPECT_GE(ss(a, b + db), ss(a, b));
}

TEST(Umap, SpectralMatchesDenseEigensolver) {
  const Points x = noisy_circle(300, 5);
  const SparseGraph w = fuzzy_simplicial_set(exact_knn(x, 14)).weights;
  const Eigen::Index n = w.rows();
  const Eigen::VectorXd deg = w * Eigen::VectorXd::Ones(n);
  const Eigen::VectorXd s = deg.cwiseSqrt().cwiseInverse();
  const Eigen::MatrixXd lap =
      Eigen::MatrixXd::Identity(n, n) - s.asDiagonal() * Eigen::MatrixXd(w) * s.asDiagonal();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> dense(lap);
  for (int nc : {2, 3}) {
    const SpectralResult r = spectral_layout(w, nc, 9);
    ASSERT_TRUE(r.ok) << r.note;
    ASSERT_EQ(r.vectors.cols(), nc);
    for (int j = 0; j < nc; ++j) {
      // The 2nd .. (nc+1)-th smallest eigenvalues, and true eigenvectors of them (residual test).
      EXPECT_NEAR(r.eigenvalues(j), dense.eigenvalues()(j + 1), 1e-9) << "nc " << nc << " j " << j;
      const Eigen::VectorXd v = r.vectors.col(j);
      EXPECT_LE((lap * v - r.eigenvalues(j) * v).norm(), 1e-4 * r.eigenvalues(j) + 1e-12);
      EXPECT_NEAR(v.norm(), 1.0, 1e-12);
      EXPECT_NEAR(v.dot(deg.cwiseSqrt()), 0.0, 1e-9);  // orthogonal to the trivial eigenvector
      EXPECT_GT(v.maxCoeff(), -v.minCoeff());          // sign convention: largest entry positive
    }
  }
}

TEST(Umap, SpectralReportsDisconnectedGraph) {
  const Points x = two_clusters(60, 2);
  const SparseGraph w = fuzzy_simplicial_set(exact_knn(x, 10)).weights;
  EXPECT_EQ(connected_components(w), 2);
  const SpectralResult r = spectral_layout(w, 2, 1);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.note.find("2 connected components"), std::string::npos) << r.note;
}

TEST(Umap, TwoSeparatedClustersAreTrustworthy) {
  const Points x = two_clusters(150, 1);
  UmapConfig c;
  c.seed = 1;
  const UmapResult r = umap(x, c);
  ASSERT_EQ(r.embedding.rows(), 300);
  ASSERT_EQ(r.embedding.cols(), 2);
  ASSERT_TRUE(r.embedding.allFinite());
  EXPECT_EQ(r.graph_components, 2);
  EXPECT_EQ(r.init_used, UmapInit::Pca);  // spectral needs a connected graph: the result says so
  EXPECT_NE(r.init_note.find("connected components"), std::string::npos) << r.init_note;
  const double t = trustworthiness(x, r.embedding, 10);
  RecordProperty("trustworthiness", std::to_string(t));
  EXPECT_GE(t, 0.9);
  // The clusters stay apart: the gap between their centroids exceeds each one's radius.
  const Eigen::RowVectorXd m0 = r.embedding.topRows(150).colwise().mean();
  const Eigen::RowVectorXd m1 = r.embedding.bottomRows(150).colwise().mean();
  double radius = 0;
  for (Eigen::Index i = 0; i < 300; ++i)
    radius = std::max(radius, (r.embedding.row(i) - (i < 150 ? m0 : m1)).norm());
  EXPECT_GT((m0 - m1).norm(), radius);
  const Json j = to_json(r);
  EXPECT_EQ(j["init"], "pca");
  EXPECT_EQ(j["knn"], "exact");
  EXPECT_EQ(j["n_points"], 300);
  EXPECT_EQ(j["graph_components"], 2);
}

TEST(Umap, NoisyCircleIsTrustworthyAndUsesSpectralInit) {
  const Points x = noisy_circle(300, 2);
  UmapConfig c;
  c.seed = 3;
  const UmapResult r = umap(x, c);
  EXPECT_EQ(r.init_used, UmapInit::Spectral);
  EXPECT_TRUE(r.init_note.empty());
  EXPECT_EQ(r.n_epochs, 500);
  EXPECT_EQ(r.n_neighbors_used, 15);
  EXPECT_NEAR(r.a, 1.5769, 2e-3);
  const double t = trustworthiness(x, r.embedding, 10);
  RecordProperty("trustworthiness", std::to_string(t));
  EXPECT_GE(t, 0.9);
}

TEST(Umap, ThreeComponentsAndPcaInit) {
  const Points x = noisy_circle(200, 4);
  UmapConfig c;
  c.n_components = 3;
  c.init = UmapInit::Pca;
  c.n_epochs = 200;
  const UmapResult r = umap(x, c);
  ASSERT_EQ(r.embedding.cols(), 3);
  EXPECT_EQ(r.init_used, UmapInit::Pca);
  EXPECT_TRUE(r.init_note.empty());
  EXPECT_GE(trustworthiness(x, r.embedding, 10), 0.9);
}

TEST(Umap, SameSeedOneThreadIsBitwiseIdentical) {
  const Points x = noisy_circle(250, 6);
  UmapConfig c;
  c.seed = 17;
  c.n_epochs = 200;
  for (int nc : {2, 3}) {
    c.n_components = nc;
    const Points a = umap(x, c).embedding, b = umap(x, c).embedding;
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())), 0);
  }
  UmapConfig other = c;
  other.seed = 18;
  EXPECT_FALSE(umap(x, c).embedding == umap(x, other).embedding);
}

TEST(Umap, TwoThreadsAndHnswStillEmbedWell) {
  // Hogwild SGD: not bitwise reproducible, so only the quality is checked.
  const Points x = noisy_circle(300, 7);
  UmapConfig c;
  c.threads = 2;
  c.knn = KnnMethod::Hnsw;
  const UmapResult r = umap(x, c);
  EXPECT_EQ(r.knn_used, KnnMethod::Hnsw);
  ASSERT_TRUE(r.embedding.allFinite());
  EXPECT_GE(trustworthiness(x, r.embedding, 10), 0.9);
}

TEST(Umap, ConfigValidatesAndRoundTrips) {
  UmapConfig c;
  EXPECT_NO_THROW(c.validate());
  c.n_components = 4;
  try {
    c.validate();
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("umap.n_components = 4"), std::string::npos) << e.what();
  }
  c = UmapConfig{};
  c.n_neighbors = 1;
  EXPECT_THROW(c.validate(), InputError);
  c = UmapConfig{};
  c.min_dist = 2.0;  // above spread
  EXPECT_THROW(c.validate(), InputError);

  UmapConfig w;
  w.n_components = 3;
  w.init = UmapInit::Pca;
  w.knn = KnnMethod::Hnsw;
  w.seed = 99;
  UmapConfig r;
  read_config(write_config(w), r);
  EXPECT_EQ(r.n_components, 3);
  EXPECT_EQ(r.init, UmapInit::Pca);
  EXPECT_EQ(r.knn, KnnMethod::Hnsw);
  EXPECT_EQ(r.seed, 99);
  toml::table bad = write_config(w);
  bad.insert_or_assign("init", "random");
  EXPECT_THROW(read_config(bad, r), InputError);
}

TEST(Umap, TinyAndDegenerateInputsStayFinite) {
  // 8 points: n_neighbors 15 is clamped to n = 8, and the eigenproblem is solved in the whole space.
  Rng rng(12);
  Points small(8, 5);
  for (Eigen::Index i = 0; i < small.size(); ++i) small.data()[i] = rng.normal();
  UmapResult r = umap(small, UmapConfig{});
  EXPECT_EQ(r.n_neighbors_used, 8);
  EXPECT_EQ(r.init_used, UmapInit::Spectral);
  EXPECT_TRUE(r.embedding.allFinite());
  // 40 identical points: every distance is 0, every membership 1; only the init noise separates them.
  const Points same = Points::Constant(40, 6, 2.5);
  r = umap(same, UmapConfig{});
  EXPECT_TRUE(r.embedding.allFinite());
}

TEST(Umap, RejectsTooFewPoints) {
  Points x(3, 4);
  x.setRandom();
  EXPECT_THROW(umap(x, UmapConfig{}), InputError);  // 2D needs n >= 4
}

TEST(Umap, WritesEmbeddingCsv) {
  Points emb(2, 2), labels(2, 2);
  emb << 0.5, -1.25, 3, 4;
  labels << 1, 2, 3.5, 4;
  const std::string path = std::string(FACTORLAB_BINARY_DIR) + "/test_umap_out/embedding.csv";
  write_embedding_csv(path, emb, labels);
  EXPECT_EQ(read_file(path), "index,mu_x,mu_y,u1,u2\n0,1,2,0.5,-1.25\n1,3.5,4,3,4\n");
  Points emb3(2, 3);
  emb3.setZero();
  write_embedding_csv(path, emb3, labels);
  EXPECT_EQ(read_file(path).substr(0, 26), "index,mu_x,mu_y,u1,u2,u3\n0");
  EXPECT_THROW(write_embedding_csv(path, emb, Points(3, 2)), InputError);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace factorlab
