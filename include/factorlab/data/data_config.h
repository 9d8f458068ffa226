// factorlab/data/data_config.h — DataConfig: which images make a dataset (docs/design.md 1-2).
// A dataset is the union of parts; each part is a shape on a lattice of labels over a layout,
// minus a holdout, optionally subsampled. Defaults: docs/design.md 2; every default is a key.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/core/config.h"
#include "factorlab/data/holdout.h"
#include "factorlab/data/render.h"

namespace factorlab {

// Where a part's labels lie.
//   frame:   mu_x, mu_y over the visible frame [0, N-1]
//   stripes: the margin x frame and frame x margin of the extended canvas (1D examples; see rim)
//   canvas:  the whole extended canvas [-m, N-1+m]^2 (2D, 1D and, with include_0d, 0D examples)
enum class Layout { Frame, Stripes, Canvas };
// What a part contributes: train examples (held-out labels become OOD test conditions), or only
// test conditions (its labels inside the holdout, e.g. the 2D hole for a stripes-only training set).
enum class Role { Train, Test };

inline const EnumNames<Shape> kShapeNames = {{"bump", Shape::Bump}, {"sos", Shape::Sos}};
inline const EnumNames<Layout> kLayoutNames = {
    {"frame", Layout::Frame}, {"stripes", Layout::Stripes}, {"canvas", Layout::Canvas}};
inline const EnumNames<Role> kRoleNames = {{"train", Role::Train}, {"test", Role::Test}};

struct PartConfig {
  std::string name;  // for logs and the dataset summary; defaults to "part<i>"
  Role role = Role::Train;
  Shape shape = Shape::Bump;
  bool periodic = false;
  double sigma = 1.0;     // both axes unless sigma_x / sigma_y are set (> 0)
  double sigma_x = 0.0;
  double sigma_y = 0.0;
  Layout layout = Layout::Frame;
  double dx = 1.0, dy = 1.0;        // lattice spacing in pixels
  std::vector<double> x_range;      // optional [lo, hi] (pixels, inclusive) replacing the layout's range
  std::vector<double> y_range;
  double subsample = 1.0;           // keep this fraction of the training lattice (seeded)
  double rim = -1.0;                // margin labels this close to the frame are 2D examples; < 0: 2 sigma
  bool drop_rim = false;            // drop those rim examples instead
  bool include_0d = false;          // keep labels with both coordinates in the margin
  HoldoutConfig holdout;

  template <class V> void visit(V& v) {
    v("name", name);
    v("role", role, kRoleNames);
    v("shape", shape, kShapeNames);
    v("periodic", periodic);
    v("sigma", sigma);
    v("sigma_x", sigma_x);
    v("sigma_y", sigma_y);
    v("layout", layout, kLayoutNames);
    v("dx", dx);
    v("dy", dy);
    v("x_range", x_range);
    v("y_range", y_range);
    v("subsample", subsample);
    v("rim", rim);
    v("drop_rim", drop_rim);
    v("include_0d", include_0d);
    v("holdout", holdout);
  }
  double sx() const { return sigma_x > 0 ? sigma_x : sigma; }
  double sy() const { return sigma_y > 0 ? sigma_y : sigma; }
  ShapeParams shape_params() const { return {shape, sx(), sy(), periodic}; }
  void validate(const std::string& key, int N, int margin) const;
};

struct DataConfig {
  int N = 32;                 // image side in pixels
  int margin = -1;            // extended-canvas margin m; < 0: round(6 N / 32)
  std::int64_t seed = 0;      // subsampling seed
  int preview = 48;           // examples shown in preview.png
  std::vector<PartConfig> parts{PartConfig{}};  // default: 2D bumps over the frame

  template <class V> void visit(V& v) {
    v("N", N);
    v("margin", margin);
    v("seed", seed);
    v("preview", preview);
    v("parts", parts);
  }
  int margin_px() const;
  void validate() const;
};

}  // namespace factorlab
