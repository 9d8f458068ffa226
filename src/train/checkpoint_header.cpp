// factorlab/train/checkpoint_header.cpp — see checkpoint_header.h. Torch-free on purpose.
#include "factorlab/train/checkpoint_header.h"

#include <cstring>

#include "factorlab/core/error.h"
#include "factorlab/core/seal.h"

namespace factorlab {

namespace {
constexpr char kMagic[8] = {'F', 'L', 'A', 'B', 'C', 'K', 'P', 'T'};
constexpr std::uint32_t kMaxText = 64u << 20;

void put(std::string& s, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t get(const std::string& s, std::size_t pos, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[pos + static_cast<std::size_t>(i)]);
  return v;
}
}  // namespace

std::string encode_checkpoint_header(const CheckpointHeader& h) {
  std::string s(kMagic, 8);
  put(s, h.version, 4);
  put(s, h.step, 8);
  put(s, h.config_toml.size(), 4);
  s += h.config_toml;
  put(s, h.identity.size(), 4);
  s += h.identity;
  return s;
}

CheckpointHeader parse_checkpoint_header(const std::string& b, const std::string& name, std::size_t* archive_offset) {
  auto fail = [&](const std::string& why) { throw InputError("'" + name + "' is not a usable checkpoint: " + why); };
  if (b.size() < 8 || std::memcmp(b.data(), kMagic, 8) != 0) fail("missing the FLABCKPT magic (not a factorlab checkpoint)");
  if (b.size() < 24) fail("truncated header");
  CheckpointHeader h;
  h.version = static_cast<std::uint32_t>(get(b, 8, 4));
  if (h.version != kCheckpointVersion)
    fail("format version " + std::to_string(h.version) + " (this factorlab reads version " +
         std::to_string(kCheckpointVersion) + (h.version == 1 ? ", which adds a checksum; train again" : "") + ")");
  h.step = get(b, 12, 8);
  std::size_t pos = 20;
  for (std::string* text : {&h.config_toml, &h.identity}) {
    if (b.size() - pos < 4) fail("truncated header");
    const std::uint64_t len = get(b, pos, 4);
    pos += 4;
    if (len > kMaxText || len > b.size() - pos) fail("truncated header");
    text->assign(b, pos, len);
    pos += len;
  }
  if (archive_offset) *archive_offset = pos;
  return h;
}

std::string encode_checkpoint(const CheckpointHeader& h, const std::string& archive) {
  std::string s = encode_checkpoint_header(h) + archive;
  s += seal_of(s);
  return s;
}

CheckpointHeader parse_checkpoint(const std::string& bytes, const std::string& name, std::size_t* archive_offset,
                                  std::size_t* archive_size) {
  // The magic and version first, so a file of another kind or version is named as such, not as corrupt.
  std::size_t offset = 0;
  parse_checkpoint_header(bytes, name, &offset);
  const std::size_t payload = check_seal(bytes, name);
  if (offset > payload) throw InputError("'" + name + "' is not a usable checkpoint: truncated header");
  // The checksum holds, so the header parsed above is the one written.
  CheckpointHeader h = parse_checkpoint_header(bytes.substr(0, payload), name, &offset);
  if (archive_offset) *archive_offset = offset;
  if (archive_size) *archive_size = payload - offset;
  return h;
}

}  // namespace factorlab
