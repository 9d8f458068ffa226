// factorlab/train/checkpoint.cpp — see checkpoint.h.
#include "factorlab/train/checkpoint.h"

#include <sstream>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"

namespace factorlab {

void save_checkpoint(const std::string& path, const CheckpointHeader& header, torch::serialize::OutputArchive& archive) {
  std::ostringstream os;
  archive.save_to(os);
  write_file_atomic(path, encode_checkpoint(header, os.str()));
}

CheckpointHeader load_checkpoint(const std::string& path, torch::serialize::InputArchive& archive) {
  const std::string bytes = read_file(path);
  std::size_t offset = 0, size = 0;
  CheckpointHeader h = parse_checkpoint(bytes, path, &offset, &size);
  std::istringstream is(bytes.substr(offset, size));
  try {
    archive.load_from(is);
  } catch (const c10::Error& e) {
    throw InputError("'" + path + "' is not a usable checkpoint: its weights archive is corrupt or truncated");
  }
  return h;
}

CheckpointHeader read_checkpoint_header(const std::string& path) {
  return parse_checkpoint(read_file(path), path, nullptr, nullptr);
}

}  // namespace factorlab
