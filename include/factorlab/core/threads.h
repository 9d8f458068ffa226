// factorlab/core/threads.h — how many threads "threads = 0" means: the CPUs this process may run on.
// That is the affinity mask (sched_getaffinity; what taskset, cgroups cpusets and Slurm's task
// binding give the process), capped by SLURM_CPUS_PER_TASK when that is set and smaller (Slurm
// without task binding leaves the mask at the whole node). README "Threads".
// Deliberately not here: setting any library's thread count (train/runtime.h does that for LibTorch).
#pragma once

namespace factorlab {

// CPUs this process may use, at least 1.
int usable_cpus();

// requested > 0: requested; otherwise usable_cpus().
int resolve_threads(int requested);

// The SLURM_CPUS_PER_TASK cap on top of an affinity count; `slurm` is the variable's text (nullptr
// or not a positive integer: no cap). Split out so the rule is tested without a Slurm job.
int cap_by_slurm(int affinity_cpus, const char* slurm);

}  // namespace factorlab
