// fuzz/fuzz_entries.h — one entry function per fuzz target, shared by the libFuzzer binaries
// (fuzz_*.cpp) and the regression test that replays fuzz/corpus/ (tests/core/test_fuzz_corpus.cpp).
// Contract of every entry: feed arbitrary bytes to a reader; a rejection must be an InputError,
// which the entry catches and reports as Outcome::Rejected. Anything else — another exception, a
// crash, undefined behaviour, a leak, an unbounded allocation — escapes and is a bug. An accepted
// input is also checked for a round trip (encode(decode(x)) decodes to the same thing); a failed
// check throws std::logic_error. Deliberately not: generators of valid inputs (the corpus seeds are
// made by our writers, see fuzz/make_corpus.cpp) or a harness of its own (libFuzzer, LLVM docs).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace factorlab::fuzz {

enum class Outcome { Accepted, Rejected };

// A .npy array (core/npy.h decode_npy).
Outcome fuzz_npy(const std::uint8_t* data, std::size_t size);
// A .npz archive (core/npy.h decode_npz).
Outcome fuzz_npz(const std::uint8_t* data, std::size_t size);
// A run config: TOML text, then up to kMaxOverrides `--set` assignments, each after a separator
// line "%%" (see split_config_input); parsed, overridden, read into RunConfig and validated.
Outcome fuzz_config(const std::uint8_t* data, std::size_t size);
// A checkpoint header (train/checkpoint_header.h parse_checkpoint_header).
Outcome fuzz_checkpoint_header(const std::uint8_t* data, std::size_t size);

inline constexpr std::size_t kMaxOverrides = 3;
inline constexpr const char* kOverrideSeparator = "\n%%\n";
// Splits a config fuzz input into the TOML text and at most kMaxOverrides overrides; text after
// the last separator that would make a fourth override stays part of the third.
std::vector<std::string> split_config_input(const std::string& input);

// The targets by name (the folder names under fuzz/corpus/), for the corpus replay test.
using Entry = Outcome (*)(const std::uint8_t*, std::size_t);
struct Target {
  const char* name;
  Entry entry;
};
const std::vector<Target>& targets();

}  // namespace factorlab::fuzz
