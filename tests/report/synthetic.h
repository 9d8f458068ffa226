// tests/report/synthetic.h — small run and study folders written by the tests, in the formats the
// stages write (eval.json, analysis/*, track.csv, stages.json, metrics.jsonl, study.json, ...).
#pragma once
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "factorlab/core/fs.h"
#include "factorlab/core/image.h"
#include "factorlab/core/json.h"
#include "factorlab/core/npy.h"

namespace factorlab::testing {

inline std::string fresh_dir(const std::string& name) {
  const std::string dir = std::string(FACTORLAB_BINARY_DIR) + "/test-report-" + name;
  std::filesystem::remove_all(dir);
  make_dirs(dir);
  return dir;
}

// eval.json with groups {name: joint accuracy}; x and y accuracy are given per group too.
struct GroupAcc {
  std::string name;
  double x, y, joint;
};
inline void write_eval(const std::string& run, const std::vector<GroupAcc>& groups) {
  Json g = Json::object();
  for (const auto& a : groups)
    g[a.name] = {{"count", 10}, {"x_accuracy", a.x}, {"y_accuracy", a.y}, {"joint_accuracy", a.joint},
                 {"not_gaussian_rate", 0.0}, {"mse", 0.001}};
  write_json(run + "/eval.json", Json{{"tolerance", 1.0}, {"groups", g}, {"step", 400}, {"checkpoint", "c"}});
}

// A whole factorization run on a 6 x 6 grid of conditions: every file the run report reads.
inline void write_factorization_run(const std::string& run) {
  make_dirs(run + "/analysis");
  make_dirs(run + "/probe");
  write_file_atomic(run + "/config.toml", "[run]\nname = 'factorization'\n\n[train]\nsteps = 400\n");
  write_json(run + "/stages.json", Json::array({{{"stage", "data"}, {"seconds", 0.5}},
                                                {{"stage", "train"}, {"seconds", 120.0}},
                                                {{"stage", "report"}, {"status", "skipped"}}}));
  std::string metrics;
  for (int step = 50; step <= 400; step += 50) {
    Json row{{"step", step}, {"loss", 1.0 / step}, {"images_per_s", 100.0}, {"elapsed_s", step * 0.3}};
    if (step % 200 == 0) row["eval"] = {{"all", {{"joint_accuracy", step / 400.0}, {"count", 10}}}};
    metrics += row.dump() + "\n";
  }
  write_file_atomic(run + "/metrics.jsonl", metrics);
  write_eval(run, {{"all", 0.99, 0.98, 0.97}, {"id", 0.99, 0.98, 0.97}});
  write_json(run + "/data.json", Json{{"N", 32}, {"train", 1024}, {"ood", 0}});
  auto stat = [](double mean) { return Json{{"mean", mean}, {"count", 10}}; };
  Json fact = Json::object();
  fact["model"] = {{"x_on_y", stat(0.1)}, {"x_parallel", stat(0.9)}, {"y_parallel", stat(0.85)}};
  fact["clifford_torus"] = {{"x_on_y", stat(0.0)}, {"x_parallel", stat(1.0)}, {"y_parallel", stat(1.0)}};
  fact["torus_3d"] = {{"x_on_y", stat(0.5)}, {"x_parallel", stat(0.3)}, {"y_parallel", stat(0.4)}};
  write_json(run + "/analysis/analysis.json",
             Json{{"pca", {{"participation_ratio", 6.5}, {"n_components_95", 8}, {"top4_explained", {0.3, 0.25, 0.2, 0.1}}}},
                  {"persistence", {{"betti", {1, 2, 1}}}},
                  {"factorization", fact}});
  std::string pca = "component,eigenvalue,explained_ratio,cumulative\n";
  for (int c = 1; c <= 6; ++c) pca += std::to_string(c) + "," + std::to_string(1.0 / c) + "," + std::to_string(0.4 / c) + ",0.5\n";
  write_file_atomic(run + "/analysis/pca.csv", pca);
  std::string ortho = "statistic,bin_lo,bin_hi,count\n";
  for (const char* src : {"model", "torus_3d", "clifford_torus"})
    for (const char* s : {"x_on_y", "x_on_x", "y_on_y", "x_parallel", "y_parallel"})
      for (int b = 0; b < 4; ++b)
        ortho += std::string(src) + "." + s + "," + std::to_string(b * 0.25) + "," + std::to_string((b + 1) * 0.25) +
                 "," + std::to_string(b + 1) + "\n";
  write_file_atomic(run + "/analysis/ortho.csv", ortho);
  write_file_atomic(run + "/analysis/persistence.csv", "dim,birth,death\n0,0,inf\n0,0,0.5\n1,0.2,1.5\n1,0.3,1.4\n2,0.6,1.1\n");
  write_file_atomic(run + "/analysis/persistence_band.csv", "alpha,resamples,method,seed,c,two_c\n0.05,20,bootstrap,0,0.2,0.4\n");
  std::string umap = "index,mu_x,mu_y,u1,u2\n";
  std::vector<float> labels, proj;
  for (int j = 0; j < 6; ++j)
    for (int i = 0; i < 6; ++i) {
      const double kPi = 3.14159265358979323846, a = 2 * kPi * i / 6, b = 2 * kPi * j / 6;
      umap += std::to_string(j * 6 + i) + "," + std::to_string(i) + "," + std::to_string(j) + "," +
              std::to_string(std::cos(a) * (2 + std::cos(b))) + "," + std::to_string(std::sin(a) * (2 + std::cos(b))) + "\n";
      labels.insert(labels.end(), {static_cast<float>(i), static_cast<float>(j)});
      proj.insert(proj.end(), {static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a)), static_cast<float>(std::cos(b))});
    }
  write_file_atomic(run + "/analysis/umap.csv", umap);
  write_npy(run + "/analysis/pca_projection.npy", NpyArray::from_f32({36, 3}, proj.data()));
  write_npy(run + "/probe/labels.npy", NpyArray::from_f32({36, 2}, labels.data()));
  write_png(run + "/samples.png", RgbImage(16, 16, Rgb{200, 100, 50}));
}

