// factorlab/report/run_numbers.cpp — see run_numbers.h.
#include "factorlab/report/run_numbers.h"

#include <cmath>
#include <cstdio>

#include "factorlab/core/fs.h"
#include "factorlab/core/run_files.h"

namespace factorlab {
namespace {

// The statistics of analysis.json "factorization" (analysis/factorization.h), each read as
// probe.<model|torus_3d|clifford_torus>.<statistic>_mean / _std / _count.
const char* const kStatistics[] = {"x_on_y",     "x_on_x",     "y_on_y",     "x_parallel", "y_parallel",
                                   "x_opposite", "y_opposite", "x_curve_pr", "y_curve_pr"};

Json read_if_exists(const std::string& path) { return file_exists(path) ? read_json(path) : Json(); }

// Sets key to v unless the key is already known (results.json wins) or v is not a finite number.
void fill_value(Numbers& out, const std::string& key, const Json& v) {
  if (!out.count(key) && v.is_number() && std::isfinite(v.get<double>())) out[key] = v.get<double>();
}

void fill(Numbers& out, const std::string& key, const Json& obj, const char* field) {
  if (obj.is_object() && obj.contains(field)) fill_value(out, key, obj[field]);
}

// eval.json of the model (prefix "eval") or of the memorizing baseline (RUN/optimal, "baseline"):
// each group's accuracies, and its copy rate from "novelty" (eval/novelty.h).
void fill_eval(Numbers& out, const Json& eval, const std::string& prefix) {
  if (!eval.is_object()) return;
  fill(out, prefix + ".step", eval, "step");
  if (eval.contains("novelty") && eval["novelty"].is_object() && eval["novelty"].contains("groups") &&
      eval["novelty"]["groups"].is_object())
    for (const auto& [group, g] : eval["novelty"]["groups"].items()) {
      fill(out, prefix + "." + group + ".copy_rate", g, "copy_rate");
      fill(out, prefix + "." + group + ".copies", g, "copies");
    }
  if (!eval.contains("groups") || !eval["groups"].is_object()) return;
  for (const auto& [group, g] : eval["groups"].items()) {
    const std::string p = prefix + "." + group + ".";
    fill(out, p + "x", g, "x_accuracy");
    fill(out, p + "y", g, "y_accuracy");
    fill(out, p + "joint", g, "joint_accuracy");
    fill(out, p + "not_gaussian", g, "not_gaussian_rate");
    fill(out, p + "mse", g, "mse");
    fill(out, p + "count", g, "count");
  }
}

void fill_analysis(Numbers& out, const Json& a) {
  if (!a.is_object()) return;
  if (a.contains("pca") && a["pca"].is_object()) {
    const Json& pca = a["pca"];
    fill(out, "probe.participation_ratio", pca, "participation_ratio");
    fill(out, "probe.n_components_95", pca, "n_components_95");
    if (pca.contains("top4_explained") && pca["top4_explained"].is_array())
      for (std::size_t i = 0; i < pca["top4_explained"].size(); ++i)
        fill_value(out, "probe.explained_" + std::to_string(i + 1), pca["top4_explained"][i]);
  }
  // Persistence (analysis/persistence.h): the chosen rule's Betti numbers, every rule's, the band and
  // the top persistences; the PCA reading's Betti numbers when there is one.
  auto fill_array = [&](const std::string& prefix, const Json& obj, const char* field) {
    if (obj.is_object() && obj.contains(field) && obj[field].is_array())
      for (std::size_t i = 0; i < obj[field].size(); ++i) fill_value(out, prefix + std::to_string(i), obj[field][i]);
  };
  if (a.contains("persistence") && a["persistence"].is_object()) {
    const Json& h = a["persistence"];
    fill_array("probe.betti", h, "betti");
    if (h.contains("rules") && h["rules"].is_object()) {
      const Json& rules = h["rules"];
      if (rules.contains("band")) {
        fill(out, "probe.band_c", rules["band"], "c");
        fill(out, "probe.band_2c", rules["band"], "two_c");
        fill(out, "probe.band_significance", rules["band"], "significance");
      }
      if (rules.contains("gap")) fill_array("probe.gap_betti", rules["gap"], "betti");
      if (rules.contains("fraction")) fill_array("probe.fraction_betti", rules["fraction"], "betti");
    }
    if (h.contains("top_persistence") && h["top_persistence"].is_array())
      for (std::size_t d = 0; d < h["top_persistence"].size(); ++d)
        if (h["top_persistence"][d].is_array())
          for (std::size_t k = 0; k < h["top_persistence"][d].size(); ++k)
            fill_value(out, "probe.h" + std::to_string(d) + "_persistence_" + std::to_string(k + 1),
                       h["top_persistence"][d][k]);
  }
  if (a.contains("persistence_pca")) fill_array("probe.pca_betti", a["persistence_pca"], "betti");
  if (a.contains("factorization") && a["factorization"].is_object())
    for (const auto& [which, f] : a["factorization"].items())
      for (const char* stat : kStatistics)
        if (f.is_object() && f.contains(stat))
          for (const char* field : {"mean", "std", "count"})
            fill(out, "probe." + which + "." + stat + "_" + field, f[stat], field);
}

// metrics.jsonl: the last training line gives steps, seconds, throughput and loss when train.json
// (the lead's summary) is not there.
void fill_metrics(Numbers& out, const std::string& path) {
  if (!file_exists(path)) return;
  const std::vector<Json> rows = read_jsonl(path);
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    if (!it->is_object() || !it->contains("loss")) continue;
    fill(out, "train.steps", *it, "step");
    fill(out, "train.seconds", *it, "elapsed_s");
    fill(out, "train.images_per_s", *it, "images_per_s");
    fill(out, "train.last_loss", *it, "loss");
    return;
  }
}

}  // namespace

