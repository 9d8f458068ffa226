// factorlab/analysis/factorization_config.cpp — see factorization_config.h.
#include "factorlab/analysis/factorization_config.h"

#include "factorlab/core/error.h"

namespace factorlab {

void FactorizationConfig::validate() const {
  check_range("factorization.k", k, 1, 64);
  check_range("factorization.bins", bins, 1, 10000);
}


}  // namespace factorlab
