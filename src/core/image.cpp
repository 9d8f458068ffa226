// factorlab/core/image.cpp — see image.h.
#include "factorlab/core/image.h"

#include <stb/stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "factorlab/core/fs.h"

namespace factorlab {

RgbImage::RgbImage(int w, int h, Rgb fill) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 3) {
  for (std::size_t i = 0; i < pixels.size(); i += 3) {
    pixels[i] = fill.r;
    pixels[i + 1] = fill.g;
    pixels[i + 2] = fill.b;
  }
}

void RgbImage::set(int x, int y, Rgb c) {
  if (x < 0 || y < 0 || x >= width || y >= height) return;
  const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 3;
  pixels[i] = c.r;
  pixels[i + 1] = c.g;
  pixels[i + 2] = c.b;
}

RgbImage image_grid(const float* images, int n, int h, int w, const GridLayout& L, float lo, float hi) {
  const int cols = std::max(1, std::min(L.cols, n));
  const int rows = std::max(1, (n + cols - 1) / cols);
  RgbImage g(cols * L.cell_w(w) + L.pad, rows * L.cell_h(h) + L.pad, Rgb{40, 40, 60});
  const float span = hi > lo ? hi - lo : 1.f;
  for (int k = 0; k < n; ++k) {
    const int ox = L.pad + (k % cols) * L.cell_w(w), oy = L.pad + (k / cols) * L.cell_h(h);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        float v = (images[(static_cast<std::size_t>(k) * h + y) * w + x] - lo) / span;
        if (!std::isfinite(v)) v = 0.f;
        const auto u = static_cast<std::uint8_t>(std::lround(255.f * std::clamp(v, 0.f, 1.f)));
        for (int dy = 0; dy < L.scale; ++dy)
          for (int dx = 0; dx < L.scale; ++dx) g.set(ox + x * L.scale + dx, oy + y * L.scale + dy, Rgb{u, u, u});
      }
  }
  return g;
}

void mark_in_grid(RgbImage& g, int k, int h, int w, const GridLayout& L, double x, double y, Rgb c) {
  const int cols = std::max(1, g.width / L.cell_w(w));
  const int ox = L.pad + (k % cols) * L.cell_w(w), oy = L.pad + (k / cols) * L.cell_h(h);
  // Pixel (i, j) has its centre at the middle of its scale x scale block.
  const double sx = ox + (x + 0.5) * L.scale, sy = oy + (y + 0.5) * L.scale;
  const int px = static_cast<int>(std::lround(std::clamp(sx, double(ox), double(ox + w * L.scale - 1))));
  const int py = static_cast<int>(std::lround(std::clamp(sy, double(oy), double(oy + h * L.scale - 1))));
  const bool inside = x > -0.5 && x < w - 0.5 && y > -0.5 && y < h - 0.5;
  const int arm = std::max(2, L.scale);
  if (inside) {
    for (int d = -arm; d <= arm; ++d) {
      g.set(px + d, py, c);
      g.set(px, py + d, c);
    }
  } else {
    // A label in the margin: a bar along the border it lies beyond.
    for (int d = -arm; d <= arm; ++d) {
      if (x <= -0.5 || x >= w - 0.5) g.set(px, py + d, c), g.set(px + (x < 0 ? 1 : -1), py + d, c);
      if (y <= -0.5 || y >= h - 0.5) g.set(px + d, py, c), g.set(px + d, py + (y < 0 ? 1 : -1), c);
    }
  }
}

void draw_box(RgbImage& img, int x0, int y0, int x1, int y1, Rgb c) {
  for (int x = x0; x <= x1; ++x) img.set(x, y0, c), img.set(x, y1, c);
  for (int y = y0; y <= y1; ++y) img.set(x0, y, c), img.set(x1, y, c);
}

void write_png(const std::string& path, const RgbImage& img) {
  std::string bytes;
  auto sink = [](void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  if (!stbi_write_png_to_func(sink, &bytes, img.width, img.height, 3, img.pixels.data(), img.width * 3))
    throw std::runtime_error("cannot encode PNG '" + path + "'");
  write_file_atomic(path, bytes);
}

}  // namespace factorlab
