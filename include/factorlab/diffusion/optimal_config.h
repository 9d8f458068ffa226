// factorlab/diffusion/optimal_config.h — OptimalConfig, the [optimal] section: how the exact
// empirical-optimal denoiser (optimal_denoiser.h) weighs the training images by their labels.
// A memorizing baseline for the trained networks: the Bayes-optimal denoiser of the finite training
// set, whose samples can only be training images. Keys are named "optimal.<key>" in messages.
// Deliberately torch-free: the config is read and validated in builds without LibTorch.
#pragma once
#include "factorlab/core/config.h"

namespace factorlab {

// The prior over training images given a condition c:
//   nearest:  uniform over the images whose label is nearest to c (ties within 1e-6 px share), so a
//             training condition gets exactly its own images and an unseen one its nearest label's;
//   gaussian: pi_k proportional to exp(-d(label_k, c)^2 / (2 bandwidth^2)).
// d is Euclidean, with the minimum image on the torus when the data are periodic.
enum class LabelKernel { Nearest, Gaussian };
inline const EnumNames<LabelKernel> kLabelKernelNames = {{"nearest", LabelKernel::Nearest},
                                                         {"gaussian", LabelKernel::Gaussian}};

struct OptimalConfig {
  LabelKernel label_kernel = LabelKernel::Nearest;
  double bandwidth = 1.0;  // gaussian only: the kernel's standard deviation in label pixels

  template <class V> void visit(V& v) {
    v("label_kernel", label_kernel, kLabelKernelNames);
    v("bandwidth", bandwidth);
  }
  void validate() const;  // InputError naming "optimal.<key>"
};

}  // namespace factorlab
