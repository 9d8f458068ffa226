// factorlab/analysis/trustworthiness.h — how well an embedding keeps local neighbourhoods: the
// trustworthiness T(k) of Venna & Kaski (2001), exactly as sklearn.manifold.trustworthiness computes it
// (Euclidean distances in both spaces):
//   T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in U_k(i)} max(0, r(i, j) - k),
// U_k(i) the k nearest neighbours of i in the embedding, r(i, j) the rank of j among i's neighbours in
// the original space (1 = nearest). 1 means no embedding neighbour is a stranger in the original space.
// Equal distances are ranked by row number (sklearn leaves their order to numpy's argsort).
// Deliberately not continuity (the mirror measure) nor any other neighbourhood score.
#pragma once
#include "factorlab/analysis/points.h"

namespace factorlab {

// X [n, dim] original points, Y [n, dim'] their embedding, 1 <= k < n / 2 (sklearn's condition).
// InputError for mismatched rows, non-finite values or k out of range.
double trustworthiness(const Points& X, const Points& Y, int k = 5);

}  // namespace factorlab
