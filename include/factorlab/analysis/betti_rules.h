// factorlab/analysis/betti_rules.h — three rules that read Betti numbers off a persistence diagram
// (which bars are signal, which are sampling noise). In every rule an essential bar (death = +inf,
// alive where the filtration stops) has the persistence `threshold - birth`, the part of it that was
// observed; with the whole filtration (the ripser engine, or gudhi at the enclosing radius) the only
// essential bar is the one H0 class that never dies, and `threshold` is the enclosing radius.
//  band:     a bar counts when its persistence exceeds 2c, c the half-width of a confidence band for
//            the diagram (confidence_band.h; Fasy, Lecci, Rinaldo, Wasserman, Balakrishnan, Singh,
//            "Confidence sets for persistence diagrams", Annals of Statistics 2014: a point farther
//            than c from the diagonal in the L-infinity metric, i.e. persistence > 2c, is significant).
//            The H0 class that never dies is always counted: the band's bottleneck matching pairs it
//            with itself, so the band says nothing about it.
//  gap:      in each dimension the persistences sorted descending, p_1 >= ... >= p_m, with p_{m+1} = 0
//            appended; the count is the smallest i that maximises p_i - p_{i+1}: the bars above the
//            largest gap. Edge cases: no bar gives 0; any bar gives at least 1 (noise alone reads as
//            one class, the gap to 0 being the largest), so this rule cannot say "none" for a
//            dimension with bars; ties between gaps go to fewer bars.
//  fraction: a bar counts when its persistence exceeds `fraction` x reference_death (below), a scale
//            that ignores how noisy the sample is (docs/analysis.md measures where it fails).
// Deliberately not here: computing diagrams or the band's c.
#pragma once
#include <vector>

#include "factorlab/analysis/diagram.h"
#include "factorlab/core/config.h"

namespace factorlab {

enum class BettiRule { Band, Gap, Fraction };
inline const EnumNames<BettiRule> kBettiRuleNames = {
    {"band", BettiRule::Band}, {"gap", BettiRule::Gap}, {"fraction", BettiRule::Fraction}};

// death - birth; threshold - birth for an essential bar.
double bar_persistence(const PersistencePair& p, double threshold);

// The largest death in the window [0, threshold] of the filtration: finite deaths, and threshold for
// an essential bar (it is only known to live until there), leaving out the one H0 bar that never
// dies. With the whole filtration (threshold >= enclosing radius) this is the largest finite death.
double reference_death(const std::vector<PersistencePair>& pairs, double threshold);

// Each returns [max_dim + 1] counts for dims 0 .. max_dim (bars of other dims are ignored).
std::vector<int> fraction_betti(const std::vector<PersistencePair>& pairs, int max_dim, double fraction,
                                double threshold);
std::vector<int> gap_betti(const std::vector<PersistencePair>& pairs, int max_dim, double threshold);
std::vector<int> band_betti(const std::vector<PersistencePair>& pairs, int max_dim, double two_c, double threshold);

// Per dimension 0 .. max_dim the `count` largest persistences (bar_persistence), descending; fewer
// when the dimension has fewer bars.
std::vector<std::vector<double>> top_persistence(const std::vector<PersistencePair>& pairs, int max_dim, int count,
                                                 double threshold);

}  // namespace factorlab
