// factorlab/train/runtime.cpp — see runtime.h.
#include "factorlab/train/runtime.h"

#include <malloc.h>

#include <thread>

#include "factorlab/core/error.h"
#include "factorlab/core/threads.h"

namespace factorlab {

int configure_cpu_runtime(int threads) {
  const int n = resolve_threads(threads);
  at::set_num_threads(n);
  // Keep freed activation buffers instead of returning them to the OS after every step.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  return n;
}

torch::Device resolve_device(const std::string& name) {
  if (name == "cpu") return torch::kCPU;
  if (name == "cuda") {
    if (!torch::cuda::is_available()) throw InputError("run.device = 'cuda' but this build or machine has no CUDA device");
    return torch::kCUDA;
  }
  if (name == "auto") return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
  throw InputError("run.device = '" + name + "' is not allowed (allowed: auto, cpu, cuda)");
}

}  // namespace factorlab
