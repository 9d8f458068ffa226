// factorlab/core/error.h — the two kinds of failure the tool reports.
// InputError: the user's input (a config key, a file, an argument) is wrong; main prints its
// one-line message and exits 2. Anything else derived from std::exception exits 1.
// Deliberately not a hierarchy of dozens of types: callers only need to tell "your input" from "us".
#pragma once
#include <stdexcept>
#include <string>

namespace factorlab {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

// Throws InputError(message) when cond is false; keeps validate() bodies one line per rule.
inline void require(bool cond, const std::string& message) {
  if (!cond) throw InputError(message);
}

}  // namespace factorlab
