// factorlab/train/checkpoint_header.h — the header we define at the start of a checkpoint file.
// Layout: "FLABCKPT" (8 bytes), format version u32, step u64, config length u32, the resolved
// config (TOML text), identity length u32, the identity string; the LibTorch archive follows
// (checkpoint.h), then (version 2) a checksum trailer over everything before it (core/seal.h):
// LibTorch does not check its zip CRCs, so without it a flipped byte in the weights loads silently. Deliberately torch-free, so the header reader builds, is tested and is fuzzed
// (fuzz/) without LibTorch. Follows llm.c's magic + version headers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace factorlab {

inline constexpr std::uint32_t kCheckpointVersion = 2;  // 2: the checksum trailer

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

// A whole checkpoint file: header, archive bytes, checksum trailer.
std::string encode_checkpoint(const CheckpointHeader& h, const std::string& archive);
// Checks the checksum of a whole file, then parses its header; *archive_offset / *archive_size say where
// the archive lies. InputError naming `name` for a corrupt, truncated or foreign file.
CheckpointHeader parse_checkpoint(const std::string& bytes, const std::string& name, std::size_t* archive_offset,
                                  std::size_t* archive_size);

}  // namespace factorlab
