// factorlab/data/data_config.cpp — see data_config.h.
#include "factorlab/data/data_config.h"

#include <cmath>

namespace factorlab {

int DataConfig::margin_px() const {
  return margin >= 0 ? margin : static_cast<int>(std::lround(6.0 * N / 32.0));
}

void PartConfig::validate(const std::string& key, int N, int margin) const {
  check_range(key + ".sigma", sigma, 1e-3, N);
  if (sigma_x != 0) check_range(key + ".sigma_x", sigma_x, 1e-3, N);
  if (sigma_y != 0) check_range(key + ".sigma_y", sigma_y, 1e-3, N);
  check_range(key + ".dx", dx, 1e-2, N);
  check_range(key + ".dy", dy, 1e-2, N);
  require(subsample > 0 && subsample <= 1,
          key + ".subsample = " + format_number(subsample) + " is out of range (allowed: 0 < lambda <= 1)");
  for (const auto* r : {&x_range, &y_range}) {
    const std::string rk = key + (r == &x_range ? ".x_range" : ".y_range");
    if (r->empty()) continue;
    require(r->size() == 2, rk + " must be [lo, hi], got " + std::to_string(r->size()) + " values");
    require((*r)[0] <= (*r)[1], rk + " = [" + format_number((*r)[0]) + ", " + format_number((*r)[1]) +
                                    "] has lo > hi");
    check_range(rk, (*r)[0], -margin - 1e-9, N - 1 + margin + 1e-9);
    check_range(rk, (*r)[1], -margin - 1e-9, N - 1 + margin + 1e-9);
  }
  require(!(periodic && layout != Layout::Frame),
          key + ".periodic = true needs layout = \"frame\" (a torus has no margin), got layout = \"" +
              enum_name(layout, kLayoutNames) + "\"");
  require(!(layout != Layout::Frame && margin == 0),
          key + ".layout = \"" + enum_name(layout, kLayoutNames) + "\" needs data.margin > 0");
  require(!(role == Role::Test && holdout.type == HoldoutType::None),
          key + ".role = \"test\" needs a holdout that selects the test region");
  holdout.validate(key + ".holdout", N);
}

void DataConfig::validate() const {
  check_range("data.N", N, 4, 512);
  check_range("data.margin", margin, -1, N);
  check_range("data.preview", preview, 0, 1024);
  require(!parts.empty(), "data.parts is empty: a dataset needs at least one [[data.parts]]");
  require(parts.size() <= 100, "data.parts has " + std::to_string(parts.size()) + " parts (allowed: at most 100)");
  const int m = margin_px();
  for (std::size_t i = 0; i < parts.size(); ++i) parts[i].validate("data.parts." + std::to_string(i), N, m);
}

}  // namespace factorlab
