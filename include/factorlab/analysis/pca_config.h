// factorlab/analysis/pca_config.h — which eigenproblem PCA solves (pca.h). Plain C++ without
// Eigen, so configs that name it build where the analysis itself is left out (docs/gpu.md).
#pragma once
#include "factorlab/core/config.h"

namespace factorlab {

enum class PcaMethod { Auto, Covariance, Gram };
inline const EnumNames<PcaMethod> kPcaMethodNames = {
    {"auto", PcaMethod::Auto}, {"covariance", PcaMethod::Covariance}, {"gram", PcaMethod::Gram}};

}  // namespace factorlab
