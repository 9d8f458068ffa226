// factorlab/train/runtime.cpp — see runtime.h.
#include "factorlab/train/runtime.h"

#include <dlfcn.h>
#include <malloc.h>

#include <cstdlib>
#include <thread>

#include "factorlab/core/error.h"
#include "factorlab/core/threads.h"

namespace factorlab {

bool set_blas_threads(int n) {
  // Looked up at run time: Debian's LibTorch reaches OpenBLAS through the libblas.so.3 alternative,
  // which may also be the reference BLAS (no such symbol, nothing to set).
  using SetThreads = void (*)(int);
  auto* set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (!set) return false;
  set(n);
  return true;
}

int configure_cpu_runtime(int threads) {
  const int n = resolve_threads(threads);
  at::set_num_threads(n);
  // OpenBLAS's own pthreads compete with LibTorch's OpenMP threads for the same cores; ATen already
  // parallelises around its BLAS calls, so OpenBLAS runs single-threaded unless the user set
  // OPENBLAS_NUM_THREADS (docs/bench.md: the lever's row).
  if (!std::getenv("OPENBLAS_NUM_THREADS")) set_blas_threads(1);
  // Keep freed activation buffers instead of returning them to the OS after every step.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  return n;
}

torch::Device resolve_device(const std::string& name) {
  if (name == "cpu") return torch::kCPU;
  const auto use_cuda = [] {
    // Seeded runs repeat on a GPU too: cuDNN picks deterministic algorithms and does not autotune
    // (autotuning may pick a different kernel per process). The noise is drawn on the CPU anyway
    // (diffusion/gaussian_diffusion.cpp, train/trainer.cpp), so only the arithmetic is the GPU's.
    at::globalContext().setBenchmarkCuDNN(false);
    at::globalContext().setDeterministicCuDNN(true);
    return torch::Device(torch::kCUDA);
  };
  if (name == "cuda") {
    if (!torch::cuda::is_available()) throw InputError("run.device = 'cuda' but this build or machine has no CUDA device");
    return use_cuda();
  }
  if (name == "auto") return torch::cuda::is_available() ? use_cuda() : torch::Device(torch::kCPU);
  throw InputError("run.device = '" + name + "' is not allowed (allowed: auto, cpu, cuda)");
}

}  // namespace factorlab
