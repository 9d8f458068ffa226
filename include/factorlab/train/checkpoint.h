// factorlab/train/checkpoint.h — checkpoint files: a header we define, then a LibTorch archive.
// Layout: "FLABCKPT" (8 bytes), format version u32, step u64, config length u32, the resolved
// config (TOML text), identity length u32, the identity string, then the archive with model/ema
// weights and the optimizer state. The header is read and checked before the archive is touched,
// so a file of another format, a truncated file or a checkpoint of another run is a clear error.
// Everything the next step depends on is in here: the batch order and the noise of step k are pure
// functions of (seed, k), so no RNG state needs saving (docs/training.md).
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <string>

namespace factorlab {

inline constexpr std::uint32_t kCheckpointVersion = 1;

struct CheckpointHeader {
  std::uint32_t version = kCheckpointVersion;
  std::uint64_t step = 0;
  std::string config_toml;  // the whole resolved run config
  std::string identity;     // the part of the config a resumed run must share
};

// Parses the header from the start of `bytes`; sets *archive_offset to where the archive begins.
// InputError (naming `name`) for a wrong magic, version, or truncation.
CheckpointHeader parse_checkpoint_header(const std::string& bytes, const std::string& name, std::size_t* archive_offset);
std::string encode_checkpoint_header(const CheckpointHeader& h);

// Writes header + archive atomically.
void save_checkpoint(const std::string& path, const CheckpointHeader& header, torch::serialize::OutputArchive& archive);
// Reads the header, and loads the archive into `archive`.
CheckpointHeader load_checkpoint(const std::string& path, torch::serialize::InputArchive& archive);
CheckpointHeader read_checkpoint_header(const std::string& path);

}  // namespace factorlab
