// factorlab/core/threads.cpp — see threads.h.
#include "factorlab/core/threads.h"

#include <sched.h>

#include <cstdlib>
#include <thread>

namespace factorlab {

int cap_by_slurm(int affinity_cpus, const char* slurm) {
  if (slurm == nullptr || *slurm == '\0') return affinity_cpus;
  char* end = nullptr;
  const long v = std::strtol(slurm, &end, 10);
  if (*end != '\0' || v <= 0) return affinity_cpus;  // not a count: Slurm did not set it for us
  return v < affinity_cpus ? static_cast<int>(v) : affinity_cpus;
}

int usable_cpus() {
  int n = 0;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) n = CPU_COUNT(&set);
  if (n <= 0) n = static_cast<int>(std::thread::hardware_concurrency());
  if (n <= 0) n = 1;
  return cap_by_slurm(n, std::getenv("SLURM_CPUS_PER_TASK"));
}

int resolve_threads(int requested) { return requested > 0 ? requested : usable_cpus(); }

}  // namespace factorlab
