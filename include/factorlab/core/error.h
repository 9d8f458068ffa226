// factorlab/core/error.h — the two kinds of failure the tool reports.
// InputError: the user's input (a config key, a file, an argument) is wrong; main prints its
// one-line message and exits 2. Anything else derived from std::exception exits 1.
// TrainingStopped: training failed part-way (e.g. a checkpoint write on a full disk) and says what is
// kept; it exits 1 like any failure, and the command that ran it adds how to continue (cli/).
// Deliberately not a hierarchy of dozens of types: callers only need to tell "your input" from "us".
#pragma once
#include <stdexcept>
#include <string>

namespace factorlab {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

class TrainingStopped : public std::runtime_error {
 public:
  explicit TrainingStopped(const std::string& what) : std::runtime_error(what) {}
};

// Throws InputError(message) when cond is false; keeps validate() bodies one line per rule.
inline void require(bool cond, const std::string& message) {
  if (!cond) throw InputError(message);
}

}  // namespace factorlab
