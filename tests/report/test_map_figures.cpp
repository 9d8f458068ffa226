// tests/report/test_map_figures.cpp — the representation map's heatmaps (report/map_figures.h) from a
// synthetic map.csv: one figure per quantity, blocks in file order from the top, timesteps ascending,
// blank cells left out; a run folder without a map gets a note, not a failure.
#include "factorlab/report/map_figures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "factorlab/core/fs.h"

namespace factorlab {
namespace {

std::string fresh(const std::string& name) {
  const std::string dir = std::string(FACTORLAB_BINARY_DIR) + "/test-report-map-" + name;
  std::filesystem::remove_all(dir);
  make_dirs(dir);
  return dir;
}

TEST(MapFigures, OneHeatmapPerQuantity) {
  const std::string run = fresh("run");
  // Two timesteps (written 500 first: the figure sorts them), three blocks, one cell without persistence.
  write_file_atomic(run + "/analysis/map/map.csv",
                    "block,t,participation_ratio,betti0,betti1,betti2,x_on_y_mean,x_opposite_mean,y_opposite_mean\n"
                    "stem,500,0,1,0,0,,,\n"
                    "mid,500,4.5,1,2,1,0.2,-0.1,-0.2\n"
                    "out,500,3,,,,0.4,-0.5,-0.6\n"
                    "stem,50,0,1,0,0,,,\n"
                    "mid,50,5.5,1,2,1,0.1,0,-0.05\n"
                    "out,50,2,1,1,0,0.5,-0.9,-0.8\n");
  FigureSet figs(run + "/figures", find_gnuplot());
  map_figures(figs, run);
  for (const char* q : {"participation_ratio", "betti0", "betti1", "betti2", "x_on_y_mean", "x_opposite_mean",
                        "y_opposite_mean"})
    EXPECT_TRUE(file_exists(run + "/figures/map_" + std::string(q) + ".gp")) << q;
  // Rows: stem on top (y = 2), out at the bottom (y = 0); columns: t = 50 is 0, t = 500 is 1.
  const std::string data = read_file(run + "/figures/map_participation_ratio.csv");
  EXPECT_NE(data.find("1,2,0\n1,1,4.5\n1,0,3\n0,2,0\n0,1,5.5\n0,0,2\n"), std::string::npos) << data;
  const std::string betti = read_file(run + "/figures/map_betti1.csv");
  EXPECT_EQ(betti.find("1,0,"), std::string::npos) << "the blank out/500 cell is left out: " << betti;
  const std::string gp = read_file(run + "/figures/map_x_opposite_mean.gp");
  EXPECT_NE(gp.find("set xtics ('50' 0, '500' 1)"), std::string::npos) << gp;
  EXPECT_NE(gp.find("set ytics ('out' 0, 'mid' 1, 'stem' 2)"), std::string::npos) << gp;
  EXPECT_NE(gp.find("set cbrange [-1:1]"), std::string::npos) << gp;
  if (!find_gnuplot().empty()) {
    EXPECT_TRUE(figs.failures().empty()) << figs.failures().front();
    EXPECT_EQ(figs.drawn(), 7);
  }
}

TEST(MapFigures, NoMapIsANote) {
  const std::string run = fresh("empty");
  FigureSet figs(run + "/figures", find_gnuplot());
  map_figures(figs, run);
  EXPECT_EQ(figs.drawn(), 0);
  EXPECT_TRUE(figs.failures().empty());
}

}  // namespace
}  // namespace factorlab
