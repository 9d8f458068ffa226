// factorlab/data/preview.cpp — see preview.h.
#include "factorlab/data/preview.h"

#include <algorithm>
#include <cmath>

#include "factorlab/core/image.h"

namespace factorlab {

namespace {
constexpr Rgb kTrainMark{230, 40, 40}, kOodMark{255, 150, 0};
}

void write_preview_png(const std::string& path, const Dataset& d, int count) {
  const std::size_t pix = static_cast<std::size_t>(d.N) * d.N;
  const std::int64_t n_ood = std::min<std::int64_t>(d.ood_size(), std::max(count / 4, d.ood_size() > 0 ? 1 : 0));
  const std::int64_t n_train = std::min<std::int64_t>(d.size(), std::max<std::int64_t>(1, count - n_ood));
  std::vector<float> images;
  std::vector<std::pair<double, double>> marks;
  auto add = [&](const std::vector<float>& src, const std::vector<float>& labels, std::int64_t total, std::int64_t k) {
    for (std::int64_t i = 0; i < k; ++i) {
      const std::int64_t idx = k > 1 ? i * (total - 1) / (k - 1) : 0;  // evenly spread, first and last included
      images.insert(images.end(), src.begin() + idx * pix, src.begin() + (idx + 1) * pix);
      marks.emplace_back(labels[2 * idx], labels[2 * idx + 1]);
    }
  };
  add(d.images, d.labels, d.size(), n_train);
  add(d.ood_images, d.ood_labels, d.ood_size(), n_ood);
  GridLayout layout;
  layout.cols = 8;
  layout.scale = std::max(2, 96 / d.N);
  const int total = static_cast<int>(n_train + n_ood);
  RgbImage g = image_grid(images.data(), total, d.N, d.N, layout);
  for (int k = 0; k < total; ++k)
    mark_in_grid(g, k, d.N, d.N, layout, marks[k].first, marks[k].second, k < n_train ? kTrainMark : kOodMark);
  write_png(path, g);
}

void write_label_map_png(const std::string& path, const Dataset& d) {
  const int m = d.margin, side = d.N + 2 * m, scale = std::max(4, 480 / side);
  RgbImage img(side * scale, side * scale, Rgb{25, 25, 35});
  auto paint = [&](double x, double y, Rgb c) {
    const int cx = static_cast<int>(std::lround(x)) + m, cy = static_cast<int>(std::lround(y)) + m;
    for (int dy = 1; dy < scale - 1; ++dy)
      for (int dx = 1; dx < scale - 1; ++dx) img.set(cx * scale + dx, cy * scale + dy, c);
  };
  const Rgb kind_colour[4] = {{235, 235, 235}, {60, 200, 230}, {220, 80, 220}, {120, 120, 120}};
  for (std::int64_t i = 0; i < d.size(); ++i) paint(d.labels[2 * i], d.labels[2 * i + 1], kind_colour[d.kinds[i]]);
  for (std::int64_t i = 0; i < d.ood_size(); ++i) paint(d.ood_labels[2 * i], d.ood_labels[2 * i + 1], kOodMark);
  draw_box(img, m * scale - 1, m * scale - 1, (m + d.N) * scale, (m + d.N) * scale, Rgb{90, 160, 90});
  write_png(path, img);
}

}  // namespace factorlab
