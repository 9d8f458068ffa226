// Tests for core/npy: round trips, numpy interoperability (both ways), and malformed files.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/seal.h"

#include "../support/scratch_dir.h"

using namespace factorlab;

namespace {

using test_support::scratch_dir;
bool have_numpy() { return std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0; }

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(Npy, RoundTripEveryDtype) {
  const float f[6] = {1.5f, -2.f, 0.f, 3.25f, 1e-8f, 7.f};
  const double d[3] = {1.0, -1e300, 0.5};
  const std::int8_t i8[4] = {-128, 0, 5, 127};
  const std::int64_t i64[2] = {-(1ll << 40), 42};
  for (const NpyArray& a : {NpyArray::from_f32({2, 3}, f), NpyArray::from_f64({3}, d), NpyArray::from_i8({2, 2}, i8),
                            NpyArray::from_i64({2}, i64), NpyArray::from_i64({}, i64), NpyArray::from_f32({0, 4}, f)}) {
    const std::string bytes = encode_npy(a);
    EXPECT_EQ((bytes.size() - a.bytes.size()) % 64, 0u) << "header must pad data to 64 bytes";
    const NpyArray b = decode_npy(bytes, "mem");
    EXPECT_EQ(b.dtype, a.dtype);
    EXPECT_EQ(b.shape, a.shape);
    EXPECT_EQ(b.bytes, a.bytes);
  }
}

TEST(Npy, NpzRoundTrip) {
  const std::string path = scratch_dir("npy") + "/a.npz";
  const float f[4] = {1, 2, 3, 4};
  const std::int8_t k[2] = {1, -1};
  write_npz(path, {{"x", NpyArray::from_f32({2, 2}, f)}, {"kind", NpyArray::from_i8({2}, k)}});
  auto z = read_npz(path);
  ASSERT_EQ(z.size(), 2u);
  EXPECT_EQ(z["x"].shape, (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(z["x"].data<float>()[3], 4.f);
  EXPECT_EQ(z["kind"].data<std::int8_t>()[1], -1);
  EXPECT_FALSE(file_exists(path + ".tmp." + std::to_string(::getpid())));
}

TEST(Npy, NumpyReadsOurFilesAndWeReadNumpys) {
  if (!have_numpy()) GTEST_SKIP() << "SKIPPED: /usr/bin/python3 with numpy is not installed (apt-get install python3-numpy)";
  const std::string dir = scratch_dir("npy");
  const float f[6] = {0.5f, 1.5f, -2.5f, 3.f, 4.f, 5.f};
  const std::int8_t k[3] = {0, 1, 2};
  write_npz(dir + "/ours.npz", {{"images", NpyArray::from_f32({1, 2, 3}, f)}, {"kind", NpyArray::from_i8({3}, k)}});
  write_npy(dir + "/ours.npy", NpyArray::from_f32({2, 3}, f));
  const std::string script = dir + "/check.py";
  write_file_atomic(script,
                    "import numpy as np, sys\n"
                    "d = sys.argv[1]\n"
                    "z = np.load(d + '/ours.npz')\n"
                    "assert z['images'].shape == (1, 2, 3) and z['images'].dtype == np.float32\n"
                    "assert np.allclose(z['images'].ravel(), [0.5, 1.5, -2.5, 3, 4, 5])\n"
                    "assert z['kind'].dtype == np.int8 and list(z['kind']) == [0, 1, 2]\n"
                    "a = np.load(d + '/ours.npy')\n"
                    "assert a.shape == (2, 3) and a[1, 2] == 5\n"
                    "np.savez(d + '/theirs.npz', a=np.arange(12, dtype=np.float32).reshape(3, 4), "
                    "b=np.array([1, -2], dtype=np.int64), s=np.int64(7))\n"
                    "np.save(d + '/theirs.npy', np.linspace(0, 1, 5))\n"
                    "np.savez_compressed(d + '/compressed.npz', a=np.zeros(3))\n");
  ASSERT_EQ(std::system(("/usr/bin/python3 " + script + " " + dir).c_str()), 0) << "numpy rejected our files";
  auto z = read_npz(dir + "/theirs.npz");
  EXPECT_EQ(z["a"].shape, (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(z["a"].data<float>()[11], 11.f);
  EXPECT_EQ(z["b"].data<std::int64_t>()[1], -2);
  EXPECT_EQ(z["s"].shape.size(), 0u);
  EXPECT_EQ(z["s"].data<std::int64_t>()[0], 7);
  NpyArray l = read_npy(dir + "/theirs.npy");
  EXPECT_EQ(l.dtype, DType::F64);
  EXPECT_DOUBLE_EQ(l.data<double>()[4], 1.0);
  EXPECT_NE(error_of([&] { read_npz(dir + "/compressed.npz"); }).find("compressed"), std::string::npos);
}

TEST(Npy, MalformedInputsGiveOneLineErrors) {
  const float f[4] = {1, 2, 3, 4};
  const std::string good = encode_npy(NpyArray::from_f32({2, 2}, f));
  std::vector<std::pair<std::string, std::string>> cases = {
      {"", "magic"},
      {"NUMPY\x01\x00", "magic"},
      {good.substr(0, 9), "magic"},
      {good.substr(0, 40), "truncated header"},
      {good.substr(0, good.size() - 1), "truncated data"},
      {good + "x", "trailing"},
  };
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  cases.push_back({replace("'<f4'", "'>f4'"), "not supported"});
  cases.push_back({replace("'<f4'", "'O'  "), "dtype 'O' is not supported"});
  cases.push_back({replace("'<f4'", "<f4  "), "not a quoted"});
  cases.push_back({replace("False", "True "), "Fortran"});
  cases.push_back({replace("(2, 2)", "(9999999999999, 99999)"), "truncated data"});
  cases.push_back({replace("(2, 2)", "(99999999999999999, 999999)"), "too large"});
  cases.push_back({replace("(2, 2)", "(2, -2)"), "non-integer"});
  cases.push_back({replace("'shape'", "'shapx'"), "no 'shape'"});
  std::string v9 = good;
  v9[6] = 9;
  cases.push_back({v9, "version 9"});
  for (const auto& [bytes, want] : cases) {
    const std::string msg = error_of([&] { decode_npy(bytes, "bad.npy"); });
    EXPECT_NE(msg.find(want), std::string::npos) << "message '" << msg << "' lacks '" << want << "'";
    EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg;
    EXPECT_NE(msg.find("bad.npy"), std::string::npos) << "names the file: " << msg;
  }
}

TEST(Npy, CorruptNpzIsRejected) {
  const float f[4] = {1, 2, 3, 4};
  const std::string path = scratch_dir("npy") + "/c.npz";
  write_npz(path, {{"x", NpyArray::from_f32({4}, f)}});
  const std::string good = read_file(path);
  std::string flipped = good;
  flipped[good.find("\x93NUMPY") + 130] ^= 0x55;  // a data byte: CRC must catch it
  EXPECT_NE(error_of([&] { decode_npz(flipped, "c.npz"); }).find("checksum"), std::string::npos);  // seal.h
  // Without our trailer (a file from another writer), the entry CRC still catches it.
  std::string unsealed = flipped.substr(0, flipped.size() - kSealSize);
  unsealed[unsealed.size() - 2] = 0;  // zip comment length 0
  EXPECT_NE(error_of([&] { decode_npz(unsealed, "c.npz"); }).find("CRC"), std::string::npos);
  EXPECT_NE(error_of([&] { decode_npz(good.substr(0, good.size() / 2), "c.npz"); }).find("c.npz"), std::string::npos);
  EXPECT_NE(error_of([&] { decode_npz("PK not really", "c.npz"); }).find("too short"), std::string::npos);
  // Every truncation is an error, never a crash.
  for (std::size_t n = 0; n < good.size(); n += 7)
    EXPECT_THROW(decode_npz(good.substr(0, n), "c.npz"), InputError) << "length " << n;
}

TEST(Npy, Crc32KnownValue) {
  EXPECT_EQ(crc32("123456789", 9), 0xCBF43926u);  // the standard check value
}
