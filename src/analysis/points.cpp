// factorlab/analysis/points.cpp — see points.h.
#include "factorlab/analysis/points.h"

#include <vector>

#include "factorlab/core/error.h"

namespace factorlab {

Points points_from_npy(const NpyArray& a, const std::string& name) {
  if (a.shape.size() != 2)
    throw InputError("'" + name + "' must be a 2D array [points, features], got " + std::to_string(a.shape.size()) +
                     " dimensions");
  const std::vector<float> v = a.to_f32();
  Points p(a.shape[0], a.shape[1]);
  for (Eigen::Index i = 0; i < p.size(); ++i) p.data()[i] = v[static_cast<std::size_t>(i)];
  return p;
}

NpyArray points_to_npy(const Points& p) {
  std::vector<float> v(static_cast<std::size_t>(p.size()));
  for (Eigen::Index i = 0; i < p.size(); ++i) v[static_cast<std::size_t>(i)] = static_cast<float>(p.data()[i]);
  return NpyArray::from_f32({p.rows(), p.cols()}, v.data());
}

}  // namespace factorlab
