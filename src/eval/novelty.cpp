// factorlab/eval/novelty.cpp — see novelty.h.
// The nearest training image by |a|^2 - 2 a.b + |b|^2 in double (float products are exact in
// double), the training images transposed to [D, K] so the inner loop runs over images without a
// reduction (it vectorizes without reassociating sums), a block of kQueries samples sharing each
// load. The winner's distance is then recomputed directly, so an exact copy has d_train = 0.
#include "factorlab/eval/novelty.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "factorlab/eval/region_groups.h"

namespace factorlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kQueries = 4;   // samples per block
constexpr std::size_t kImages = 256;  // training images per block: kQueries x kImages doubles stay in L1

double l2(const float* a, const float* b, std::size_t D) {
  double sum = 0;
  for (std::size_t d = 0; d < D; ++d) {
    const double e = static_cast<double>(a[d]) - b[d];
    sum += e * e;
  }
  return std::sqrt(sum);
}

bool all_finite(const float* a, std::size_t D) {
  for (std::size_t d = 0; d < D; ++d)
    if (!std::isfinite(a[d])) return false;
  return true;
}

// Index of the nearest of K reference rows for each of M query rows ([M, D], [K, D]); -1 where the
// query's distances are not finite.
std::vector<std::int64_t> nearest_rows(const float* queries, std::size_t M, const float* refs, std::size_t K,
                                       std::size_t D) {
  std::vector<float> refs_t(D * K);  // [D, K]
  std::vector<double> ref_norms(K, 0.0);
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t d = 0; d < D; ++d) {
      const float v = refs[k * D + d];
      refs_t[d * K + k] = v;
      ref_norms[k] += static_cast<double>(v) * v;
    }
  std::vector<std::int64_t> best(M, -1);
  std::vector<double> block(kQueries * D);  // the block's queries as double, zero rows past M
  double acc[kQueries][kImages];
  for (std::size_t m0 = 0; m0 < M; m0 += kQueries) {
    const std::size_t mq = std::min(kQueries, M - m0);
    std::fill(block.begin(), block.end(), 0.0);
    double query_norms[kQueries] = {0, 0, 0, 0};
    for (std::size_t q = 0; q < mq; ++q)
      for (std::size_t d = 0; d < D; ++d) {
        const double v = queries[(m0 + q) * D + d];
        block[q * D + d] = v;
        query_norms[q] += v * v;
      }
    double best_d2[kQueries];
    std::fill(best_d2, best_d2 + kQueries, std::numeric_limits<double>::infinity());
    for (std::size_t k0 = 0; k0 < K; k0 += kImages) {
      const std::size_t kb = std::min(kImages, K - k0);
      for (auto& row : acc) std::fill(row, row + kb, 0.0);
      for (std::size_t d = 0; d < D; ++d) {
        const double a0 = block[d], a1 = block[D + d], a2 = block[2 * D + d], a3 = block[3 * D + d];
        const float* r = refs_t.data() + d * K + k0;
        for (std::size_t k = 0; k < kb; ++k) {
          const double b = r[k];
          acc[0][k] += a0 * b;
          acc[1][k] += a1 * b;
          acc[2][k] += a2 * b;
          acc[3][k] += a3 * b;
        }
      }
      for (std::size_t q = 0; q < mq; ++q)
        for (std::size_t k = 0; k < kb; ++k) {
          const double d2 = query_norms[q] - 2 * acc[q][k] + ref_norms[k0 + k];
          if (d2 < best_d2[q]) best_d2[q] = d2, best[m0 + q] = static_cast<std::int64_t>(k0 + k);
        }
    }
  }
  return best;
}

double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  const std::size_t h = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + h, v.end());
  if (v.size() % 2) return v[h];
  return 0.5 * (v[h] + *std::max_element(v.begin(), v.begin() + h));
}

std::string fixed(double v, const char* format) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

