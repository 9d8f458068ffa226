// factorlab/train/checkpoint_contents.h — what a checkpoint holds, for `factorlab inspect`: its
// header and an FNV-1a 64-bit hash of every tensor of the model, the EMA and the optimizer state
// (dtype, shape and values in logical row-major order, so a channels-last copy hashes like a
// contiguous one), then one hash per section and one for the whole state. Two checkpoints hold the
// same state exactly when their section hashes agree (the kill test compares them; docs/hardening.md).
// Checkpoint files of equal state are NOT byte-identical: LibTorch's optimizer archive names each
// parameter by its in-memory address, which is replaced here by the parameter's place in the param
// groups. Loading every tensor proves the archive's structure is whole, not its values: LibTorch 1.13
// does not check the zip CRC-32s (the checksum trailer of core/seal.h does).
// Deliberately not: a diff tool or a converter; the hash is for equality, not for security.
// Reference: FNV-1a (Fowler, Noll, Vo; IETF draft-eastlake-fnv), 64-bit offset basis and prime.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/train/checkpoint_header.h"

namespace factorlab {

// One tensor or plain value of the archive, by its path ("model/stem/weight").
struct CheckpointEntry {
  std::string path, dtype, shape, value;  // value: the text of a non-tensor entry
  bool tensor = false;
  std::int64_t numel = 0;
  std::uint64_t hash = 0;  // of dtype, shape and values, for tensors
};

// A top-level name (ema, model, optimizer, ...): its counts and the hash of its entries.
struct CheckpointSection {
  std::string name;
  std::int64_t tensors = 0, values = 0, others = 0;
  std::uint64_t hash = 0;
};

struct CheckpointContents {
  std::string path;          // the checkpoint file read
  CheckpointHeader header;
  std::string run_name;      // run.name of the stored config; "?" when absent or unparsable (said so)
  std::uint64_t bytes = 0;   // file size
  std::vector<CheckpointEntry> entries;     // sorted by path
  std::vector<CheckpointSection> sections;  // in sorted order
  std::uint64_t state_hash = 0;             // over the sections
};

// `input` is a checkpoint file or a run folder (its latest checkpoint). InputError when it does not
// exist, the folder has no checkpoints, or the file is not a usable checkpoint.
CheckpointContents read_checkpoint_contents(const std::string& input);

// 16 lower-case hex digits.
std::string hash_hex(std::uint64_t v);

}  // namespace factorlab
