// factorlab/eval/placement.cpp — see placement.h.
#include "factorlab/eval/placement.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "factorlab/data/dataset.h"
#include "factorlab/data/holdout.h"
#include "factorlab/eval/region_groups.h"

namespace factorlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kRoundingSlack = 1e-9;

struct Accumulator {
  GroupScore g;
  double mse_sum = 0;
  std::int64_t mse_count = 0;
  void add(const SampleResult& s) {
    ++g.count;
    g.x_judged += s.judged_x;
    g.y_judged += s.judged_y;
    const bool judged = s.judged_x || s.judged_y;
    g.judged += judged;
    g.x_correct += s.correct_x;
    g.y_correct += s.correct_y;
    g.joint_correct += s.joint;
    g.not_gaussian += s.not_gaussian;
    if (std::isfinite(s.mse)) mse_sum += s.mse, ++mse_count;
  }
  GroupScore finish() {
    const auto ratio = [](std::int64_t a, std::int64_t b) { return b > 0 ? static_cast<double>(a) / b : kNaN; };
    g.x_accuracy = ratio(g.x_correct, g.x_judged);
    g.y_accuracy = ratio(g.y_correct, g.y_judged);
    g.joint_accuracy = ratio(g.joint_correct, g.judged);
    g.not_gaussian_rate = ratio(g.not_gaussian, g.judged);
    g.mse = mse_count > 0 ? mse_sum / mse_count : kNaN;
    return g;
  }
};

std::string percent(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", 100.0 * v);
  return buf;
}

}  // namespace

PlacementOptions placement_options(const EvalConfig& c, bool periodic) {
  PlacementOptions o;
  o.tolerance = c.tolerance;
  o.window_radius = c.window_radius;
  o.peak_min = c.peak_min;
  o.second_peak_fraction = c.second_peak_fraction;
  o.periodic = periodic;
  return o;
}

PlacementReport score_placements(int N, const std::vector<float>& samples, const std::vector<float>& targets,
                                 const std::vector<std::int8_t>& kinds, const std::vector<std::int8_t>& regions,
                                 const std::vector<Shape>& shapes, const PlacementOptions& opt,
                                 const std::vector<float>& truth) {
  const std::size_t M = kinds.size(), pix = static_cast<std::size_t>(N) * N;
  if (N < 1 || samples.size() != M * pix || targets.size() != 2 * M || regions.size() != M || shapes.size() != M ||
      (!truth.empty() && truth.size() != M * pix))
    throw std::invalid_argument("score_placements: sizes disagree (N = " + std::to_string(N) + ", " +
                                std::to_string(M) + " kinds, " + std::to_string(samples.size()) + " sample values, " +
                                std::to_string(targets.size()) + " target values, " + std::to_string(regions.size()) +
                                " regions, " + std::to_string(shapes.size()) + " shapes, " +
                                std::to_string(truth.size()) + " truth values)");
  PlacementReport report;
  report.options = opt;
  report.samples.resize(M);
  Accumulator acc[kRegionGroupCount];
  for (int g = 0; g < kRegionGroupCount; ++g) acc[g].g.name = kRegionGroupNames[g];

  for (std::size_t m = 0; m < M; ++m) {
    const float* img = samples.data() + m * pix;
    const std::int8_t kind = kinds[m];
    if (kind < kKind2D || kind > kKind0D)
      throw std::invalid_argument("score_placements: unknown kind code " + std::to_string(kind));
    const RegionGroups groups = region_groups(regions[m], "score_placements");

    SampleResult& s = report.samples[m];
    const Location loc = locate(shapes[m], img, N, opt.window_radius, opt.periodic);
    s.x_hat = loc.x.position;
    s.y_hat = loc.y.position;
    const double mu_x = targets[2 * m], mu_y = targets[2 * m + 1];
    s.dx = opt.periodic ? wrap_diff(s.x_hat - mu_x, N) : s.x_hat - mu_x;
    s.dy = opt.periodic ? wrap_diff(s.y_hat - mu_y, N) : s.y_hat - mu_y;
    s.judged_x = kind == kKind2D || kind == kKind1DX;
    s.judged_y = kind == kKind2D || kind == kKind1DY;
    const auto single = [&](const Peak1D& axis) {
      return is_single_gaussian(axis, shapes[m], opt.peak_min, opt.second_peak_fraction);
    };
    const bool judged = s.judged_x || s.judged_y;
    s.not_gaussian = judged && (!loc.finite || (s.judged_x && !single(loc.x)) || (s.judged_y && !single(loc.y)));
    const double tol = opt.tolerance + kRoundingSlack;
    s.correct_x = s.judged_x && !s.not_gaussian && std::fabs(s.dx) <= tol;
    s.correct_y = s.judged_y && !s.not_gaussian && std::fabs(s.dy) <= tol;
    s.joint = judged && (s.correct_x || !s.judged_x) && (s.correct_y || !s.judged_y);

    s.mse = kNaN;
    if (!truth.empty() && loc.finite) {
      const float* gt = truth.data() + m * pix;
      double sum = 0;
      for (std::size_t k = 0; k < pix; ++k) {
        const double d = static_cast<double>(img[k]) - gt[k];
        sum += d * d;
      }
      s.mse = sum / static_cast<double>(pix);
    }

    for (int g = 0; g < groups.count; ++g) acc[groups.index[g]].add(s);
  }
  for (auto& a : acc)
    if (a.g.count > 0) report.groups.push_back(a.finish());
  return report;
}

