// factorlab/analysis/analyze.cpp — see analyze.h.
#include "factorlab/analysis/analyze.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "factorlab/analysis/factorization.h"
#include "factorlab/analysis/pca.h"
#include "factorlab/analysis/persistence.h"
#include "factorlab/analysis/tori.h"
#include "factorlab/analysis/trustworthiness.h"
#include "factorlab/analysis/umap.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/run_files.h"

namespace factorlab {

namespace {

constexpr int kTopExplained = 4;      // the series of paper Fig. 2 tracks the top 4 components
constexpr int kProjected = 3;         // pca_projection.npy: enough for a 3D picture
constexpr int kTrustworthinessK = 5;  // sklearn's default neighbourhood

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::vector<double> head(const Eigen::VectorXd& v, int k) {
  const int m = std::min<int>(k, static_cast<int>(v.size()));
  return std::vector<double>(v.data(), v.data() + m);
}

// The numbers a reader looks at first; the full spectrum is in to_json(PcaResult).
Json pca_summary(const PcaResult& p) {
  return Json{{"participation_ratio", p.participation_ratio()},
              {"n_components_95", p.n_components_for(0.95)},
              {"numerical_rank", p.numerical_rank()},
              {"top4_explained", head(p.explained_ratio, kTopExplained)}};
}

Json persistence_summary(const PersistenceResult& r) {
  const Json full = to_json(r);
  return Json{{"betti", r.betti},           {"betti_rule", full["betti_rule"]},
              {"rules", {{"band", full["rules"]["band"]["betti"]}, {"gap", r.gap_betti}, {"fraction", r.fraction_betti}}},
              {"two_c", full["rules"]["band"]["two_c"]},
              {"betti_fraction", r.betti_fraction}, {"threshold", r.threshold},
              {"exact", r.exact},           {"reference_death", r.reference_death},
              {"n_simplices", r.n_simplices}, {"seconds", r.timing.total_s}};
}

// persistence<suffix>.csv and, with a band, persistence<suffix>_band.csv.
void write_persistence_files(const std::string& out_dir, const std::string& suffix, const PersistenceResult& h) {
  write_persistence_csv(out_dir + "/persistence" + suffix + ".csv", h);
  if (h.band_options.resamples > 0) write_band_csv(out_dir + "/persistence" + suffix + "_band.csv", h);
}

}  // namespace

Json analyze_representations(const Points& reps, const Points& labels, double N, const AnalysisConfig& config,
                             const std::string& out_dir, ReferenceTorus reference) {
  config.validate();
  require(reps.rows() == labels.rows(), "analyze: reps have " + std::to_string(reps.rows()) + " rows but labels have " +
                                            std::to_string(labels.rows()));
  require(labels.cols() == 2, "analyze: labels must be [n, 2] (mu_x, mu_y), got " + std::to_string(labels.cols()) +
                                  " columns");
  require(reps.rows() >= 4, "analyze: at least 4 conditions are needed, got " + std::to_string(reps.rows()));
  require(reps.cols() >= 1, "analyze: reps have no features");
  require(reps.allFinite(), "analyze: reps contain NaN or infinite values");
  require(std::isfinite(N) && N > 0, "analyze: N = " + format_number(N) + " must be a positive image side");
  require(config.persistence.pca_dims <= reps.cols(),
          "analysis.persistence.pca_dims = " + std::to_string(config.persistence.pca_dims) + " is more than the " +
              std::to_string(reps.cols()) + " features of the representation (allowed: 0 = off, 1 .. " +
              std::to_string(reps.cols()) + ")");
  ensure_writable_dir(out_dir);
  const auto t_all = Clock::now();
  Json j;
  j["n_points"] = reps.rows();
  j["n_features"] = reps.cols();
  j["N"] = N;
  Json timing;

  auto t0 = Clock::now();
  const PcaResult p = pca(reps, std::max(config.pca.k, kProjected), config.pca.method);
  timing["pca"] = seconds_since(t0);
  Json pj = to_json(p);
  pj.update(pca_summary(p));
  pj["k"] = config.pca.k;
  j["pca"] = pj;
  write_pca_csv(out_dir + "/pca.csv", p);
  write_npy(out_dir + "/pca_projection.npy",
            points_to_npy(p.projections.leftCols(std::min<Eigen::Index>(kProjected, p.projections.cols()))));

  t0 = Clock::now();
  const FactorizationReport f = factorization_report(reps, labels, N, config.factorization);
  timing["factorization"] = seconds_since(t0);
  j["factorization"] = to_json(f);
  write_ortho_csv(out_dir + "/ortho.csv", f);

  std::vector<int> betti;
  if (config.persistence_enabled) {
    t0 = Clock::now();
    const PersistenceResult h = compute_persistence(reps, config.persistence);
    timing["persistence"] = seconds_since(t0);
    j["persistence"] = to_json(h);
    write_persistence_files(out_dir, "", h);
    betti = h.betti;
    if (config.persistence.pca_dims > 0) {
      // The same procedure on the projections on the top pca_dims principal directions.
      t0 = Clock::now();
      const PcaResult q = pca(reps, config.persistence.pca_dims, config.pca.method);
      const PersistenceResult hp = compute_persistence(q.projections, config.persistence);
      timing["persistence_pca"] = seconds_since(t0);
      Json pj2 = to_json(hp);
      pj2["pca_dims"] = config.persistence.pca_dims;
      pj2["pca_explained"] = q.explained_ratio.head(q.projections.cols()).sum();
      j["persistence_pca"] = pj2;
      write_persistence_files(out_dir, "_pca", hp);
    }
  }

  Json uj = Json::object();
  for (int d : config.umap_dims) {
    UmapConfig u = config.umap;
    u.n_components = d;
    t0 = Clock::now();
    const UmapResult e = umap(reps, u);
    const std::string key = std::to_string(d) + "d";
    timing["umap_" + key] = seconds_since(t0);
    Json e_j = to_json(e);
    if (kTrustworthinessK < reps.rows() / 2)
      e_j["trustworthiness_5"] = trustworthiness(reps, e.embedding, kTrustworthinessK);
    uj[key] = e_j;
    write_embedding_csv(out_dir + (d == 2 ? "/umap.csv" : "/umap3d.csv"), e.embedding, labels);
  }
  j["umap"] = uj;

  if (reference != ReferenceTorus::None) {
    t0 = Clock::now();
    const Points ref = reference == ReferenceTorus::Torus3d ? torus_3d(labels, N) : clifford_torus(labels, N);
    const PcaResult rp = pca(ref, std::min<int>(config.pca.k, static_cast<int>(ref.cols())), config.pca.method);
    Json rj{{"name", enum_name(reference, kReferenceTorusNames)}, {"dim", ref.cols()}, {"pca", pca_summary(rp)}};
    if (config.persistence_enabled) rj["persistence"] = persistence_summary(compute_persistence(ref, config.persistence));
    timing["reference"] = seconds_since(t0);
    j["reference"] = rj;
  }

  j["summary"] = {{"participation_ratio", p.participation_ratio()},
                  {"n_components_95", p.n_components_for(0.95)},
                  {"top4_explained", head(p.explained_ratio, kTopExplained)},
                  {"betti", betti},
                  {"x_on_y_mean", f.model.x_on_y.mean},
                  {"x_parallel_mean", f.model.x_parallel.mean},
                  {"y_parallel_mean", f.model.y_parallel.mean}};
  timing["total"] = seconds_since(t_all);
  j["timing_s"] = timing;
  j["config"] = to_toml(config);
  write_json(in_folder(out_dir, kAnalysisJson), j);
  log_info("analyze: ", reps.rows(), " x ", reps.cols(), ", participation ratio ", p.participation_ratio(),
           betti.empty() ? std::string() : ", betti " + Json(betti).dump(), "; wrote ", in_folder(out_dir, kAnalysisJson));
  return j;
}

TrackRow track_row(std::int64_t step, const Json& analysis, std::optional<double> joint_accuracy) {
  require(analysis.contains("summary"), "track_row: the analysis JSON has no summary");
  const Json& s = analysis["summary"];
  TrackRow r;
  r.step = step;
  r.joint_accuracy = joint_accuracy;
  r.participation_ratio = s["participation_ratio"].get<double>();
  r.n_components_95 = s["n_components_95"].get<int>();
  r.top_explained = s["top4_explained"].get<std::vector<double>>();
  r.betti = s["betti"].get<std::vector<int>>();
  return r;
}

std::optional<double> joint_accuracy_at(const std::vector<Json>& metrics, std::int64_t step) {
  for (const Json& row : metrics) {
    if (!row.is_object() || !row.contains("step") || !row["step"].is_number_integer()) continue;
    if (row["step"].get<std::int64_t>() != step || !row.contains("eval")) continue;
    const Json& e = row["eval"];
    if (e.contains("all") && e["all"].contains("joint_accuracy") && e["all"]["joint_accuracy"].is_number())
      return e["all"]["joint_accuracy"].get<double>();
  }
  return std::nullopt;
}

void write_track(const std::string& out_dir, const std::vector<TrackRow>& rows, const Json& meta) {
  std::ostringstream csv;
  csv << "step,joint_accuracy,participation_ratio,n_components_95";
  for (int c = 1; c <= kTopExplained; ++c) csv << ",explained_" << c;
  csv << ",betti0,betti1,betti2\n";
  Json jrows = Json::array();
  for (const TrackRow& r : rows) {
    csv << r.step << ',' << (r.joint_accuracy ? format_number(*r.joint_accuracy) : "") << ','
        << format_number(r.participation_ratio) << ',' << r.n_components_95;
    Json explained = Json::array(), betti = Json::array();
    for (std::size_t c = 0; c < static_cast<std::size_t>(kTopExplained); ++c) {
      const bool has = c < r.top_explained.size();
      csv << ',' << (has ? format_number(r.top_explained[c]) : "");
      explained.push_back(has ? Json(r.top_explained[c]) : Json(nullptr));
    }
    for (std::size_t d = 0; d < 3; ++d) {
      const bool has = d < r.betti.size();
      csv << ',' << (has ? std::to_string(r.betti[d]) : "");
      betti.push_back(has ? Json(r.betti[d]) : Json(nullptr));
    }
    csv << '\n';
    jrows.push_back({{"step", r.step},
                     {"joint_accuracy", r.joint_accuracy ? Json(*r.joint_accuracy) : Json(nullptr)},
                     {"participation_ratio", r.participation_ratio},
                     {"n_components_95", r.n_components_95},
                     {"explained", explained},
                     {"betti", betti}});
  }
  write_file_atomic(out_dir + "/track.csv", csv.str());
  Json j = meta;
  j["rows"] = jrows;
  write_json(out_dir + "/track.json", j);
}

}  // namespace factorlab
