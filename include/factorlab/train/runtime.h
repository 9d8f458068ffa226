// factorlab/train/runtime.h — process-wide LibTorch settings for a run: thread count (LibTorch
// defaults to 1 here), glibc malloc thresholds (trimming cost up to 30 % of training time in the
// prototype), and the device.
#pragma once
#include <torch/torch.h>

#include <string>

namespace factorlab {

// threads <= 0: the CPUs this process may use (core/threads.h). Returns the thread count set. Also
// runs OpenBLAS single-threaded unless OPENBLAS_NUM_THREADS is set.
int configure_cpu_runtime(int threads);
// Sets OpenBLAS's own thread count; false when the BLAS in use is not OpenBLAS.
bool set_blas_threads(int n);
// "auto" -> cuda when available, else cpu; "cuda" without CUDA is an InputError. On CUDA, cuDNN is set
// to deterministic algorithms without autotuning (seeded runs repeat; docs/gpu.md).
torch::Device resolve_device(const std::string& name);

}  // namespace factorlab
