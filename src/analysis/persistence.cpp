// factorlab/analysis/persistence.cpp — see persistence.h.
#include "factorlab/analysis/persistence.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "factorlab/analysis/distance_matrix.h"
#include "factorlab/analysis/landmarks.h"
#include "factorlab/analysis/ripser_engine.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/stopwatch.h"
#include "factorlab/core/threads.h"

namespace factorlab {
namespace {

constexpr int kTopPersistence = 3;  // per dimension, for claim texts


// The landmarks of a cloud: every point, in input order, when there are at most max_points;
// otherwise farthest-point sampling from row 0 or from a seeded row.
std::vector<std::int64_t> choose_landmarks(const Points& points, const PersistenceConfig& config, double* cover) {
  const std::int64_t n = points.rows();
  std::vector<std::int64_t> rows;
  if (n <= config.max_points) {
    for (std::int64_t i = 0; i < n; ++i) rows.push_back(i);
    if (cover) *cover = 0.0;
    return rows;
  }
  const std::int64_t first =
      config.landmark_start == LandmarkStart::Seeded ? seeded_start(n, static_cast<std::uint64_t>(config.seed)) : 0;
  return farthest_point_sampling(points, config.max_points, first, cover);
}

GudhiOptions gudhi_options(const PersistenceConfig& c) {
  GudhiOptions o;
  o.max_dim = c.max_dim;
  o.threshold_mode = c.threshold_mode;
  o.threshold = c.threshold;
  o.max_simplices = c.max_simplices;
  o.collapse_edges = c.collapse_edges;
  return o;
}

// The diagram of a whole cloud by the configured procedure (landmarks, distances, engine); fills the
// sizes and timings of `r` when given.
std::vector<PersistencePair> diagram(const Points& points, const PersistenceConfig& config, const std::string& ripser,
                                     PersistenceResult* r) {
  Stopwatch watch;
  double cover = 0.0;
  const std::vector<std::int64_t> landmarks = choose_landmarks(points, config, &cover);
  const double landmarks_s = watch.lap();
  const DistanceMatrix m = distance_matrix(points, landmarks);
  const double enclosing = enclosing_radius(m);
  const double distances_s = watch.lap();
  std::vector<PersistencePair> pairs;
  double threshold = enclosing;
  bool exact = true;
  GudhiDiagram g;
  if (config.engine == PersistenceEngine::Ripser) {
    pairs = ripser_diagram(m, config.max_dim, ripser);
  } else {
    g = gudhi_diagram(m, gudhi_options(config));
    pairs = std::move(g.pairs);
    threshold = g.threshold;
    exact = g.exact;
  }
  if (r) {
    r->landmarks = landmarks;
    r->cover_radius = cover;
    r->threshold = threshold;
    r->exact = exact;
    r->n_edges = g.n_edges;
    r->n_edges_kept = g.n_edges_kept;
    r->n_simplices = g.n_simplices;
    r->timing.landmarks_s = landmarks_s;
    r->timing.distances_s = distances_s;
    r->timing.threshold_s = g.threshold_s;
    r->timing.complex_s = g.complex_s;
    r->timing.persistence_s = config.engine == PersistenceEngine::Ripser ? watch.lap() : g.persistence_s;
  }
  return pairs;
}

Points select_rows(const Points& points, const std::vector<std::int64_t>& rows) {
  Points out(static_cast<Eigen::Index>(rows.size()), points.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = points.row(rows[i]);
  return out;
}

}  // namespace

PersistenceResult compute_persistence(const Points& points, const PersistenceConfig& config) {
  config.validate();
  require(points.rows() > 0, "persistent homology needs at least one point, got an empty point cloud");
  require(points.allFinite(), "persistent homology: the point cloud has non-finite coordinates (NaN or inf)");
  std::string ripser;
  if (config.engine == PersistenceEngine::Ripser) {
    ripser = find_ripser(config.ripser_program);
    require(!ripser.empty(), "persistence.engine = ripser needs the ripser program, and persistence.ripser_program = '" +
                                 config.ripser_program + "' is not there: install Debian's ripser package or set " +
                                 "persistence.engine = \"gudhi\"");
  }
  Stopwatch total;
  PersistenceResult r;
  r.engine = config.engine;
  r.betti_rule = config.betti_rule;
  r.max_dim = config.max_dim;
  r.betti_fraction = config.betti_fraction;
  r.n_points = points.rows();
  r.n_features = points.cols();
  r.pairs = diagram(points, config, ripser, &r);

  BandOptions& o = r.band_options;
  o.alpha = config.band_alpha;
  o.resamples = config.band_resamples;
  o.method = config.band_method;
  o.subsample_fraction = config.band_subsample_fraction;
  o.seed = static_cast<std::uint64_t>(config.seed);
  o.threads = resolve_threads(config.threads);
  o.max_dim = config.max_dim;
  const DiagramOf resampled = [&](const std::vector<std::int64_t>& rows) {
    return diagram(select_rows(points, rows), config, ripser, nullptr);
  };
  if (o.resamples > 0) {
    r.band = confidence_band(r.n_points, r.pairs, resampled, o);
    r.band.landmark_margin = 4 * r.cover_radius;  // 0 when every point is a landmark (confidence_band.h)
    r.band.significance = r.band.two_c + r.band.landmark_margin;
    r.timing.band_s = r.band.seconds;
  }

  r.reference_death = reference_death(r.pairs, r.threshold);
  if (o.resamples > 0) r.band_betti = band_betti(r.pairs, config.max_dim, r.band.significance, r.threshold);
  r.gap_betti = gap_betti(r.pairs, config.max_dim, r.threshold);
  r.fraction_betti = fraction_betti(r.pairs, config.max_dim, config.betti_fraction, r.threshold);
  r.betti = config.betti_rule == BettiRule::Band  ? r.band_betti
            : config.betti_rule == BettiRule::Gap ? r.gap_betti
                                                  : r.fraction_betti;
  r.top_persistence = top_persistence(r.pairs, config.max_dim, kTopPersistence, r.threshold);
  r.timing.total_s = total.lap();
  return r;
}

void write_persistence_csv(const std::string& path, const PersistenceResult& result) {
  std::ostringstream os;
  os.precision(17);
  os << "dim,birth,death\n";
  for (const auto& p : result.pairs) {
    os << p.dim << ',' << p.birth << ',';
    if (std::isfinite(p.death))
      os << p.death;
    else
      os << "inf";
    os << '\n';
  }
  write_file_atomic(path, os.str());
}

void write_band_csv(const std::string& path, const PersistenceResult& result) {
  std::ostringstream os;
  os.precision(17);
  const BandOptions& o = result.band_options;
  os << "alpha,resamples,method,seed,c,two_c,landmark_margin,significance\n"
     << o.alpha << ',' << o.resamples << ',' << enum_name(o.method, kBandMethodNames) << ',' << o.seed << ','
     << result.band.c << ',' << result.band.two_c << ',' << result.band.landmark_margin << ','
     << result.band.significance << '\n';
  write_file_atomic(path, os.str());
}

Json to_json(const PersistenceResult& result) {
  Json pairs = Json::array();
  for (const auto& p : result.pairs)
    pairs.push_back(Json::array({p.dim, p.birth, number_or_null(p.death)}));
  const auto& t = result.timing;
  const BandOptions& o = result.band_options;
  // With band_resamples = 0 (no band) every field of the band is null.
  const bool has_band = o.resamples > 0;
  auto or_null = [&](const Json& v) { return has_band ? v : Json(nullptr); };
  Json band{{"betti", or_null(result.band_betti)},
            {"c", or_null(result.band.c)},
            {"two_c", or_null(result.band.two_c)},
            {"landmark_margin", or_null(result.band.landmark_margin)},
            {"significance", or_null(result.band.significance)},
            {"alpha", o.alpha},
            {"resamples", o.resamples},
            {"method", enum_name(o.method, kBandMethodNames)},
            {"seed", o.seed},
            {"c_by_dim", or_null(result.band.c_by_dim)},
            {"distances", or_null(result.band.distances)},
            {"resample_points", or_null(result.band.resample_size)},
            {"seconds", or_null(result.band.seconds)}};
  if (o.method == BandMethod::Subsample) band["subsample_fraction"] = o.subsample_fraction;
  return Json{{"betti", result.betti},
              {"betti_rule", enum_name(result.betti_rule, kBettiRuleNames)},
              {"rules",
               {{"band", band},
                {"gap", {{"betti", result.gap_betti}}},
                {"fraction", {{"betti", result.fraction_betti}, {"fraction", result.betti_fraction}}}}},
              {"top_persistence", result.top_persistence},
              {"engine", enum_name(result.engine, kPersistenceEngineNames)},
              {"max_dim", result.max_dim},
              {"betti_fraction", result.betti_fraction},
              {"threshold", result.threshold},
              {"exact", result.exact},
              {"reference_death", result.reference_death},
              {"n_points", result.n_points},
              {"n_features", result.n_features},
              {"n_landmarks", result.landmarks.size()},
              {"cover_radius", result.cover_radius},
              {"n_edges", result.n_edges},
              {"n_edges_kept", result.n_edges_kept},
              {"n_simplices", result.n_simplices},
              {"timing_s",
               {{"landmarks", t.landmarks_s},
                {"distances", t.distances_s},
                {"threshold", t.threshold_s},
                {"complex", t.complex_s},
                {"persistence", t.persistence_s},
                {"band", t.band_s},
                {"total", t.total_s}}},
              {"landmarks", result.landmarks},
              {"pairs", pairs}};
}

}  // namespace factorlab
