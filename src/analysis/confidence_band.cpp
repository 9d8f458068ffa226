// factorlab/analysis/confidence_band.cpp — see confidence_band.h.
#include "factorlab/analysis/confidence_band.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <thread>

#include "factorlab/analysis/bottleneck.h"
#include "factorlab/core/rng.h"

namespace factorlab {

std::vector<std::int64_t> resample_rows(std::int64_t n_points, const BandOptions& options, int b) {
  Rng rng = Rng::derive(options.seed, "persistence-band", static_cast<std::uint64_t>(b));
  const auto n = static_cast<std::size_t>(n_points);
  std::vector<std::int64_t> rows;
  if (options.method == BandMethod::Bootstrap) {
    std::vector<char> drawn(n, 0);
    for (std::size_t i = 0; i < n; ++i) drawn[rng.below(n)] = 1;
    for (std::size_t i = 0; i < n; ++i)
      if (drawn[i]) rows.push_back(static_cast<std::int64_t>(i));
  } else {
    const auto m = static_cast<std::size_t>(
        std::clamp<double>(std::round(options.subsample_fraction * static_cast<double>(n)), 1.0, static_cast<double>(n)));
    std::vector<std::int64_t> all(n);
    for (std::size_t i = 0; i < n; ++i) all[i] = static_cast<std::int64_t>(i);
    for (std::size_t i = 0; i < m; ++i) std::swap(all[i], all[i + rng.below(n - i)]);  // partial Fisher-Yates
    rows.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(m));
    std::sort(rows.begin(), rows.end());
  }
  return rows;
}

double upper_quantile(std::vector<double> values, double alpha) {
  if (values.empty()) throw std::invalid_argument("upper_quantile of no values");
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  // A tiny slack keeps ceil(0.95 * 20) at 19 although 0.95 * 20 is 19.000000000000004 in binary.
  auto rank = static_cast<std::size_t>(std::ceil((1.0 - alpha) * n - 1e-9));
  rank = std::clamp<std::size_t>(rank, 1, values.size());
  return values[rank - 1];
}

Band confidence_band(std::int64_t n_points, const std::vector<PersistencePair>& full, const DiagramOf& diagram_of,
                     const BandOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto B = static_cast<std::size_t>(options.resamples);
  std::vector<std::vector<std::int64_t>> rows(B);
  for (std::size_t b = 0; b < B; ++b) rows[b] = resample_rows(n_points, options, static_cast<int>(b));

  Band band;
  band.distances.assign(B, 0.0);
  band.distances_by_dim.assign(B, std::vector<double>(static_cast<std::size_t>(options.max_dim + 1), 0.0));
  band.resample_size.assign(B, 0);
  std::vector<std::exception_ptr> errors(B);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t b; (b = next.fetch_add(1)) < B;) {
      try {
        const std::vector<PersistencePair> resampled = diagram_of(rows[b]);
        for (int d = 0; d <= options.max_dim; ++d) {
          const double dist = bottleneck_distance(full, resampled, d);
          band.distances_by_dim[b][static_cast<std::size_t>(d)] = dist;
          band.distances[b] = std::max(band.distances[b], dist);
        }
        band.resample_size[b] = static_cast<std::int64_t>(rows[b].size());
      } catch (...) {
        errors[b] = std::current_exception();
      }
    }
  };
  const auto n_threads = static_cast<std::size_t>(std::clamp<int>(options.threads, 1, options.resamples));
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < n_threads; ++t) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);

  band.c = upper_quantile(band.distances, options.alpha);
  band.two_c = 2 * band.c;
  for (int d = 0; d <= options.max_dim; ++d) {
    std::vector<double> v;
    for (const auto& row : band.distances_by_dim) v.push_back(row[static_cast<std::size_t>(d)]);
    band.c_by_dim.push_back(upper_quantile(v, options.alpha));
  }
  band.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return band;
}

}  // namespace factorlab
