// factorlab/core/rng.cpp — see rng.h.
#include "factorlab/core/rng.h"

#include <cmath>

namespace factorlab {
namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Rng::Rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& w : s_) w = splitmix64(x);
}

std::uint64_t Rng::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

std::uint64_t Rng::below(std::uint64_t n) {
  // Rejection sampling on the top of the range keeps every value equally likely.
  const std::uint64_t limit = ~0ull - (~0ull % n);
  std::uint64_t v;
  do v = next_u64(); while (v >= limit);
  return v % n;
}

double Rng::normal() {
  double u1;
  do u1 = uniform(); while (u1 <= 0.0);
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

Rng Rng::derive(std::uint64_t seed, const std::string& key, std::uint64_t index) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a of the key, mixed with seed and index
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  std::uint64_t x = seed ^ h;
  const std::uint64_t a = splitmix64(x);
  std::uint64_t y = a ^ (index * 0xD6E8FEB86659FD93ull);
  return Rng(splitmix64(y));
}

}  // namespace factorlab
