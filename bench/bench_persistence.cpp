// bench_persistence — persistent homology (analysis/persistence.h) beside Debian's ripser program on
// the same points, H0 .. H2: (a) a 256-point torus-like cloud in R^256 (a noisy Clifford torus
// rotated into 256 dimensions, the size of the default experiment's representation) and (b) a
// 1,000-point cloud in R^4096 of the same kind (farthest-point landmarks by default). Rows: our
// ripser engine (landmarks, distances, ripser), `ripser --format point-cloud` run directly on the
// same landmark points, the gudhi engine, and the confidence band (B resamples). Each setting first
// checks that the diagrams agree (bottleneck distance within ripser's float precision), then times.
// Usage: bench_persistence [--threads T] [--resamples B] [--quick]   (--quick: case (a) only)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

#include "factorlab/analysis/bottleneck.h"
#include "factorlab/analysis/persistence.h"
#include "factorlab/analysis/ripser_engine.h"
#include "factorlab/core/rng.h"

using namespace factorlab;

namespace {

constexpr double kPi = 3.14159265358979323846;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// (cos a, sin a, cos b, sin b) at uniform angles plus 5 % isotropic noise, rotated into R^dim.
Points torus_like(int n, int dim, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd frame(4, dim);
  for (Eigen::Index i = 0; i < frame.size(); ++i) frame.data()[i] = rng.normal();
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < i; ++j) frame.row(i) -= frame.row(i).dot(frame.row(j)) * frame.row(j);
    frame.row(i).normalize();
  }
  Points p(n, dim);
  for (int i = 0; i < n; ++i) {
    const double a = rng.uniform(0, 2 * kPi), b = rng.uniform(0, 2 * kPi);
    Eigen::RowVector4d base(std::cos(a), std::sin(a), std::cos(b), std::sin(b));
    p.row(i) = base * frame;
    for (int j = 0; j < dim; ++j) p(i, j) += 0.05 / std::sqrt(static_cast<double>(dim)) * rng.normal();
  }
  return p;
}

// Debian's ripser on the points as a CSV point cloud; returns its diagram and the wall time.
std::vector<PersistencePair> ripser_on_points(const Points& p, int max_dim, double* seconds) {
  char path[] = "/tmp/bench_persistence_XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  FILE* f = ::fdopen(fd, "w");
  for (Eigen::Index i = 0; i < p.rows(); ++i)
    for (Eigen::Index j = 0; j < p.cols(); ++j) std::fprintf(f, "%.9g%c", p(i, j), j + 1 < p.cols() ? ',' : '\n');
  std::fclose(f);
  const auto t0 = std::chrono::steady_clock::now();
  const std::string cmd = "/usr/bin/ripser --format point-cloud --dim " + std::to_string(max_dim) + " " + path;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = ::pclose(pipe);
  *seconds = seconds_since(t0);
  std::remove(path);
  if (status != 0) throw std::runtime_error(cmd + " failed");
  return parse_ripser_output(out);
}

void row(const char* cloud, const char* what, double seconds, std::int64_t points, const std::string& note) {
  std::printf("%-26s %-44s %9.2f s %10.1f points/s  %s\n", cloud, what, seconds, points / seconds, note.c_str());
}

void bench(const char* name, const Points& cloud, int threads, int resamples) {
  PersistenceConfig c;
  c.threads = threads;
  c.band_resamples = resamples;
  const PersistenceResult r = compute_persistence(cloud, c);
  // The same landmark points, straight to ripser.
  Points landmarks(static_cast<Eigen::Index>(r.landmarks.size()), cloud.cols());
  for (std::size_t i = 0; i < r.landmarks.size(); ++i) landmarks.row(static_cast<Eigen::Index>(i)) = cloud.row(r.landmarks[i]);
  double ripser_s = 0;
  const auto direct = ripser_on_points(landmarks, c.max_dim, &ripser_s);
  const double agree = diagram_distance(r.pairs, direct, c.max_dim);
  // ripser reads our 9-digit distances, or its own float distances from the points: float round-off.
  const double tol = 1e-5 * r.threshold;
  if (!(agree <= tol)) {
    std::fprintf(stderr, "%s: our diagram and ripser's differ by %g (tolerance %g)\n", name, agree, tol);
    std::exit(1);
  }
  const auto& t = r.timing;
  const double ours = t.landmarks_s + t.distances_s + t.persistence_s;
  const std::string k = std::to_string(r.landmarks.size()) + " landmarks";
  row(name, "factorlab ripser engine (diagram)", ours, r.n_points,
      k + ": landmarks " + std::to_string(t.landmarks_s).substr(0, 5) + " s, distances " +
          std::to_string(t.distances_s).substr(0, 5) + " s; bottleneck to ripser's " + std::to_string(agree));
  row(name, "/usr/bin/ripser --format point-cloud", ripser_s, static_cast<std::int64_t>(r.landmarks.size()),
      "on the same " + k);
  row(name, ("band, B = " + std::to_string(resamples) + ", " + std::to_string(threads) + " threads").c_str(),
      t.band_s, static_cast<std::int64_t>(resamples) * r.n_points,
      "c = " + std::to_string(r.band.c) + ", band Betti " + Json(r.band_betti).dump() + ", gap " +
          Json(r.gap_betti).dump());
  PersistenceConfig g = c;
  g.engine = PersistenceEngine::Gudhi;
  g.betti_rule = BettiRule::Gap;
  g.band_resamples = 0;
  try {
    const PersistenceResult gr = compute_persistence(cloud, g);
    row(name, "factorlab gudhi engine (auto threshold)", gr.timing.total_s, gr.n_points,
        std::string(gr.exact ? "exact" : "cut at " + std::to_string(gr.threshold)) + ", " +
            std::to_string(gr.n_simplices) + " simplices");
  } catch (const std::exception& e) {
    row(name, "factorlab gudhi engine (auto threshold)", std::nan(""), 0, std::string("refused: ") + e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int resamples = 20;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--resamples") && i + 1 < argc) resamples = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--quick")) quick = true;
    else {
      std::fprintf(stderr, "usage: bench_persistence [--threads T] [--resamples B] [--quick]\n");
      return 2;
    }
  }
  if (find_ripser("/usr/bin/ripser").empty()) {
    std::fprintf(stderr, "bench_persistence: /usr/bin/ripser is missing (install Debian's ripser package)\n");
    return 1;
  }
  try {
    std::printf("%-26s %-44s %11s %17s  %s\n", "cloud", "what", "time", "rate", "notes");
    bench("(a) torus-like 256 x 256", torus_like(256, 256, 1), threads, resamples);
    if (!quick) bench("(b) torus-like 1000 x 4096", torus_like(1000, 4096, 2), threads, resamples);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_persistence: %s\n", e.what());
    return 1;
  }
  return 0;
}
