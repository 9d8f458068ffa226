// factorlab/analysis/points.h — the common currency of the analysis module: a point cloud as an
// Eigen matrix, one point per row ([n_points, dim]), and conversions from .npy arrays.
#pragma once
#include <Eigen/Dense>

#include "factorlab/core/npy.h"

namespace factorlab {

using Points = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;  // [n, dim]

// A 2D .npy array (any numeric dtype) as points; InputError if it is not 2D.
Points points_from_npy(const NpyArray& a, const std::string& name);
NpyArray points_to_npy(const Points& p);  // float32 [n, dim]

}  // namespace factorlab
