// factorlab/core/seal.h — a checksum trailer for the files we read back (checkpoints, dataset.npz):
// the last 16 bytes are "FLABCRC1" and the CRC-32 (npy.h's crc32) of every byte before them, as 8
// lowercase hex digits. Any flipped byte anywhere in the file, trailer included, fails the check
// (CRC-32 misses a random corruption with probability 2^-32, and never a burst of 32 bits or less).
// Text digits keep the trailer valid as a zip comment, so a sealed .npz is still a plain zip that
// numpy.load reads (npy.h writes it there). Deliberately not a cryptographic hash: it guards against
// disks and copies, not against an adversary.
#pragma once
#include <cstddef>
#include <string>

namespace factorlab {

inline constexpr std::size_t kSealSize = 16;

// The 16 bytes to append to `payload`.
std::string seal_of(const std::string& payload);
// True when `bytes` ends with something that looks like a trailer (its magic), checked or not.
bool has_seal(const std::string& bytes);
// Checks the trailer of `bytes`; returns the payload size (bytes.size() - kSealSize). InputError naming
// `name`: "'<name>' is corrupt: its checksum does not match its contents" or "... has no checksum".
std::size_t check_seal(const std::string& bytes, const std::string& name);

}  // namespace factorlab
