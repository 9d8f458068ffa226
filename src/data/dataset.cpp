// factorlab/data/dataset.cpp — see dataset.h.
#include "factorlab/data/dataset.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "factorlab/core/error.h"
#include "factorlab/core/rng.h"

namespace factorlab {

namespace {
constexpr double kEps = 1e-9;

// Distance of a coordinate from the frame's pixel centres [0, N-1]; 0 inside.
double outside_by(double mu, int N) { return std::max({0.0, -mu, mu - (N - 1)}); }

struct Candidate {
  double x, y;
  std::int8_t kind, region;
};
}  // namespace

const char* kind_name(int kind) {
  switch (kind) {
    case kKind2D: return "2d";
    case kKind1DX: return "1d_x";
    case kKind1DY: return "1d_y";
    case kKind0D: return "0d";
  }
  return "unknown";
}

std::int8_t label_kind(int N, double mu_x, double mu_y, double rim_x, double rim_y, bool* is_rim) {
  const double ox = outside_by(mu_x, N), oy = outside_by(mu_y, N);
  // A coordinate is visible if it lies in the frame or within the rim of it.
  const bool vis_x = ox <= rim_x + kEps, vis_y = oy <= rim_y + kEps;
  if (is_rim) *is_rim = (ox > kEps && vis_x) || (oy > kEps && vis_y);
  if (vis_x && vis_y) return kKind2D;
  if (vis_x) return kKind1DX;
  if (vis_y) return kKind1DY;
  return kKind0D;
}

std::vector<double> lattice(double lo, double hi, double d) {
  std::vector<double> v;
  const auto n = static_cast<std::int64_t>(std::floor((hi - lo) / d + 1e-6)) + 1;
  for (std::int64_t i = 0; i < n; ++i) v.push_back(lo + static_cast<double>(i) * d);
  return v;
}

Dataset build_dataset(const DataConfig& config) {
  config.validate();
  Dataset ds;
  const int N = config.N, m = config.margin_px();
  ds.N = N;
  ds.margin = m;
  const std::size_t pix = static_cast<std::size_t>(N) * N;
  for (std::size_t p = 0; p < config.parts.size(); ++p) {
    const PartConfig& part = config.parts[p];
    const bool frame = part.layout == Layout::Frame;
    const double lo = frame ? 0.0 : -m, hi = frame ? N - 1.0 : N - 1.0 + m;
    const auto xs = part.x_range.empty() ? lattice(lo, hi, part.dx) : lattice(part.x_range[0], part.x_range[1], part.dx);
    const auto ys = part.y_range.empty() ? lattice(lo, hi, part.dy) : lattice(part.y_range[0], part.y_range[1], part.dy);
    const double rim_x = part.rim >= 0 ? part.rim : 2.0 * part.sx();
    const double rim_y = part.rim >= 0 ? part.rim : 2.0 * part.sy();
    std::vector<Candidate> train, test;
    for (double y : ys)
      for (double x : xs) {
        const bool in_x = outside_by(x, N) <= kEps, in_y = outside_by(y, N) <= kEps;
        // stripes: exactly one coordinate in the margin (both, for 0D examples when asked).
        if (part.layout == Layout::Stripes && in_x == in_y && !(part.include_0d && !in_x)) continue;
        bool rim = false;
        const std::int8_t kind = label_kind(N, x, y, rim_x, rim_y, &rim);
        if (rim && part.drop_rim) continue;
        if (kind == kKind0D && !part.include_0d) continue;
        const std::int8_t region = holdout_region(part.holdout, N, x, y);
        if (region != kRegionId) test.push_back({x, y, kind, region});
        else if (part.role == Role::Train) train.push_back({x, y, kind, region});
      }
    if (part.subsample < 1.0) {
      // Keep exactly round(lambda * n) lattice points, chosen by a seeded shuffle of this part.
      Rng rng = Rng::derive(static_cast<std::uint64_t>(config.seed), "subsample", p);
      const auto keep = static_cast<std::size_t>(std::lround(part.subsample * static_cast<double>(train.size())));
      std::vector<std::size_t> idx(train.size());
      for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
      rng.shuffle(idx);
      idx.resize(keep);
      std::sort(idx.begin(), idx.end());
      std::vector<Candidate> kept;
      for (auto i : idx) kept.push_back(train[i]);
      train.swap(kept);
    }
    const ShapeParams sp = part.shape_params();
    auto emit = [&](const std::vector<Candidate>& cs, std::vector<float>& images, std::vector<float>& labels,
                    std::vector<std::int8_t>& kinds, std::vector<std::int8_t>& parts, std::vector<std::int8_t>* regions) {
      const std::size_t base = kinds.size();
      images.resize((base + cs.size()) * pix);
      for (std::size_t i = 0; i < cs.size(); ++i) {
        render(sp, N, cs[i].x, cs[i].y, images.data() + (base + i) * pix);
        labels.push_back(static_cast<float>(cs[i].x));
        labels.push_back(static_cast<float>(cs[i].y));
        kinds.push_back(cs[i].kind);
        parts.push_back(static_cast<std::int8_t>(p));
        if (regions) regions->push_back(cs[i].region);
      }
    };
    emit(train, ds.images, ds.labels, ds.kinds, ds.parts, nullptr);
    emit(test, ds.ood_images, ds.ood_labels, ds.ood_kinds, ds.ood_parts, &ds.ood_regions);
  }
  if (ds.size() == 0) throw InputError("data: the config selects no training examples (check holdouts and subsample)");
  return ds;
}

std::string dataset_summary(const DataConfig& config, const Dataset& d) {
  std::ostringstream os;
  os << "N = " << d.N << ", margin = " << d.margin << ": " << d.size() << " training examples, " << d.ood_size()
     << " OOD test conditions";
  for (std::size_t p = 0; p < config.parts.size(); ++p) {
    const PartConfig& part = config.parts[p];
    std::int64_t counts[4] = {0, 0, 0, 0}, test = 0;
    for (std::int64_t i = 0; i < d.size(); ++i)
      if (d.parts[i] == static_cast<std::int8_t>(p)) ++counts[d.kinds[i]];
    for (std::int64_t i = 0; i < d.ood_size(); ++i)
      if (d.ood_parts[i] == static_cast<std::int8_t>(p)) ++test;
    os << "\n  " << (part.name.empty() ? "part" + std::to_string(p) : part.name) << " ("
       << enum_name(part.shape, kShapeNames) << ", " << enum_name(part.layout, kLayoutNames)
       << (part.periodic ? ", periodic" : "") << ", " << enum_name(part.role, kRoleNames) << "): train";
    for (int k = 0; k < 4; ++k)
      if (counts[k]) os << " " << kind_name(k) << "=" << counts[k];
    os << ", test " << test;
  }
  return os.str();
}

}  // namespace factorlab
