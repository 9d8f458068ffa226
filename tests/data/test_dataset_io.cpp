// Tests for data/dataset_io: dataset.npz round trip, numpy's view of it, and corrupt files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/rng.h"
#include "factorlab/core/seal.h"
#include "factorlab/data/dataset_io.h"

#include "../support/scratch_dir.h"

using namespace factorlab;

namespace {

using test_support::scratch_dir;
Dataset sample() {
  DataConfig c;
  c.N = 16;
  PartConfig p;
  p.shape = Shape::Sos;
  p.holdout.type = HoldoutType::Cross;
  p.holdout.a = 6, p.holdout.b = 9;
  PartConfig s;
  s.shape = Shape::Sos;
  s.layout = Layout::Stripes;
  c.parts = {p, s};
  return build_dataset(c);
}
}  // namespace

TEST(DatasetIo, RoundTripIsExact) {
  const Dataset d = sample();
  const std::string path = scratch_dir("dsio") + "/dataset.npz";
  save_dataset(path, d);
  const Dataset e = load_dataset(path);
  EXPECT_EQ(e.N, d.N);
  EXPECT_EQ(e.margin, d.margin);
  EXPECT_EQ(e.images, d.images);
  EXPECT_EQ(e.labels, d.labels);
  EXPECT_EQ(e.kinds, d.kinds);
  EXPECT_EQ(e.parts, d.parts);
  EXPECT_EQ(e.ood_images, d.ood_images);
  EXPECT_EQ(e.ood_labels, d.ood_labels);
  EXPECT_EQ(e.ood_regions, d.ood_regions);
}

TEST(DatasetIo, NumpyLoadsIt) {
  if (std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "SKIPPED: /usr/bin/python3 with numpy is not installed (apt-get install python3-numpy)";
  const Dataset d = sample();
  const std::string dir = scratch_dir("dsio");
  save_dataset(dir + "/dataset.npz", d);
  const std::string cmd = "/usr/bin/python3 -c \"import numpy as np; z = np.load('" + dir +
                          "/dataset.npz'); n = z['images'].shape[0]; "
                          "assert z['images'].shape == (n, 16, 16) and z['images'].dtype == np.float32; "
                          "assert z['labels'].shape == (n, 2) and z['kind'].dtype == np.int8; "
                          "assert 0 <= z['images'].min() and z['images'].max() <= 1; "
                          "assert int(z['N']) == 16 and z['ood_labels'].shape[1] == 2; "
                          "print(n, z['ood_labels'].shape[0])\" > " + dir + "/out.txt";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(read_file(dir + "/out.txt"), std::to_string(d.size()) + " " + std::to_string(d.ood_size()) + "\n");
}

TEST(DatasetIo, WrongOrMissingArraysAreClearErrors) {
  const std::string dir = scratch_dir("dsio");
  const float f[4] = {0, 0, 0, 0};
  write_npz(dir + "/other.npz", {{"x", NpyArray::from_f32({4}, f)}});
  try {
    load_dataset(dir + "/other.npz");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no array 'format'"), std::string::npos) << e.what();
  }
  // A dataset whose labels disagree in length with its images.
  Dataset d = sample();
  save_dataset(dir + "/d.npz", d);
  auto z = read_npz(dir + "/d.npz");
  z["labels"].shape[0] -= 1;
  z["labels"].bytes.resize(z["labels"].bytes.size() - 8);
  NpzEntries entries(z.begin(), z.end());
  write_npz(dir + "/bad.npz", entries);
  try {
    load_dataset(dir + "/bad.npz");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'labels' has shape"), std::string::npos) << e.what();
  }
}

// dataset.npz carries a checksum of the whole file (core/seal.h): seeded random byte flips anywhere,
// and a file without the checksum, are errors naming the file; none loads silently.
TEST(DatasetIo, SeededRandomByteFlipsNeverLoadSilently) {
  const std::string dir = scratch_dir("dsio");
  const std::string path = dir + "/flipped.npz";
  save_dataset(dir + "/dataset.npz", sample());
  const std::string good = read_file(dir + "/dataset.npz");
  Rng rng(4);
  int trials = 0;
  for (int t = 0; t < 60; ++t) {
    std::string bad = good;
    const int flips = 1 + static_cast<int>(rng.next_u64() % 3);
    for (int i = 0; i < flips; ++i) {
      // Every other trial hits the last 256 bytes: the zip directory, its comment and the checksum.
      const std::size_t at = t % 2 == 0 ? good.size() - 1 - rng.next_u64() % 256 : rng.next_u64() % good.size();
      bad[at] = static_cast<char>(bad[at] ^ static_cast<char>(1 + rng.next_u64() % 255));
    }
    if (bad == good) continue;
    ++trials;
    write_file_atomic(path, bad);
    try {
      load_dataset(path);
      ADD_FAILURE() << "trial " << t << ": a corrupt dataset loaded silently";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("'" + path + "'"), std::string::npos) << e.what();
    }
  }
  EXPECT_GE(trials, 50);
  // Without its checksum (e.g. from an older factorlab): an error, not an unverified load.
  std::string unsealed = good.substr(0, good.size() - kSealSize);
  unsealed[unsealed.size() - 2] = 0;  // zip comment length 0: a valid zip numpy would read
  write_file_atomic(path, unsealed);
  EXPECT_NO_THROW(read_npz(path));
  try {
    load_dataset(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no checksum"), std::string::npos) << e.what();
  }
}