Numbers numbers_from_json(const Json& flat) {
  Numbers out;
  if (!flat.is_object()) return out;
  for (const auto& [k, v] : flat.items()) {
    if (v.is_boolean()) out[k] = v.get<bool>() ? 1.0 : 0.0;
    if (v.is_number() && std::isfinite(v.get<double>())) out[k] = v.get<double>();
  }
  return out;
}

Numbers collect_run_numbers(const std::string& run_dir) {
  Numbers out = numbers_from_json(read_if_exists(in_folder(run_dir, kResults)));
  for (const auto& [k, v] : numbers_from_stage_files(run_dir)) out.emplace(k, v);  // results.json wins
  return out;
}

Numbers numbers_from_stage_files(const std::string& run_dir) {
  Numbers out;
  fill_eval(out, read_if_exists(in_folder(run_dir, kEvalJson)), "eval");
  fill_eval(out, read_if_exists(in_folder(run_dir, kBaselineDir, kEvalJson)), "baseline");
  const Json train = read_if_exists(run_dir + "/train.json");
  for (const char* k : {"steps", "seconds", "images_per_s", "last_loss", "parameters"})
    fill(out, std::string("train.") + k, train, k);
  fill_metrics(out, in_folder(run_dir, kMetrics));
  const Json data = read_if_exists(in_folder(run_dir, kDataJson));
  fill(out, "data.N", data, "N");
  fill(out, "data.n_train", data, "train");
  fill(out, "data.n_ood", data, "ood");
  fill_analysis(out, read_if_exists(in_folder(run_dir, kAnalysisDir, kAnalysisJson)));
  const Json stages = read_if_exists(in_folder(run_dir, kStages));
  if (stages.is_array())
    for (const Json& s : stages)
      if (s.is_object() && s.contains("stage") && s["stage"].is_string())
        fill(out, "time." + s["stage"].get<std::string>(), s, "seconds");
  return out;
}

std::optional<double> lookup(const Numbers& numbers, const std::string& key) {
  const auto it = numbers.find(key);
  if (it == numbers.end() || !std::isfinite(it->second)) return std::nullopt;
  return it->second;
}

std::string format_value(std::optional<double> v) {
  if (!v) return "not measured";
  char buf[32];
  if (*v == std::round(*v) && std::fabs(*v) < 1e9)
    std::snprintf(buf, sizeof buf, "%.0f", *v);
  else
    std::snprintf(buf, sizeof buf, "%.4g", *v);
  return buf;
}

std::string format_percent(std::optional<double> v) {
  if (!v) return "not measured";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100.0 * *v);
  return buf;
}

}  // namespace factorlab