// track.csv and two tracked checkpoints with PCA pictures.
inline void write_track(const std::string& run) {
  write_file_atomic(run + "/track.csv",
                    "step,joint_accuracy,participation_ratio,n_components_95,explained_1,explained_2,explained_3,"
                    "explained_4,betti0,betti1,betti2\n"
                    "100,,20,15,0.2,0.1,0.1,0.05,1,0,0\n200,0.5,9,8,0.3,0.2,0.1,0.1,1,2,1\n400,1,8.5,8,0.3,0.25,0.2,0.1,1,2,1\n");
  for (const char* step : {"step_00000100", "step_00000200", "step_00000400"}) {
    const std::string d = run + "/track/" + step;
    make_dirs(d);
    std::filesystem::copy_file(run + "/analysis/pca_projection.npy", d + "/pca_projection.npy");
    std::filesystem::copy_file(run + "/probe/labels.npy", d + "/labels.npy");
  }
}

// A study folder: study.json with these runs ({name, labels}) and each run folder with a results.json.
struct SynthRun {
  std::string name;
  Json labels;
  Json results;
};
inline void write_study(const std::string& dir, const std::string& kind, const std::vector<SynthRun>& runs,
                        const std::string& percolation = "") {
  Json j{{"name", kind + "-test"}, {"kind", kind}, {"runs", Json::array()}};
  if (!percolation.empty()) j["percolation"] = percolation;
  for (const auto& r : runs) {
    j["runs"].push_back({{"name", r.name}, {"dir", "runs/" + r.name}, {"labels", r.labels}, {"overrides", {"train.steps=10"}}});
    make_dirs(dir + "/runs/" + r.name);
    write_json(dir + "/runs/" + r.name + "/results.json", r.results);
  }
  write_json(dir + "/study.json", j);
}

}  // namespace factorlab::testing
