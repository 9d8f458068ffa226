// factorlab/core/seal.cpp — see seal.h.
#include "factorlab/core/seal.h"

#include <cstdio>
#include <cstring>

#include "factorlab/core/error.h"
#include "factorlab/core/npy.h"

namespace factorlab {

namespace {
constexpr char kMagic[8] = {'F', 'L', 'A', 'B', 'C', 'R', 'C', '1'};

std::string hex_crc(const char* data, std::size_t size) {
  char digits[9];
  std::snprintf(digits, sizeof(digits), "%08x", static_cast<unsigned>(crc32(data, size)));
  return std::string(digits, 8);
}
}  // namespace

std::string seal_of(const std::string& payload) {
  return std::string(kMagic, 8) + hex_crc(payload.data(), payload.size());
}

bool has_seal(const std::string& bytes) {
  return bytes.size() >= kSealSize && std::memcmp(bytes.data() + bytes.size() - kSealSize, kMagic, 8) == 0;
}

std::size_t check_seal(const std::string& bytes, const std::string& name) {
  if (!has_seal(bytes))
    throw InputError("'" + name + "' is corrupt or truncated: it has no checksum trailer (or it was written by a "
                     "factorlab from before checksums)");
  const std::size_t payload = bytes.size() - kSealSize;
  if (bytes.compare(payload + 8, 8, hex_crc(bytes.data(), payload)) != 0)
    throw InputError("'" + name + "' is corrupt: its checksum does not match its contents");
  return payload;
}

}  // namespace factorlab