NoveltyReport measure_novelty(int N, const std::vector<float>& samples, const std::vector<float>& truth,
                              const std::vector<std::int8_t>& regions, const std::vector<float>& train_images,
                              double copy_ratio) {
  const std::size_t M = regions.size(), D = N > 0 ? static_cast<std::size_t>(N) * static_cast<std::size_t>(N) : 0;
  const std::size_t K = D > 0 ? train_images.size() / D : 0;
  if (N < 1 || samples.size() != M * D || truth.size() != M * D || K < 1 || train_images.size() != K * D)
    throw std::invalid_argument("measure_novelty: sizes disagree (N = " + std::to_string(N) + ", " + std::to_string(M) +
                                " regions, " + std::to_string(samples.size()) + " sample values, " +
                                std::to_string(truth.size()) + " truth values, " + std::to_string(train_images.size()) +
                                " training values; at least one training image is needed)");
  if (!(copy_ratio > 0 && copy_ratio < 1))
    throw std::invalid_argument("measure_novelty: copy_ratio = " + format_number(copy_ratio) + " must be in (0, 1)");

  NoveltyReport report;
  report.copy_ratio = copy_ratio;
  report.samples.resize(M);
  std::vector<RegionGroups> member(M);
  for (std::size_t m = 0; m < M; ++m) member[m] = region_groups(regions[m], "measure_novelty");

  const std::vector<std::int64_t> nearest = nearest_rows(samples.data(), M, train_images.data(), K, D);
  for (std::size_t m = 0; m < M; ++m) {
    NoveltySample& s = report.samples[m];
    const float* x = samples.data() + m * D;
    if (nearest[m] < 0 || !all_finite(x, D)) {
      s = NoveltySample{-1, kNaN, kNaN, false};
      continue;
    }
    s.nearest = nearest[m];
    s.d_train = l2(x, train_images.data() + static_cast<std::size_t>(s.nearest) * D, D);
    s.d_truth = l2(x, truth.data() + m * D, D);
    s.copies = s.d_train < copy_ratio * s.d_truth;
  }

  for (int g = 0; g < kRegionGroupCount; ++g) {
    NoveltyGroup out;
    out.name = kRegionGroupNames[g];
    std::vector<double> d_train, d_truth;
    for (std::size_t m = 0; m < M; ++m) {
      const RegionGroups& in = member[m];
      if (std::find(in.index, in.index + in.count, g) == in.index + in.count) continue;
      const NoveltySample& s = report.samples[m];
      ++out.count;
      out.copies += s.copies;
      if (std::isfinite(s.d_train)) d_train.push_back(s.d_train), d_truth.push_back(s.d_truth);
    }
    if (out.count == 0) continue;
    out.copy_rate = static_cast<double>(out.copies) / static_cast<double>(out.count);
    out.median_d_train = median(d_train);
    out.median_d_truth = median(d_truth);
    report.groups.push_back(out);
  }
  return report;
}

NoveltyReport measure_novelty(const EvalConditions& c, const std::vector<float>& samples,
                              const std::vector<float>& train_images, double copy_ratio) {
  return measure_novelty(c.N, samples, c.truth, c.regions, train_images, copy_ratio);
}

const NoveltyGroup* NoveltyReport::group(const std::string& name) const {
  for (const auto& g : groups)
    if (g.name == name) return &g;
  return nullptr;
}

Json NoveltyReport::to_json(bool with_samples) const {
  Json j;
  j["copy_ratio"] = copy_ratio;
  j["count"] = samples.size();
  Json gs = Json::object();
  for (const auto& g : groups)
    gs[g.name] = {{"count", g.count},
                  {"copies", g.copies},
                  {"copy_rate", g.copy_rate},
                  {"median_d_train", number_or_null(g.median_d_train)},
                  {"median_d_truth", number_or_null(g.median_d_truth)}};
  j["groups"] = gs;
  if (with_samples) {
    Json arr = Json::array();
    for (const auto& s : samples)
      arr.push_back({{"nearest", s.nearest >= 0 ? Json(s.nearest) : Json(nullptr)},
                     {"d_train", number_or_null(s.d_train)},
                     {"d_truth", number_or_null(s.d_truth)},
                     {"copies", s.copies}});
    j["samples"] = arr;
  }
  return j;
}

std::string NoveltyReport::format_table() const {
  std::ostringstream os;
  char line[160];
  std::snprintf(line, sizeof line, "%-13s %7s %7s %8s %12s %12s", "group", "count", "copies", "copy%", "med d_train",
                "med d_truth");
  os << line;
  for (const auto& g : groups) {
    std::snprintf(line, sizeof line, "\n%-13s %7lld %7lld %8s %12s %12s", g.name.c_str(),
                  static_cast<long long>(g.count), static_cast<long long>(g.copies),
                  fixed(100.0 * g.copy_rate, "%.1f").c_str(), fixed(g.median_d_train, "%.4f").c_str(),
                  fixed(g.median_d_truth, "%.4f").c_str());
    os << line;
  }
  os << "\n(a copy: distance to the nearest training image < " << format_number(copy_ratio)
     << " x distance to the ground truth; L2 over pixel values)";
  return os.str();
}

}  // namespace factorlab
