// factorlab/percolation/lattice.h — site percolation of training examples on an L x L lattice.
// The centres of the training bumps form an L x L lattice with spacing d (open boundaries, not a
// torus); each site is kept with probability lambda; two kept sites are linked when their bumps
// overlap by more than a threshold, so wide bumps link beyond nearest neighbours (docs/design.md 8).
// The links of one sigma are a fixed set of lattice offsets, found once (LinkSet), and every trial
// labels clusters with union-find over them.
// Two measurements:
//   SiteLattice::run            canonical ensemble at a given lambda: kept sites, largest cluster,
//                               whether a cluster spans top-bottom and left-right;
//   SiteLattice::first_spanning Newman & Ziff (2001, PRE 64 016706): sites added one at a time in a
//                               random order; the occupied fraction at which a cluster first spans.
// Deliberately not: periodic lattices, bond percolation, or cluster statistics beyond the largest.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "factorlab/core/rng.h"
#include "factorlab/percolation/union_find.h"

namespace factorlab {

struct LatticeOffset {
  int di = 0, dj = 0;  // column and row displacement, in lattice units
};

// The links of one sigma. Only half of the symmetric offset set is stored (dj > 0, or dj == 0 and
// di > 0), so every linked pair is visited once.
struct LinkSet {
  std::vector<LatticeOffset> half_offsets;
  double radius = 0;  // largest linked centre distance, in pixels (0 when nothing links)
  int neighbours() const { return 2 * static_cast<int>(half_offsets.size()); }
};

// Overlap of two bumps whose centres differ by (dx, dy) pixels; must be symmetric under (dx, dy) -> -(dx, dy).
using OverlapFn = std::function<double(double dx, double dy)>;

// Every lattice offset (|di|, |dj| < L, centre distance d * |(di, dj)| <= search_radius pixels)
// whose overlap exceeds threshold. nearest_only keeps only (1, 0) and (0, 1), still subject to the
// threshold. The search radius must cover every offset that can link (for the analytic overlap,
// analytic_link_radius).
LinkSet make_link_set(const OverlapFn& overlap, double spacing, double threshold, double search_radius, int L,
                      bool nearest_only);

struct TrialResult {
  std::int32_t kept = 0;     // sites kept
  std::int32_t largest = 0;  // sites in the largest cluster (0 when none kept)
  bool spans_rows = false;   // one cluster holds a site of the top row and one of the bottom row
  bool spans_cols = false;   // ... of the left column and of the right column
  double ratio() const { return kept > 0 ? static_cast<double>(largest) / kept : 0.0; }
};

// Occupied fraction (sites added / L^2) at which a cluster first spans; NaN if it never does.
struct SpanningFractions {
  double rows = 0, cols = 0;
};

// One lattice and its working buffers; one instance per worker thread.
class SiteLattice {
 public:
  SiteLattice(int L, LinkSet links);

  // Keeps site k (row-major, k = j * L + i) when the k-th rng.uniform() < lambda, then links.
  TrialResult run(double lambda, Rng& rng);
  // Adds the sites in an order shuffled by rng (Fisher-Yates) until clusters span both ways.
  SpanningFractions first_spanning(Rng& rng);

  int side() const { return L_; }
  const LinkSet& links() const { return links_; }

 private:
  std::uint8_t edge_flags(std::int32_t site) const;
  int L_;
  LinkSet links_;
  UnionFind uf_;
  std::vector<std::uint8_t> kept_, flags_;
  std::vector<std::int32_t> order_;
};

}  // namespace factorlab
