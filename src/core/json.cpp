// factorlab/core/json.cpp — see json.h.
#include "factorlab/core/json.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"

namespace factorlab {

void write_json(const std::string& path, const Json& j) { write_file_atomic(path, j.dump(2) + "\n"); }

Json read_json(const std::string& path) {
  const std::string text = read_file(path);
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    throw InputError("'" + path + "' is not valid JSON: " + e.what());
  }
}

void append_jsonl(const std::string& path, const Json& j) {
  const std::string line = j.dump() + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot append to '" + path + "': " + std::strerror(errno));
  const ssize_t n = ::write(fd, line.data(), line.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size())) throw std::runtime_error("short write to '" + path + "'");
}

std::vector<Json> read_jsonl(const std::string& path) {
  std::vector<Json> out;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    try {
      out.push_back(Json::parse(line));
    } catch (const Json::parse_error&) {
      // a torn last line from a killed run
    }
  }
  return out;
}

}  // namespace factorlab
