// End-to-end: `factorlab analyze RUN --map` on a tiny trained run: map.csv has every block of the UNet
// at every timestep, each cell's analysis files exist, map.json says what was run, the run report has
// the map's heatmaps; bad --map inputs give one-line errors with exit code 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "cli_runner.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"

using namespace factorlab;

namespace {

const char* const kBlocks[] = {"stem", "down1", "down2", "down3", "mid", "up1", "up2", "up3", "out"};

// N = 8, 10 steps, one checkpoint: the map's numbers need a network, not a trained one.
const std::string& tiny_run() {
  static const std::string run = [] {
    const std::string dir = fresh_dir("map");
    const CliResult r = run_factorlab(
        "train default --set data.N=8 --set train.steps=10 --set model.base_width=8 --set model.cond_dim=16 "
        "--set train.batch_size=16 --set train.checkpoint_every=10 --set train.log_every=10 "
        "--set train.eval_every=0 --set run.threads=1 --out " + dir + "/run");
    EXPECT_EQ(r.code, 0) << r.output;
    return dir + "/run";
  }();
  return run;
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::size_t s = 0;
    for (std::size_t c; (c = line.find(',', s)) != std::string::npos; s = c + 1) cells.push_back(line.substr(s, c - s));
    cells.push_back(line.substr(s));
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST(CliMap, EveryBlockAtEveryDefaultTimestepAndTheReportDrawsIt) {
  const std::string run = tiny_run();
  const CliResult r = run_factorlab("analyze " + run + " --map --grid 4 --set analysis.persistence.max_points=12");
  ASSERT_EQ(r.code, 0) << r.output;
  const std::string map = run + "/analysis/map";
  const auto rows = csv_rows(read_file(map + "/map.csv"));
  ASSERT_EQ(rows.size(), 1u + 9 * 5);  // 9 blocks x the 5 default timesteps of T = 1000
  const std::vector<std::string>& head = rows[0];
  for (const char* col : {"block", "t", "participation_ratio", "betti0", "betti1", "betti2", "x_on_y_mean",
                          "x_opposite_mean", "y_opposite_mean", "persistence_exact", "n_landmarks"})
    EXPECT_NE(std::find(head.begin(), head.end(), col), head.end()) << col;
  auto col = [&](const char* name) { return std::find(head.begin(), head.end(), name) - head.begin(); };
  std::vector<std::string> seen_t;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), head.size()) << i;
    EXPECT_EQ(rows[i][0], kBlocks[(i - 1) % 9]) << "blocks in forward order within each timestep, row " << i;
    if ((i - 1) % 9 == 0) seen_t.push_back(rows[i][1]);
    EXPECT_EQ(rows[i][static_cast<std::size_t>(col("n_landmarks"))], "12") << "the --set persistence settings apply";
    const std::string dir = map + "/cells/" + rows[i][0] + "_t" + std::string(4 - rows[i][1].size(), '0') + rows[i][1];
    for (const char* f : {"analysis.json", "pca.csv", "ortho.csv", "persistence.csv"})
      EXPECT_TRUE(file_exists(dir + "/" + f)) << dir << "/" << f;
    EXPECT_FALSE(file_exists(dir + "/umap.csv")) << "no UMAP in map cells";
  }
  EXPECT_EQ(seen_t, (std::vector<std::string>{"50", "275", "500", "725", "950"}));
  // The mid block depends on the condition: a measured dimension and opposite cosine in [-1, 1].
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i][0] != "mid") continue;
    EXPECT_GT(std::stod(rows[i][static_cast<std::size_t>(col("participation_ratio"))]), 1.0);
    const double opp = std::stod(rows[i][static_cast<std::size_t>(col("x_opposite_mean"))]);
    EXPECT_GE(opp, -1.0);
    EXPECT_LE(opp, 1.0);
    EXPECT_FALSE(rows[i][static_cast<std::size_t>(col("betti1"))].empty());
  }
  const Json j = read_json(map + "/map.json");
  EXPECT_EQ(j["timesteps"], (std::vector<int>{50, 275, 500, 725, 950}));
  EXPECT_EQ(j["blocks"].size(), 9u);
  EXPECT_EQ(j["grid"], 4);
  EXPECT_EQ(j["step"], 10);
  EXPECT_EQ(j["cells"].size(), 45u);

  const CliResult rep = run_factorlab("report " + run);
  ASSERT_EQ(rep.code, 0) << rep.output;
  const std::string html = read_file(run + "/report.html");
  for (const char* f : {"map_participation_ratio", "map_betti1", "map_x_on_y_mean", "map_x_opposite_mean",
                        "map_y_opposite_mean"}) {
    EXPECT_TRUE(file_exists(run + "/figures/" + f + ".gp")) << f;
    EXPECT_TRUE(file_exists(run + "/figures/" + f + ".png")) << f << " (gnuplot installed?)";
  }
  EXPECT_NE(html.find("Representation map"), std::string::npos);
}

TEST(CliMap, GivenTimestepsAndOut) {
  const std::string run = tiny_run();
  const std::string out = run + "/other";
  const CliResult r = run_factorlab("analyze " + run + " --map --map-t 900,10 --grid 4 "
                                    "--set analysis.persistence_enabled=false --out " + out);
  ASSERT_EQ(r.code, 0) << r.output;
  const auto rows = csv_rows(read_file(out + "/map/map.csv"));
  ASSERT_EQ(rows.size(), 1u + 9 * 2);
  EXPECT_EQ(rows[1][1], "10");  // ascending
  EXPECT_EQ(rows[10][1], "900");
  const auto& head = rows[0];
  const auto b1 = std::find(head.begin(), head.end(), "betti1") - head.begin();
  EXPECT_TRUE(rows[5][static_cast<std::size_t>(b1)].empty()) << "no persistence: no Betti numbers, not zeros";
}

TEST(CliMap, BadInputsExitTwoWithOneLine) {
  const std::string run = tiny_run();
  const std::string dir = fresh_dir("map_err");
  const std::pair<std::string, std::string> cases[] = {
      {"analyze " + run + " --map --map-t ''", "--map-t = '': empty item"},
      {"analyze " + run + " --map --map-t 10,,20", "--map-t = '10,,20': empty item"},
      {"analyze " + run + " --map --map-t 5e2", "'5e2' is not a timestep"},
      {"analyze " + run + " --map --map-t 10,1000 --out " + dir + "/o", "map.t = 1000 is out of range (allowed: 0 .. 999"},
      {"analyze " + run + " --map --map-t -3", "map.t = -3 is out of range"},
      {"analyze " + run + " --map --map-t 7,7", "map.t lists the timestep 7 twice"},
      {"analyze " + run + " --map --map-n-t 0", "map.n_t = 0 is out of range"},
      {"analyze " + run + " --map-t 10", "--map-t only applies with --map"},
      {"analyze " + run + " --map --track", "--map and --track cannot be combined"},
      {"analyze " + run + " --map --layer mid", "--layer does not apply with --map"},
      {"analyze " + run + " --map --t 10", "--t does not apply with --map"},
      {"analyze " + run + "/probe/reps.npy --map", "--map needs a run folder"},
  };
  for (const auto& [args, want] : cases) {
    const CliResult r = run_factorlab(args, dir);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.output;
    EXPECT_NE(r.output.find(want), std::string::npos) << args << "\n" << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << "one line: " << args << "\n" << r.output;
  }
}
