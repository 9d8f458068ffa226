// tests/eval/test_eval_grid.cpp — samples_eval.png (eval/eval_grid.h): which samples are shown, the
// colour of each target mark (green right, red wrong, grey unjudged), the red border on wrong or
// not-Gaussian samples and none on right ones, and the PNG written atomically.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

#include "factorlab/core/fs.h"
#include "factorlab/data/render.h"
#include "factorlab/eval/eval_grid.h"

#include "../support/scratch_dir.h"

namespace factorlab {
namespace {

bool same(const RgbImage& img, int x, int y, Rgb c) {
  const std::size_t i = (static_cast<std::size_t>(y) * img.width + x) * 3;
  return img.pixels[i] == c.r && img.pixels[i + 1] == c.g && img.pixels[i + 2] == c.b;
}

TEST(EvalGrid, EvenlySpacedIndices) {
  EXPECT_EQ(eval_grid_indices(5, 64), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(eval_grid_indices(10, 4), (std::vector<std::size_t>{0, 2, 5, 7}));
  EXPECT_EQ(eval_grid_indices(1000, 3), (std::vector<std::size_t>{0, 333, 666}));
  EXPECT_THROW(eval_grid_indices(10, 0), std::invalid_argument);
}

TEST(EvalGrid, MarksAndBorders) {
  const int N = 8;
  const std::size_t pix = N * N;
  // Three samples: right (target 3, 4), wrong (target 5, 2), unjudged 0D (target in the margin).
  std::vector<float> samples(3 * pix, 0.f);
  render(ShapeParams{}, N, 3, 4, samples.data());
  render(ShapeParams{}, N, 1, 1, samples.data() + pix);
  const std::vector<float> targets = {3, 4, 5, 2, -6, -6};
  std::vector<SampleResult> res(3);
  res[0].judged_x = res[0].judged_y = res[0].correct_x = res[0].correct_y = res[0].joint = true;
  res[1].judged_x = res[1].judged_y = true;
  const RgbImage g = eval_grid(samples, targets, res, N, 64);
  const GridLayout L = eval_grid_layout();
  ASSERT_EQ(g.width, 3 * L.cell_w(N) + L.pad);
  ASSERT_EQ(g.height, L.cell_h(N) + L.pad);
  // The mark's centre is the middle of the target pixel's scale x scale block.
  const auto centre = [&](int k, double x, double y) {
    return std::pair<int, int>{static_cast<int>(std::lround(L.pad + k * L.cell_w(N) + (x + 0.5) * L.scale)),
                               static_cast<int>(std::lround(L.pad + (y + 0.5) * L.scale))};
  };
  auto [x0, y0] = centre(0, 3, 4);
  EXPECT_TRUE(same(g, x0, y0, kCorrectColor));
  auto [x1, y1] = centre(1, 5, 2);
  EXPECT_TRUE(same(g, x1, y1, kWrongColor));
  // Borders: one pixel left of each cell's image, halfway down.
  const int mid = L.pad + N * L.scale / 2;
  EXPECT_FALSE(same(g, L.pad - 1, mid, kWrongColor));                 // right sample: no border
  EXPECT_TRUE(same(g, L.pad + L.cell_w(N) - 1, mid, kWrongColor));    // wrong sample: border
  EXPECT_TRUE(same(g, L.pad + L.cell_w(N) - 2, mid, kWrongColor));    // two pixels wide
  EXPECT_FALSE(same(g, L.pad + 2 * L.cell_w(N) - 1, mid, kWrongColor));  // 0D: no border
  // The 0D target lies beyond the top-left corner: a grey tick on the cell's border.
  bool grey = false;
  for (int y = L.pad; y < L.pad + N * L.scale; ++y)
    for (int x = L.pad + 2 * L.cell_w(N); x < L.pad + 2 * L.cell_w(N) + N * L.scale; ++x)
      grey = grey || same(g, x, y, kUnjudgedColor);
  EXPECT_TRUE(grey);
  // A not-Gaussian sample is flagged even if (impossibly) marked joint.
  res[0].not_gaussian = true;
  EXPECT_TRUE(same(eval_grid(samples, targets, res, N, 64), L.pad - 1, mid, kWrongColor));
  EXPECT_THROW(eval_grid(samples, {1, 2}, res, N, 64), std::invalid_argument);
}

TEST(EvalGrid, WritesAPng) {
  const std::filesystem::path dir = test_support::scratch_dir("evalgrid", "", false);
  const std::string path = (dir / "samples_eval.png").string();
  const int N = 8;
  std::vector<float> samples(100 * N * N, 0.5f);
  std::vector<float> targets(200, 2.f);
  std::vector<SampleResult> res(100);
  write_eval_grid_png(path, samples, targets, res, N, 16);
  const std::string bytes = read_file(path);
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace factorlab
