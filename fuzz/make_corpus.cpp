// fuzz/make_corpus.cpp — writes the seed corpus fuzz/corpus/<target>/seed_* with our own writers
// (encode_npy, write_npz, encode_checkpoint_header, the presets and to_toml). Usage:
//     factorlab_fuzz_make_corpus <corpus-folder>
// Seeds are valid inputs: the replay test expects each seed_* file to be Accepted. Deliberately
// not a fuzzer or a minimizer (libFuzzer's -merge=1 does that); findings are added by hand as
// crash_* files.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/npy.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/train/checkpoint_header.h"
#include "fuzz_entries.h"

using namespace factorlab;

namespace {

std::vector<NpyArray> sample_arrays() {
  const float f[12] = {1.5f, -2.f, 0.f, 3.25f, 1e-8f, 7.f, -0.f, 1e30f, -1e-30f, 2.f, 4.f, 8.f};
  const double d[3] = {1.0, -1e300, 0.5};
  const std::int8_t i8[4] = {-128, 0, 5, 127};
  const std::int64_t i64[2] = {-(1ll << 40), 42};
  NpyArray u8;
  u8.dtype = DType::U8;
  u8.shape = {3};
  u8.bytes = {0, 1, 255};
  NpyArray i32;
  i32.dtype = DType::I32;
  i32.shape = {1, 2};
  i32.bytes = {1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff};
  return {NpyArray::from_f32({2, 3}, f), NpyArray::from_f32({2, 3, 2}, f), NpyArray::from_f64({3}, d),
          NpyArray::from_i8({2, 2}, i8), NpyArray::from_i64({2}, i64), NpyArray::from_i64({}, i64),
          NpyArray::from_f32({0, 4}, f), u8, i32};
}

void put(const std::string& dir, const std::string& name, const std::string& bytes) {
  write_file_atomic(dir + "/" + name, bytes);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  try {
    const std::string root = argv[1];
    for (const auto& t : fuzz::targets()) make_dirs(root + "/" + t.name);
    const std::vector<NpyArray> arrays = sample_arrays();
    for (std::size_t i = 0; i < arrays.size(); ++i)
      put(root + "/npy", "seed_" + std::to_string(i) + ".npy", encode_npy(arrays[i]));

    // write_npz only writes files: write to a temporary name in the corpus folder, read back.
    const std::vector<NpzEntries> archives = {
        {}, {{"x", arrays[0]}}, {{"x", arrays[0]}, {"labels", arrays[4]}}, {{"a", arrays[2]}, {"b", arrays[3]}, {"c", arrays[5]}}};
    for (std::size_t i = 0; i < archives.size(); ++i) {
      const std::string tmp = root + "/npz/.tmp.npz";
      write_npz(tmp, archives[i]);
      put(root + "/npz", "seed_" + std::to_string(i) + ".npz", read_file(tmp));
      std::remove(tmp.c_str());
    }

    const RunConfig defaults = load_run_config("default", {});
    CheckpointHeader h;
    put(root + "/checkpoint_header", "seed_empty.bin", encode_checkpoint_header(h));
    h.step = 1250;
    h.config_toml = "[train]\nsteps = 1250\n";
    h.identity = "[data]\nN = 16\n";
    put(root + "/checkpoint_header", "seed_small.bin", encode_checkpoint_header(h) + "ARCHIVE");
    h.step = 0xFFFFFFFFFFFFull;
    h.config_toml = to_toml(defaults);
    h.identity = training_identity(defaults);
    put(root + "/checkpoint_header", "seed_default.bin", encode_checkpoint_header(h));

    for (const auto& name : preset_names()) {
      try {
        load_run_config(name, {});  // percolation presets are not run configs: not seeds here
      } catch (const InputError&) {
        continue;
      }
      put(root + "/config", "seed_preset_" + name + ".toml", preset_text(name));
    }
    put(root + "/config", "seed_resolved_default.toml", to_toml(defaults));
    const std::string sep = fuzz::kOverrideSeparator;
    put(root + "/config", "seed_overrides.toml",
        preset_text("default") + sep + "train.steps=10" + sep + "data.parts.0.sigma=2.5" + sep + "run.name=fuzz");
    put(root + "/config", "seed_compositional_overrides.toml",
        preset_text("compositional_union") + sep + "data.parts.1.drop_rim=true" + sep + "model.cond_mode=scale_shift");
    put(root + "/config", "seed_empty.toml", "");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
