// fuzz/fuzz_npy.cpp — libFuzzer target for fuzz_npy (fuzz_entries.h); built with FACTORLAB_FUZZ=ON.
// Deliberately only a shim: the entry function is shared with the corpus replay test.
#include <cstddef>
#include <cstdint>

#include "fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  factorlab::fuzz::fuzz_npy(data, size);
  return 0;
}