PlacementReport score_placements(const EvalConditions& c, const std::vector<float>& samples,
                                 const PlacementOptions& options) {
  PlacementOptions o = options;
  o.periodic = c.periodic;
  return score_placements(c.N, samples, c.labels, c.kinds, c.regions, c.shapes, o, c.truth);
}

const GroupScore* PlacementReport::group(const std::string& name) const {
  for (const auto& g : groups)
    if (g.name == name) return &g;
  return nullptr;
}

Json PlacementReport::to_json(bool with_samples) const {
  Json j;
  j["tolerance"] = options.tolerance;
  j["window_radius"] = options.window_radius;
  j["peak_min"] = options.peak_min;
  j["second_peak_fraction"] = options.second_peak_fraction;
  j["periodic"] = options.periodic;
  j["count"] = samples.size();
  Json gs = Json::object();
  for (const auto& g : groups)
    gs[g.name] = {{"count", g.count},
                  {"x_judged", g.x_judged},
                  {"y_judged", g.y_judged},
                  {"judged", g.judged},
                  {"x_correct", g.x_correct},
                  {"y_correct", g.y_correct},
                  {"joint_correct", g.joint_correct},
                  {"not_gaussian", g.not_gaussian},
                  {"x_accuracy", number_or_null(g.x_accuracy)},
                  {"y_accuracy", number_or_null(g.y_accuracy)},
                  {"joint_accuracy", number_or_null(g.joint_accuracy)},
                  {"not_gaussian_rate", number_or_null(g.not_gaussian_rate)},
                  {"mse", number_or_null(g.mse)}};
  j["groups"] = gs;
  if (with_samples) {
    Json arr = Json::array();
    for (const auto& s : samples)
      arr.push_back({{"x_hat", s.x_hat},
                     {"y_hat", s.y_hat},
                     {"dx", s.dx},
                     {"dy", s.dy},
                     {"correct_x", s.judged_x ? Json(s.correct_x) : Json(nullptr)},
                     {"correct_y", s.judged_y ? Json(s.correct_y) : Json(nullptr)},
                     {"joint", (s.judged_x || s.judged_y) ? Json(s.joint) : Json(nullptr)},
                     {"not_gaussian", s.not_gaussian},
                     {"mse", number_or_null(s.mse)}});
    j["samples"] = arr;
  }
  return j;
}

std::string PlacementReport::format_table() const {
  std::ostringstream os;
  char line[160];
  std::snprintf(line, sizeof line, "%-13s %7s %8s %8s %8s %8s %11s", "group", "count", "x acc%", "y acc%", "joint%",
                "not-G%", "mse");
  os << line;
  for (const auto& g : groups) {
    char mse[32] = "-";
    if (std::isfinite(g.mse)) std::snprintf(mse, sizeof mse, "%.3e", g.mse);
    std::snprintf(line, sizeof line, "\n%-13s %7lld %8s %8s %8s %8s %11s", g.name.c_str(),
                  static_cast<long long>(g.count), percent(g.x_accuracy).c_str(), percent(g.y_accuracy).c_str(),
                  percent(g.joint_accuracy).c_str(), percent(g.not_gaussian_rate).c_str(), mse);
    os << line;
  }
  os << "\n(tolerance " << format_number(options.tolerance) << " px; a 1D sample is judged on its visible axis; "
     << "'-': no sample judged)";
  return os.str();
}

}  // namespace factorlab
