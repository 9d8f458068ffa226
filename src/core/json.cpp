// factorlab/core/json.cpp — see json.h.
#include "factorlab/core/json.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"

namespace factorlab {

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

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
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = n < 0 ? std::strerror(errno) : "nothing written";
      ::close(fd);
      throw std::runtime_error("cannot append to '" + path + "': " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw std::runtime_error("cannot append to '" + path + "': " + std::strerror(errno));
}

std::vector<Json> read_jsonl(const std::string& path, JsonlTail* tail) {
  const std::string text = read_file(path);
  std::vector<Json> out;
  JsonlTail t;
  std::size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    const bool terminated = end != std::string::npos;
    const std::string line = text.substr(pos, terminated ? end - pos : std::string::npos);
    ++line_no;
    pos = terminated ? end + 1 : text.size();
    if (line.empty()) continue;
    try {
      out.push_back(Json::parse(line));
    } catch (const Json::parse_error& e) {
      if (terminated)
        throw InputError("'" + path + "' line " + std::to_string(line_no) + " is not valid JSON: " + e.what());
      t.torn = true;  // the unterminated tail of an interrupted append
      t.bytes = line.size();
    }
  }
  if (tail) *tail = t;
  else if (t.torn)
    log_warn("'", path, "': dropped a torn last line (", t.bytes, " bytes) left by an interrupted write");
  return out;
}

std::string to_jsonl(const std::vector<Json>& rows) {
  std::string s;
  for (const Json& r : rows) s += r.dump() + "\n";
  return s;
}

}  // namespace factorlab
