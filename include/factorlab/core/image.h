// factorlab/core/image.h — RGB canvases, grids of grayscale images, markers, and PNG output (stb).
// Enough to make sample grids and previews readable; deliberately not a plotting library
// (figures with axes are gnuplot's job, in the report module).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace factorlab {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

struct RgbImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // [height, width, 3]
  RgbImage() = default;
  RgbImage(int w, int h, Rgb fill = {});
  void set(int x, int y, Rgb c);  // ignores out-of-range pixels
};

// Layout of a grid of n images of size [h, w], `scale` screen pixels per image pixel.
struct GridLayout {
  int cols = 8, scale = 4, pad = 2;
  int cell_w(int w) const { return w * scale + pad; }
  int cell_h(int h) const { return h * scale + pad; }
};

// images: [n, h, w] row-major, values mapped from [lo, hi] to black..white (clamped).
RgbImage image_grid(const float* images, int n, int h, int w, const GridLayout& layout, float lo = 0.f,
                    float hi = 1.f);

// Marks image-pixel coordinates (x = column, y = row; may be fractional or outside the image) in
// cell k of a grid: a small cross; a position outside the frame is drawn as a tick on the border.
void mark_in_grid(RgbImage& grid, int k, int h, int w, const GridLayout& layout, double x, double y, Rgb color);

void draw_box(RgbImage& img, int x0, int y0, int x1, int y1, Rgb color);  // outline, inclusive

void write_png(const std::string& path, const RgbImage& img);  // atomic

}  // namespace factorlab
