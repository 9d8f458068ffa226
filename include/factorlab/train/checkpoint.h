// factorlab/train/checkpoint.h — checkpoint files: a header we define, then a LibTorch archive.
// The header (checkpoint_header.h, torch-free): "FLABCKPT" (8 bytes), format version u32, step u64,
// config length u32, the resolved config (TOML text), identity length u32, the identity string;
// then the archive with model/ema weights and the optimizer state, then a checksum trailer over all
// of it (core/seal.h). The header and the checksum are checked before the archive is touched, so a
// file of another format, a truncated or corrupt file, or a checkpoint of another run is a clear error.
// Everything the next step depends on is in here: the batch order and the noise of step k are pure
// functions of (seed, k), so no RNG state needs saving (docs/training.md).
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <string>

#include "factorlab/train/checkpoint_header.h"  // CheckpointHeader, parse/encode (torch-free)

namespace factorlab {

// Writes header + archive + checksum trailer atomically.
void save_checkpoint(const std::string& path, const CheckpointHeader& header, torch::serialize::OutputArchive& archive);
// Checks the checksum, reads the header, and loads the archive into `archive`; both readers fail with
// an InputError naming the file when it is corrupt (checkpoint_header.h parse_checkpoint).
CheckpointHeader load_checkpoint(const std::string& path, torch::serialize::InputArchive& archive);
CheckpointHeader read_checkpoint_header(const std::string& path);

}  // namespace factorlab
