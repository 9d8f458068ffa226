// tests/percolation/test_outputs.cpp — the files of `factorlab percolate` from a tiny run: every CSV
// column and row, every JSON key, the .npz arrays and their shapes, and the resolved config.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/npy.h"
#include "factorlab/percolation/outputs.h"

namespace factorlab {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream is(text);
  for (std::string l; std::getline(is, l);) out.push_back(l);
  return out;
}

int cells(const std::string& line) {
  int n = 1;
  for (char ch : line) n += ch == ',';
  return n;
}

TEST(PercolationOutputs, TinyRunWritesEveryFile) {
  set_log_level(LogLevel::Warn);
  PercolationConfig c;
  c.sigma = {0.1, 1.0, 2.0};
  c.L = 8;
  c.lambda = {0.0, 0.5, 1.0};
  c.trials = 5;
  c.N = 8;  // sigma 2's overlap curve reaches 8 pixels: the last rows do not fit the frame
  const PercolationRun run = run_percolation(c, 1);
  const std::vector<OverlapRow> overlap = overlap_curves(c);
  const std::string dir = std::string(FACTORLAB_BINARY_DIR) + "/test-percolation-outputs";
  write_percolation_outputs(dir, c, run, overlap, PercolationTiming{0.5, 1.5});

  const std::vector<std::string> perc = lines(read_file(dir + "/percolation.csv"));
  ASSERT_EQ(perc.size(), 1u + 3 * 3);
  EXPECT_EQ(perc[0], "sigma,lambda,mean_ratio,std_ratio,mean_kept,trials,mean_largest,span_prob");
  for (const std::string& l : perc) EXPECT_EQ(cells(l), 8) << l;
  EXPECT_EQ(perc[9], "2,1,1,0,64,5,64,1");  // sigma 2 at lambda 1: the whole 8 x 8 lattice, one cluster

  const std::vector<std::string> ov = lines(read_file(dir + "/overlap.csv"));
  EXPECT_EQ(ov[0], "sigma,distance,analytic,pixel_open,pixel_periodic");
  ASSERT_EQ(ov.size(), 1 + overlap.size());
  for (const std::string& l : ov) EXPECT_EQ(cells(l), 5) << l;
  EXPECT_EQ(ov[1], "0.1,0,1,1,1");
  EXPECT_EQ(ov.back(), "2,8,0.01831563889,,");  // exp(-4), 8 pixels apart: fits neither 8-frame

  const Json j = read_json(dir + "/percolation.json");
  for (const char* key : {"config", "sigma", "critical_lambda", "per_sigma", "timing"}) EXPECT_TRUE(j.contains(key)) << key;
  for (const char* key : {"sigma", "d", "L", "lambda", "trials", "threshold", "seed", "links", "overlap", "N", "periodic"})
    EXPECT_TRUE(j["config"].contains(key)) << key;
  EXPECT_EQ(j["config"]["links"], "threshold");
  ASSERT_EQ(j["per_sigma"].size(), 3u);
  EXPECT_TRUE(j["critical_lambda"][0].is_null());  // sigma 0.1 never percolates
  const Json& s1 = j["per_sigma"][1];
  for (const char* key : {"sigma", "critical_lambda", "neighbour_radius", "neighbour_radius_sites", "neighbours",
                          "spanning_runs", "spanning_never"})
    EXPECT_TRUE(s1.contains(key)) << key;
  for (const char* key : {"ratio_half", "span_half", "steepest", "spanning_median"})
    EXPECT_TRUE(s1["critical_lambda"].contains(key)) << key;
  EXPECT_EQ(s1["neighbours"], 68);
  EXPECT_NEAR(s1["neighbour_radius"].get<double>(), std::sqrt(20.0), 1e-12);
  EXPECT_EQ(j["per_sigma"][0]["spanning_never"], 10);
  for (const char* key : {"threads", "links_s", "sweep_s", "spanning_s", "overlap_s", "total_s"})
    EXPECT_TRUE(j["timing"].contains(key)) << key;
  EXPECT_EQ(j["timing"]["total_s"], 1.5);

  const auto npz = read_npz(dir + "/percolation_figure.npz");
  const std::int64_t D = static_cast<std::int64_t>(overlap.size() / 3);
  const std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes = {
      {"sigma", {3}},          {"lambda", {3}},        {"mean_ratio", {3, 3}},         {"std_ratio", {3, 3}},
      {"span_prob", {3, 3}},   {"mean_kept", {3, 3}},  {"critical_lambda", {3}},       {"spanning_fractions", {3, 5, 2}},
      {"overlap_distance", {D}}, {"overlap_analytic", {3, D}}, {"overlap_pixel_open", {3, D}},
      {"overlap_pixel_periodic", {3, D}}};
  for (const auto& [name, shape] : shapes) {
    ASSERT_TRUE(npz.count(name)) << name;
    EXPECT_EQ(npz.at(name).shape, shape) << name;
    EXPECT_EQ(npz.at(name).dtype, DType::F64) << name;
  }
  EXPECT_EQ(npz.at("mean_ratio").data<double>()[8], 1.0);

  PercolationConfig back;
  read_config(load_toml(dir + "/config.toml"), back);
  EXPECT_EQ(back.sigma, c.sigma);
  EXPECT_EQ(back.lambda, c.lambda);
  EXPECT_EQ(back.N, 8);
}

}  // namespace
}  // namespace factorlab
