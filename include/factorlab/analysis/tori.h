// factorlab/analysis/tori.h — the two reference manifolds of docs/design.md 7.4, evaluated at the
// model's own labels so every statistic runs on them by the same code:
//   3D torus (coupled):   ((R + r cos a) cos b, (R + r cos a) sin b, r sin a)
//   Clifford torus (4D, factorized): (r1 cos a, r1 sin a, r2 cos b, r2 sin b)
// with a = 2 pi mu_x / N, b = 2 pi mu_y / N. Reference: the paper's comparison of the learned
// representation with an ideal 3D torus and a Clifford torus (arXiv 2408.13256; docs/design.md 7.4).
// Deliberately no noise and no sampling of labels: the caller's labels are the grid.
#pragma once
#include "factorlab/analysis/points.h"

namespace factorlab {

// labels [n, 2] = (mu_x, mu_y) -> points [n, 3]. InputError unless N > 0 and R > r > 0 (an embedded ring).
Points torus_3d(const Points& labels, double N, double R = 2.0, double r = 1.0);
// labels [n, 2] -> points [n, 4]. InputError unless N > 0, r1 > 0, r2 > 0.
Points clifford_torus(const Points& labels, double N, double r1 = 1.0, double r2 = 1.0);

// The uniform periodic grid mu_x = i N / nx, mu_y = j N / ny as labels [nx * ny, 2], x fastest
// (row j * nx + i). For tests and for references on a grid of the caller's choosing.
Points grid_labels(int nx, int ny, double N);

}  // namespace factorlab
