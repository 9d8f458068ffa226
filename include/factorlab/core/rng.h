// factorlab/core/rng.h — a seeded, portable random number generator for everything outside LibTorch.
// splitmix64-seeded xoshiro256** (Blackman & Vigna): same seed, same numbers on every platform and
// standard library (std::uniform_*_distribution and std::shuffle are implementation-defined, so we
// do our own bounded draws, Box-Muller normals and Fisher-Yates). Deliberately not cryptographic.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace factorlab {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0);
  std::uint64_t next_u64();
  double uniform();                             // [0, 1)
  double uniform(double lo, double hi);         // [lo, hi)
  std::uint64_t below(std::uint64_t n);         // [0, n), unbiased; n > 0
  double normal();                              // N(0, 1)
  template <class T> void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }
  // Independent stream for a named purpose (e.g. "subsample", part index): a pure function of the
  // seed and the key, so adding a consumer never shifts the numbers another consumer sees.
  static Rng derive(std::uint64_t seed, const std::string& key, std::uint64_t index = 0);

  std::array<std::uint64_t, 4> state() const { return s_; }
  void set_state(const std::array<std::uint64_t, 4>& s) { s_ = s; }

 private:
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace factorlab
