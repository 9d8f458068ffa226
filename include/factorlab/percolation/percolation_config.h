// factorlab/percolation/percolation_config.h — what `factorlab percolate` simulates (docs/design.md 8).
// One plain struct with in-class defaults (those of docs/design.md 8), its fields listed once in visit(),
// and validate(), which runs before any work. Keys are named like the CLI options (--sigma, --d,
// --L, --lambda, ...), so a message about a key names the option too.
// Also the parser for number lists as the CLI takes them: "0.1,0.5,1,2" and "0:1:0.02" (lo:hi:step).
// Deliberately not: thread count or output folder (they do not change the results).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/core/config.h"

namespace factorlab {

// How the overlap of two bumps is computed: exp(-d^2 / (4 sigma^2)), or measured on rendered images.
enum class OverlapModel { Analytic, Pixel };
inline const EnumNames<OverlapModel> kOverlapModelNames = {{"analytic", OverlapModel::Analytic},
                                                           {"pixel", OverlapModel::Pixel}};

// Which kept pairs may link: any whose overlap exceeds the threshold, or nearest neighbours only.
enum class LinkRule { Threshold, NearestNeighbour };
inline const EnumNames<LinkRule> kLinkRuleNames = {{"threshold", LinkRule::Threshold},
                                                   {"nearest_neighbour", LinkRule::NearestNeighbour}};

// lo, lo + step, ..., up to hi inclusive (hi is kept when within 1e-9 steps); each value rounded to
// 12 significant digits so 0:1:0.02 gives 0.06, not 0.06000000000000001. InputError naming `option`
// if step <= 0, hi < lo, or more than 1e6 values.
std::vector<double> range_values(double lo, double hi, double step, const std::string& option = "range");

// Comma-separated items, each a number or lo:hi:step; spaces around items are ignored. InputError
// naming `option` (e.g. "--lambda") for an empty item, a non-number, a non-finite value or a bad range.
std::vector<double> parse_number_list(const std::string& option, const std::string& text);

struct PercolationConfig {
  std::vector<double> sigma = {0.1, 0.5, 1.0, 2.0};           // bump widths, pixels
  double d = 1.0;                                               // lattice spacing, pixels
  int L = 32;                                                   // lattice side (L x L centres)
  std::vector<double> lambda = range_values(0.0, 1.0, 0.02);  // keep probabilities, increasing
  int trials = 200;                                             // per (sigma, lambda); also spanning runs
  double threshold = 0.005;                                     // link when overlap > threshold
  std::int64_t seed = 0;
  LinkRule links = LinkRule::Threshold;
  OverlapModel overlap = OverlapModel::Analytic;
  int N = 32;             // frame side for the pixel overlap (and the pixel columns of overlap.csv)
  bool periodic = false;  // pixel overlap on the torus instead of the finite frame

  template <class V>
  void visit(V& v) {
    v("sigma", sigma);
    v("d", d);
    v("L", L);
    v("lambda", lambda);
    v("trials", trials);
    v("threshold", threshold);
    v("seed", seed);
    v("links", links, kLinkRuleNames);
    v("overlap", overlap, kOverlapModelNames);
    v("N", N);
    v("periodic", periodic);
  }
  void validate() const;
};

}  // namespace factorlab
