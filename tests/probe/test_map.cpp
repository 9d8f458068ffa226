// tests/probe/test_map.cpp — the representation map's torch-free part (probe/map.h): MapConfig's
// default and given timesteps and its errors naming "map.<key>", the blocks in forward order, a cell
// read back from a real analysis of a Clifford torus (analyze.h), and map.csv / map.json.
#include "factorlab/probe/map.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "factorlab/analysis/tori.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/analysis/analyze.h"

#include "../support/expect_error.h"

namespace factorlab {
namespace {

using test_support::expect_input_error;

std::string test_dir(const std::string& name) {
  const std::string dir = std::string(FACTORLAB_BINARY_DIR) + "/test_output/probe_map/" + name;
  make_dirs(dir);
  return dir;
}

TEST(MapConfig, DefaultTimestepsSpanFivePercentToNinetyFivePercentOfT) {
  const MapConfig c;
  EXPECT_EQ(c.resolved_t(1000), (std::vector<int>{50, 275, 500, 725, 950}));
  MapConfig three;
  three.n_t = 3;
  EXPECT_EQ(three.resolved_t(100), (std::vector<int>{5, 50, 95}));
  MapConfig one;
  one.n_t = 1;
  EXPECT_EQ(one.resolved_t(1000), (std::vector<int>{500}));
  MapConfig many;  // T = 4: rounding gives repeats, each timestep is kept once
  many.n_t = 10;
  const std::vector<int> small = many.resolved_t(4);
  EXPECT_TRUE(std::is_sorted(small.begin(), small.end()));
  EXPECT_EQ(std::adjacent_find(small.begin(), small.end()), small.end());
  EXPECT_LE(small.back(), 3);
}

TEST(MapConfig, GivenTimestepsAreSortedAndChecked) {
  MapConfig c;
  c.t = {900, 10, 500};
  EXPECT_EQ(c.resolved_t(1000), (std::vector<int>{10, 500, 900}));
  c.t = {10, 1000};
  expect_input_error([&] { c.resolved_t(1000); }, "map.t = 1000 is out of range (allowed: 0 .. 999 for T = 1000)");
  c.t = {-1};
  expect_input_error([&] { c.validate(); }, "map.t = -1 is out of range");
  c.t = {5, 7, 5};
  expect_input_error([&] { c.validate(); }, "map.t lists the timestep 5 twice");
  c.t = {};
  c.n_t = 0;
  expect_input_error([&] { c.validate(); }, "map.n_t = 0 is out of range");
  MapConfig r;
  read_config(parse_toml("t = [1, 2]\nn_t = 3\n", "test"), r);
  EXPECT_EQ(r.t, (std::vector<int>{1, 2}));
  EXPECT_EQ(r.n_t, 3);
}

TEST(Map, BlocksAreTheNineUNetBlocksInForwardOrder) {
  EXPECT_EQ(map_blocks(), (std::vector<std::string>{"stem", "down1", "down2", "down3", "mid", "up1", "up2", "up3",
                                                     "out"}));
}

// A cell read from analyze_representations' own JSON: the Clifford torus (cos a, sin a, cos b, sin b)
// on a 6 x 6 grid has four equal covariance eigenvalues (participation ratio 4), x-on-y 0, opposite
// cosine -1 and curve PR 2; the Betti numbers are whatever the analysis reported.
TEST(Map, CellReadsTheAnalysisJson) {
  const Points labels = grid_labels(6, 6, 6.0);
  AnalysisConfig config;
  config.umap_dims.clear();
  const Json a = analyze_representations(clifford_torus(labels, 6.0), labels, 6.0, config, test_dir("cell"));
  const MapCell c = map_cell("mid", 500, a);
  ASSERT_EQ(c.values.size(), map_columns().size());
  EXPECT_EQ(c.block, "mid");
  EXPECT_EQ(c.t, 500);
  EXPECT_NEAR(c.value("participation_ratio"), a["pca"]["participation_ratio"].get<double>(), 0);
  EXPECT_NEAR(c.value("participation_ratio"), 4.0, 1e-9);
  EXPECT_NEAR(c.value("x_on_y_mean"), 0.0, 1e-9);
  EXPECT_NEAR(c.value("x_opposite_mean"), -1.0, 1e-9);
  EXPECT_NEAR(c.value("y_opposite_mean"), -1.0, 1e-9);
  EXPECT_NEAR(c.value("x_curve_pr_mean"), 2.0, 1e-9);
  for (int d = 0; d < 3; ++d)
    EXPECT_EQ(c.value("betti" + std::to_string(d)), a["persistence"]["betti"][static_cast<std::size_t>(d)].get<double>());
  EXPECT_EQ(c.value("n_features"), 4);
  EXPECT_EQ(c.value("persistence_exact"), a["persistence"]["exact"].get<bool>() ? 1.0 : 0.0);
  EXPECT_TRUE(std::isnan(c.value("no_such_column")));
  // Persistence off: no Betti numbers, the rest still there.
  config.persistence_enabled = false;
  const MapCell off = map_cell("out", 10, analyze_representations(clifford_torus(labels, 6.0), labels, 6.0, config,
                                                                  test_dir("cell_off")));
  EXPECT_TRUE(std::isnan(off.value("betti1")));
  EXPECT_TRUE(std::isnan(off.value("persistence_exact")));
  EXPECT_NEAR(off.value("x_opposite_mean"), -1.0, 1e-9);
}

TEST(Map, WritesCsvAndJson) {
  const std::string dir = test_dir("files");
  MapCell a;
  a.block = "stem";
  a.t = 50;
  a.values.assign(map_columns().size(), std::nan(""));
  MapCell b = a;
  b.block = "mid";
  b.values[0] = 4.5;  // participation_ratio
  write_map(dir, {a, b}, Json{{"run", "r"}});
  std::istringstream in(read_file(dir + "/map.csv"));
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].substr(0, 99),
            "block,t,participation_ratio,betti0,betti1,betti2,x_on_y_mean,x_opposite_mean,y_opposite_mean,n_comp");
  EXPECT_EQ(std::count(lines[0].begin(), lines[0].end(), ','), static_cast<long>(map_columns().size()) + 1);
  EXPECT_EQ(lines[1], "stem,50" + std::string(map_columns().size(), ','));
  EXPECT_EQ(lines[2].substr(0, 11), "mid,50,4.5,");
  const Json j = read_json(dir + "/map.json");
  EXPECT_EQ(j["run"], "r");
  EXPECT_EQ(j["columns"].size(), map_columns().size());
  ASSERT_EQ(j["cells"].size(), 2u);
  EXPECT_TRUE(j["cells"][0]["participation_ratio"].is_null());
  EXPECT_EQ(j["cells"][1]["participation_ratio"], 4.5);
  EXPECT_EQ(map_cell_dir("m", "down2", 7), "m/cells/down2_t0007");
}

}  // namespace
}  // namespace factorlab
