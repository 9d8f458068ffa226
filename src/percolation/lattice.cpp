// factorlab/percolation/lattice.cpp — see lattice.h.
#include "factorlab/percolation/lattice.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace factorlab {
namespace {
constexpr std::uint8_t kTop = 1, kBottom = 2, kLeft = 4, kRight = 8;
constexpr std::uint8_t kRows = kTop | kBottom, kCols = kLeft | kRight;
}  // namespace

LinkSet make_link_set(const OverlapFn& overlap, double spacing, double threshold, double search_radius, int L,
                      bool nearest_only) {
  if (!(spacing > 0)) throw std::invalid_argument("make_link_set: spacing must be > 0");
  if (L < 1) throw std::invalid_argument("make_link_set: L must be >= 1");
  LinkSet links;
  const double reach = std::floor(search_radius / spacing);
  const int r = static_cast<int>(std::min(reach, static_cast<double>(L - 1)));
  for (int dj = 0; dj <= r; ++dj) {
    for (int di = (dj == 0 ? 1 : -r); di <= r; ++di) {
      if (nearest_only && di * di + dj * dj != 1) continue;
      const double dist = spacing * std::sqrt(static_cast<double>(di * di + dj * dj));
      if (dist > search_radius) continue;
      if (overlap(di * spacing, dj * spacing) > threshold) {
        links.half_offsets.push_back({di, dj});
        links.radius = std::max(links.radius, dist);
      }
    }
  }
  return links;
}

SiteLattice::SiteLattice(int L, LinkSet links) : L_(L), links_(std::move(links)) {
  if (L < 1 || L > 46340)  // L^2 must fit an int32 site index
    throw std::invalid_argument("SiteLattice: L = " + std::to_string(L) + " out of range (allowed: 1 .. 46340)");
  const std::size_t n = static_cast<std::size_t>(L) * static_cast<std::size_t>(L);
  kept_.resize(n);
  flags_.resize(n);
}

std::uint8_t SiteLattice::edge_flags(std::int32_t site) const {
  const int i = site % L_, j = site / L_;
  std::uint8_t f = 0;
  if (j == 0) f |= kTop;
  if (j == L_ - 1) f |= kBottom;
  if (i == 0) f |= kLeft;
  if (i == L_ - 1) f |= kRight;
  return f;
}

TrialResult SiteLattice::run(double lambda, Rng& rng) {
  const std::int32_t n = L_ * L_;
  TrialResult r;
  for (std::int32_t k = 0; k < n; ++k) {
    kept_[static_cast<std::size_t>(k)] = rng.uniform() < lambda ? 1 : 0;
    r.kept += kept_[static_cast<std::size_t>(k)];
  }
  if (r.kept == 0) return r;
  uf_.reset(n);
  for (int j = 0; j < L_; ++j) {
    for (int i = 0; i < L_; ++i) {
      const std::int32_t s = j * L_ + i;
      if (!kept_[static_cast<std::size_t>(s)]) continue;
      for (const LatticeOffset& o : links_.half_offsets) {
        const int ii = i + o.di, jj = j + o.dj;
        if (ii < 0 || ii >= L_ || jj >= L_) continue;  // jj >= j always (half offsets)
        const std::int32_t t = jj * L_ + ii;
        if (kept_[static_cast<std::size_t>(t)]) uf_.unite(s, t);
      }
    }
  }
  // The union-find counts dropped sites as singletons; the largest cluster of kept sites is at
  // least 1, and a singleton dropped site never exceeds it.
  r.largest = uf_.largest();
  std::fill(flags_.begin(), flags_.end(), std::uint8_t{0});
  for (std::int32_t s = 0; s < n; ++s) {
    if (!kept_[static_cast<std::size_t>(s)]) continue;
    const std::uint8_t f = edge_flags(s);
    if (f) flags_[static_cast<std::size_t>(uf_.find(s))] |= f;
  }
  for (std::int32_t s = 0; s < n; ++s) {
    const std::uint8_t f = flags_[static_cast<std::size_t>(s)];
    if ((f & kRows) == kRows) r.spans_rows = true;
    if ((f & kCols) == kCols) r.spans_cols = true;
  }
  return r;
}

SpanningFractions SiteLattice::first_spanning(Rng& rng) {
  const std::int32_t n = L_ * L_;
  order_.resize(static_cast<std::size_t>(n));
  for (std::int32_t k = 0; k < n; ++k) order_[static_cast<std::size_t>(k)] = k;
  rng.shuffle(order_);
  uf_.reset(n);
  std::fill(kept_.begin(), kept_.end(), std::uint8_t{0});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  SpanningFractions out{nan, nan};
  bool rows = false, cols = false;
  for (std::int32_t added = 1; added <= n && !(rows && cols); ++added) {
    const std::int32_t s = order_[static_cast<std::size_t>(added - 1)];
    const int i = s % L_, j = s / L_;
    kept_[static_cast<std::size_t>(s)] = 1;
    flags_[static_cast<std::size_t>(s)] = edge_flags(s);
    for (const LatticeOffset& o : links_.half_offsets) {
      for (int sign = -1; sign <= 1; sign += 2) {  // a new site links in both directions
        const int ii = i + sign * o.di, jj = j + sign * o.dj;
        if (ii < 0 || ii >= L_ || jj < 0 || jj >= L_) continue;
        const std::int32_t t = jj * L_ + ii;
        if (!kept_[static_cast<std::size_t>(t)]) continue;
        const std::int32_t ra = uf_.find(s), rb = uf_.find(t);
        if (ra == rb) continue;
        const std::uint8_t f = flags_[static_cast<std::size_t>(ra)] | flags_[static_cast<std::size_t>(rb)];
        flags_[static_cast<std::size_t>(uf_.unite(ra, rb))] = f;
      }
    }
    const std::uint8_t f = flags_[static_cast<std::size_t>(uf_.find(s))];
    const double fraction = static_cast<double>(added) / n;
    if (!rows && (f & kRows) == kRows) {
      rows = true;
      out.rows = fraction;
    }
    if (!cols && (f & kCols) == kCols) {
      cols = true;
      out.cols = fraction;
    }
  }
  return out;
}

}  // namespace factorlab
