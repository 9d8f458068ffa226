// Tests for core/seal.h: the checksum trailer catches every corruption we try (seeded random byte
// flips anywhere, trailer included, and truncations), and a sealed .npz is still a plain zip.
#include "factorlab/core/seal.h"

#include <gtest/gtest.h>

#include <string>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/rng.h"

#include "../support/scratch_dir.h"

namespace factorlab {
namespace {

// Flips 1..4 bytes at seeded random positions (each XORed with a non-zero value).
std::string flip_bytes(std::string s, Rng& rng) {
  const int flips = 1 + static_cast<int>(rng.next_u64() % 4);
  for (int i = 0; i < flips; ++i) {
    const std::size_t at = rng.next_u64() % s.size();
    s[at] = static_cast<char>(s[at] ^ static_cast<char>(1 + rng.next_u64() % 255));
  }
  return s;
}

std::string error_of(const std::string& bytes, const std::string& name) {
  try {
    check_seal(bytes, name);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Seal, RoundTripAndLayout) {
  const std::string payload = "some payload bytes";
  const std::string sealed = payload + seal_of(payload);
  ASSERT_EQ(sealed.size(), payload.size() + kSealSize);
  EXPECT_EQ(sealed.substr(payload.size(), 8), "FLABCRC1");
  EXPECT_TRUE(has_seal(sealed));
  EXPECT_EQ(check_seal(sealed, "x"), payload.size());
  EXPECT_EQ(check_seal(seal_of(""), "empty"), 0u);
  EXPECT_FALSE(has_seal(payload));
  EXPECT_NE(error_of(payload, "f.bin").find("'f.bin' is corrupt or truncated: it has no checksum"), std::string::npos);
}

TEST(Seal, SeededRandomFlipsAreAllCaught) {
  Rng rng(20261202);
  std::string payload(3000, '\0');
  for (char& c : payload) c = static_cast<char>(rng.next_u64());
  const std::string sealed = payload + seal_of(payload);
  int caught = 0;
  for (int trial = 0; trial < 500; ++trial) {
    const std::string bad = flip_bytes(sealed, rng);
    if (bad == sealed) continue;  // flips that cancelled out
    const std::string err = error_of(bad, "f.ckpt");
    EXPECT_NE(err.find("'f.ckpt' is corrupt"), std::string::npos) << "trial " << trial << " loaded silently";
    EXPECT_EQ(err.find('\n'), std::string::npos);
    caught += !err.empty();
  }
  EXPECT_GT(caught, 450);
  for (std::size_t n = 0; n < sealed.size(); n += 13)
    EXPECT_NE(error_of(sealed.substr(0, n), "f"), "") << "truncated to " << n;
}

TEST(Seal, SealedNpzStillDecodesAndFlipsNeverLoad) {
  const float f[6] = {1, 2, 3, 4, 5, 6};
  const std::int8_t k[3] = {0, 1, 2};
  const NpzEntries entries = {{"x", NpyArray::from_f32({2, 3}, f)}, {"kind", NpyArray::from_i8({3}, k)}};
  const std::string dir = test_support::scratch_dir("seal");
  write_npz(dir + "/s.npz", entries);
  const std::string good = read_file(dir + "/s.npz");
  ASSERT_TRUE(has_seal(good));
  EXPECT_EQ(decode_npz(good, "s.npz").at("x").to_f32()[5], 6.0f);
  Rng rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const std::string bad = flip_bytes(good, rng);
    if (bad == good) continue;
    EXPECT_NE(error_of(bad, "s.npz"), "") << "trial " << trial;  // required seal (dataset.npz): always caught
    // decode_npz alone checks the seal when one is there: a corrupt file that still looks sealed never
    // decodes (one whose trailer magic was hit falls back to the entries' CRCs, like a numpy file).
    bool decoded = true;
    try {
      decode_npz(bad, "s.npz");
    } catch (const InputError&) {
      decoded = false;
    }
    if (has_seal(bad)) {
      EXPECT_FALSE(decoded) << "trial " << trial << ": a sealed, corrupt file decoded";
    }
  }
}

}  // namespace
}  // namespace factorlab
