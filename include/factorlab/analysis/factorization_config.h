// factorlab/analysis/factorization_config.h — the settings of the orthogonality and parallelism
// tests (factorization.h). Plain C++ without Eigen, so configs that embed it build where the
// analysis itself is left out (docs/gpu.md).
#pragma once
#include "factorlab/core/config.h"

namespace factorlab {

struct FactorizationConfig {
  int k = 2;                    // dimension of each curve's principal subspace
  int bins = 20;                // histogram bins: [0, 1] (|cos|), [-1, 1] (parallelism, opposite),
                                // [1, max(2, n - 1)] (curve PR of n-point curves)
  bool periodic_steps = false;  // also use the step from the last grid value back to the first

  template <class V>
  void visit(V& v) {
    v("k", k);
    v("bins", bins);
    v("periodic_steps", periodic_steps);
  }
  void validate() const;  // keys are named "factorization.<key>" in messages
};

}  // namespace factorlab
