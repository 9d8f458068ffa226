// factorlab/experiments/results.cpp — see results.h.
#include "factorlab/experiments/results.h"

#include "factorlab/core/fs.h"

namespace factorlab {
namespace {

Json read_if_exists(const std::string& path) { return file_exists(path) ? read_json(path) : Json(); }

void copy_number(Json& out, const std::string& key, const Json& from, const char* field) {
  if (from.is_object() && from.contains(field) && from[field].is_number()) out[key] = from[field];
}

void add_eval(Json& out, const Json& eval) {
  if (!eval.is_object()) return;
  copy_number(out, "eval.step", eval, "step");
  if (!eval.contains("groups") || !eval["groups"].is_object()) return;
  for (const auto& [group, g] : eval["groups"].items()) {
    const std::string p = "eval." + group + ".";
    copy_number(out, p + "x", g, "x_accuracy");
    copy_number(out, p + "y", g, "y_accuracy");
    copy_number(out, p + "joint", g, "joint_accuracy");
    copy_number(out, p + "not_gaussian", g, "not_gaussian_rate");
    copy_number(out, p + "mse", g, "mse");
    copy_number(out, p + "count", g, "count");
  }
}

void add_analysis(Json& out, const Json& a) {
  if (!a.is_object()) return;
  if (a.contains("pca")) {
    const Json& pca = a["pca"];
    copy_number(out, "probe.participation_ratio", pca, "participation_ratio");
    copy_number(out, "probe.n_components_95", pca, "n_components_95");
    if (pca.contains("top4_explained") && pca["top4_explained"].is_array())
      for (std::size_t i = 0; i < pca["top4_explained"].size(); ++i)
        out["probe.explained_" + std::to_string(i + 1)] = pca["top4_explained"][i];
  }
  if (a.contains("persistence") && a["persistence"].contains("betti") && a["persistence"]["betti"].is_array()) {
    const Json& b = a["persistence"]["betti"];
    for (std::size_t i = 0; i < b.size(); ++i) out["probe.betti" + std::to_string(i)] = b[i];
  }
  if (a.contains("factorization") && a["factorization"].is_object())
    for (const auto& [which, f] : a["factorization"].items())
      for (const char* stat : {"x_on_y", "x_on_x", "y_on_y", "x_parallel", "y_parallel"})
        if (f.is_object() && f.contains(stat)) copy_number(out, "probe." + which + "." + stat + "_mean", f[stat], "mean");
}

}  // namespace

Json collect_run_results(const std::string& run_dir) {
  Json out = Json::object();
  add_eval(out, read_if_exists(run_dir + "/eval.json"));
  const Json train = read_if_exists(run_dir + "/train.json");
  for (const char* k : {"steps", "seconds", "images_per_s", "last_loss", "parameters"})
    copy_number(out, std::string("train.") + k, train, k);
  const Json data = read_if_exists(run_dir + "/data.json");
  copy_number(out, "data.N", data, "N");
  copy_number(out, "data.n_train", data, "train");
  copy_number(out, "data.n_ood", data, "ood");
  add_analysis(out, read_if_exists(run_dir + "/analysis/analysis.json"));
  const Json stages = read_if_exists(run_dir + "/stages.json");
  if (stages.is_array())
    for (const auto& s : stages)
      if (s.is_object() && s.contains("stage") && s["stage"].is_string())
        copy_number(out, "time." + s["stage"].get<std::string>(), s, "seconds");
  return out;
}

Json write_run_results(const std::string& run_dir) {
  Json r = collect_run_results(run_dir);
  write_json(run_dir + "/results.json", r);
  return r;
}

}  // namespace factorlab
