// fuzz/fuzz_entries.cpp — see fuzz_entries.h.
#include "fuzz_entries.h"

#include <stdexcept>

#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/core/npy.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/train/checkpoint_header.h"

namespace factorlab::fuzz {

namespace {

void check(bool cond, const char* what) {
  if (!cond) throw std::logic_error(std::string("fuzz invariant violated: ") + what);
}

template <class F>
Outcome guarded(F&& f) {
  try {
    f();
  } catch (const InputError&) {
    return Outcome::Rejected;
  }
  return Outcome::Accepted;
}

// The properties every decoded array must have, then its round trip through encode_npy.
void check_array(const NpyArray& a) {
  check(a.bytes.size() == a.numel() * dtype_size(a.dtype), "byte count equals numel * dtype size");
  check(a.to_f32().size() == a.numel(), "to_f32 yields numel values");
  const NpyArray b = decode_npy(encode_npy(a), "re-encoded");
  check(b.dtype == a.dtype && b.shape == a.shape && b.bytes == a.bytes, "npy round trip");
}

}  // namespace

Outcome fuzz_npy(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  return guarded([&] { check_array(decode_npy(bytes, "fuzz.npy")); });
}

Outcome fuzz_npz(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  return guarded([&] {
    for (const auto& [key, array] : decode_npz(bytes, "fuzz.npz")) check_array(array);
  });
}

std::vector<std::string> split_config_input(const std::string& input) {
  std::vector<std::string> parts;
  const std::string sep = kOverrideSeparator;
  std::size_t begin = 0;
  while (parts.size() < kMaxOverrides) {
    const std::size_t at = input.find(sep, begin);
    if (at == std::string::npos) break;
    parts.push_back(input.substr(begin, at - begin));
    begin = at + sep.size();
  }
  parts.push_back(input.substr(begin));
  return parts;
}

Outcome fuzz_config(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> parts = split_config_input(std::string(reinterpret_cast<const char*>(data), size));
  return guarded([&] {
    toml::table root = parse_toml(parts[0], "fuzz.toml");
    for (std::size_t i = 1; i < parts.size(); ++i) apply_override(root, parts[i]);
    RunConfig config;
    read_config(root, config);
    config.validate();
    // The resolved config is what runs and checkpoints store: it must read back to itself.
    const std::string text = to_toml(config);
    RunConfig again;
    read_config(parse_toml(text, "resolved.toml"), again);
    again.validate();
    check(to_toml(again) == text, "resolved config round trip");
  });
}

Outcome fuzz_checkpoint_header(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  return guarded([&] {
    std::size_t offset = 0;
    const CheckpointHeader h = parse_checkpoint_header(bytes, "fuzz.ckpt", &offset);
    check(offset <= bytes.size(), "archive offset inside the file");
    check(encode_checkpoint_header(h) == bytes.substr(0, offset), "header round trip");
  });
}

const std::vector<Target>& targets() {
  static const std::vector<Target> kTargets = {
      {"npy", fuzz_npy}, {"npz", fuzz_npz}, {"config", fuzz_config}, {"checkpoint_header", fuzz_checkpoint_header}};
  return kTargets;
}

}  // namespace factorlab::fuzz
