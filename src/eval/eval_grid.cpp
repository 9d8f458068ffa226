// factorlab/eval/eval_grid.cpp — see eval_grid.h.
#include "factorlab/eval/eval_grid.h"

#include <algorithm>
#include <stdexcept>

namespace factorlab {

GridLayout eval_grid_layout() {
  GridLayout L;
  L.cols = 8;
  L.scale = 4;
  L.pad = 4;
  return L;
}

std::vector<std::size_t> eval_grid_indices(std::size_t M, int max_images) {
  if (max_images < 1) throw std::invalid_argument("eval_grid: max_images must be >= 1");
  const std::size_t n = std::min(M, static_cast<std::size_t>(max_images));
  std::vector<std::size_t> idx(n);
  for (std::size_t k = 0; k < n; ++k) idx[k] = k * M / n;
  return idx;
}

RgbImage eval_grid(const std::vector<float>& samples, const std::vector<float>& targets,
                   const std::vector<SampleResult>& results, int N, int max_images) {
  const std::size_t M = results.size(), pix = static_cast<std::size_t>(N) * N;
  if (N < 1 || samples.size() != M * pix || targets.size() != 2 * M)
    throw std::invalid_argument("eval_grid: sizes disagree (N = " + std::to_string(N) + ", " + std::to_string(M) +
                                " results, " + std::to_string(samples.size()) + " sample values, " +
                                std::to_string(targets.size()) + " target values)");
  const std::vector<std::size_t> idx = eval_grid_indices(M, max_images);
  std::vector<float> shown;
  shown.reserve(idx.size() * pix);
  for (std::size_t m : idx) shown.insert(shown.end(), samples.begin() + m * pix, samples.begin() + (m + 1) * pix);

  const GridLayout L = eval_grid_layout();
  RgbImage grid = image_grid(shown.data(), static_cast<int>(idx.size()), N, N, L, 0.f, 1.f);
  const int cols = std::max(1, std::min(L.cols, static_cast<int>(idx.size())));
  for (std::size_t k = 0; k < idx.size(); ++k) {
    const SampleResult& r = results[idx[k]];
    const bool judged = r.judged_x || r.judged_y;
    const bool wrong = judged && (!r.joint || r.not_gaussian);
    const Rgb color = !judged ? kUnjudgedColor : wrong ? kWrongColor : kCorrectColor;
    mark_in_grid(grid, static_cast<int>(k), N, N, L, targets[2 * idx[k]], targets[2 * idx[k] + 1], color);
    if (wrong) {
      // A 2-pixel frame in the padding around the cell.
      const int ox = L.pad + (static_cast<int>(k) % cols) * L.cell_w(N);
      const int oy = L.pad + (static_cast<int>(k) / cols) * L.cell_h(N);
      const int ex = ox + N * L.scale - 1, ey = oy + N * L.scale - 1;
      for (int b = 1; b <= 2; ++b) draw_box(grid, ox - b, oy - b, ex + b, ey + b, kWrongColor);
    }
  }
  return grid;
}

void write_eval_grid_png(const std::string& path, const std::vector<float>& samples, const std::vector<float>& targets,
                         const std::vector<SampleResult>& results, int N, int max_images) {
  write_png(path, eval_grid(samples, targets, results, N, max_images));
}

}  // namespace factorlab
