// factorlab/analysis/persistence_config.h — the settings of persistent homology (persistence.h):
// engine, landmarks, the gudhi engine's threshold, the Betti rule and the confidence band. Plain
// C++ without Eigen, so configs that embed it build where the analysis itself is left out
// (docs/gpu.md).
#pragma once
#include <cstdint>
#include <string>

#include "factorlab/analysis/betti_rules.h"
#include "factorlab/analysis/confidence_band.h"
#include "factorlab/core/config.h"

namespace factorlab {

// Where the gudhi engine's filtration stops (gudhi_engine.h).
enum class ThresholdMode { Auto, Enclosing, Absolute };
inline const EnumNames<ThresholdMode> kThresholdModeNames = {
    {"auto", ThresholdMode::Auto}, {"enclosing", ThresholdMode::Enclosing}, {"absolute", ThresholdMode::Absolute}};

enum class PersistenceEngine { Ripser, Gudhi };
inline const EnumNames<PersistenceEngine> kPersistenceEngineNames = {{"ripser", PersistenceEngine::Ripser},
                                                                     {"gudhi", PersistenceEngine::Gudhi}};

// Where farthest-point sampling starts: point 0, or an index drawn from `seed`.
enum class LandmarkStart { First, Seeded };
inline const EnumNames<LandmarkStart> kLandmarkStartNames = {{"first", LandmarkStart::First},
                                                             {"seeded", LandmarkStart::Seeded}};

// The default landmark count. Debian's ripser up to H2 on the whole filtration grows about as k^3.5
// (docs/analysis.md, "Speed of persistent homology"; a torus-like cloud in R^256 on 2 loaded cores):
// 1.87 s for 256 points, 3.01 s for 300, 8.55 s for 400, 32.9 s for 600, more than 170 s and 4 GB for
// 1000; the band repeats it band_resamples times (12.4 s for B = 20 on 256 points). 256 keeps the
// default experiment's whole representation (a 16 x 16 grid) and its band within seconds.
constexpr int kDefaultMaxPoints = 256;

struct PersistenceConfig {
  PersistenceEngine engine = PersistenceEngine::Ripser;
  std::string ripser_program = "/usr/bin/ripser";  // a path, or a name looked up on PATH
  int max_points = kDefaultMaxPoints;    // landmarks (farthest-point sampling) when the cloud is larger
  int max_dim = 2;                       // homology H0 .. H_max_dim (needs (max_dim + 1)-simplices)
  LandmarkStart landmark_start = LandmarkStart::First;
  std::int64_t seed = 0;                 // the landmark start (when seeded) and the band's resamples
  // gudhi engine only (the ripser engine always computes the whole filtration):
  ThresholdMode threshold_mode = ThresholdMode::Auto;
  double threshold = 0.0;                // edge length, used when threshold_mode = absolute
  std::int64_t max_simplices = 4000000;  // size budget of the complex (GUDHI: about 1 us of persistence each)
  bool collapse_edges = true;            // edge collapse before expansion: same diagram, far fewer simplices
  // Betti numbers (betti_rules.h) and the confidence band (confidence_band.h):
  BettiRule betti_rule = BettiRule::Band;  // the rule behind `betti`; all three are reported
  double betti_fraction = 0.1;           // fraction rule: persistence > fraction x reference_death
  double band_alpha = 0.05;              // band: c is the (1 - alpha) quantile of the resample distances
  int band_resamples = 20;               // band: B, at least 10; 0 = no band (only with rule gap or fraction)
  BandMethod band_method = BandMethod::Bootstrap;
  double band_subsample_fraction = 0.5;  // band_method = subsample: the share of the points kept
  int threads = 0;                       // workers for the band's resamples; 0 = one per core

  template <class V>
  void visit(V& v) {
    v("engine", engine, kPersistenceEngineNames);
    v("ripser_program", ripser_program);
    v("max_points", max_points);
    v("max_dim", max_dim);
    v("landmark_start", landmark_start, kLandmarkStartNames);
    v("seed", seed);
    v("threshold_mode", threshold_mode, kThresholdModeNames);
    v("threshold", threshold);
    v("max_simplices", max_simplices);
    v("collapse_edges", collapse_edges);
    v("betti_rule", betti_rule, kBettiRuleNames);
    v("betti_fraction", betti_fraction);
    v("band_alpha", band_alpha);
    v("band_resamples", band_resamples);
    v("band_method", band_method, kBandMethodNames);
    v("band_subsample_fraction", band_subsample_fraction);
    v("threads", threads);
  }
  void validate() const;  // InputError naming the key (prefix "persistence.")
};

}  // namespace factorlab
