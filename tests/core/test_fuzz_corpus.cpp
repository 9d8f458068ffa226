// Replays fuzz/corpus/<target>/* through the fuzz entry functions (fuzz/fuzz_entries.h): every
// file must be handled without an exception other than InputError (the entries catch that one),
// every seed_* file (made by our writers, fuzz/make_corpus.cpp) must be accepted, and every target
// must have files. Crashers found by the fuzzers (crash_*, docs/fuzzing.md) stay here as regressions.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "factorlab/core/fs.h"
#include "fuzz_entries.h"

using namespace factorlab;
namespace stdfs = std::filesystem;

namespace {
const stdfs::path kCorpus = stdfs::path(FACTORLAB_SOURCE_DIR) / "fuzz" / "corpus";

std::vector<stdfs::path> files_of(const std::string& target) {
  std::vector<stdfs::path> out;
  const stdfs::path dir = kCorpus / target;
  if (!stdfs::is_directory(dir)) return out;
  for (const auto& e : stdfs::directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST(FuzzCorpus, EveryTargetHasSeedsAndEveryFileIsHandled) {
  ASSERT_EQ(fuzz::targets().size(), 4u);
  for (const auto& t : fuzz::targets()) {
    const auto files = files_of(t.name);
    int seeds = 0;
    for (const auto& f : files) {
      const std::string bytes = read_file(f.string());
      const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
      fuzz::Outcome outcome = fuzz::Outcome::Rejected;
      EXPECT_NO_THROW(outcome = t.entry(data, bytes.size())) << f;
      if (f.filename().string().rfind("seed_", 0) == 0) {
        ++seeds;
        EXPECT_EQ(outcome, fuzz::Outcome::Accepted) << f << " is a valid seed";
      }
    }
    EXPECT_GE(seeds, 3) << "fuzz/corpus/" << t.name << " has too few seed_* files";
  }
}

TEST(FuzzCorpus, RejectsGarbageWithInputErrorOnly) {
  // Short inputs of every kind: each target must reject them (not crash, not accept).
  const std::vector<std::string> garbage = {"", std::string(1, '\0'), "\x93NUMPY", "PK\x05\x06", "FLABCKPT", "[[[["};
  for (const auto& t : fuzz::targets())
    for (const auto& g : garbage) {
      if (std::string(t.name) == "config" && g.empty()) continue;  // empty TOML: the defaults, tested below
      const auto* data = reinterpret_cast<const std::uint8_t*>(g.data());
      EXPECT_EQ(t.entry(data, g.size()), fuzz::Outcome::Rejected) << t.name << " accepted '" << g << "'";
    }
}

TEST(FuzzCorpus, EmptyConfigIsTheDefaultsAndOverridesApply) {
  const std::string empty;
  EXPECT_EQ(fuzz::fuzz_config(reinterpret_cast<const std::uint8_t*>(empty.data()), 0), fuzz::Outcome::Accepted);
  const std::string bad = "\n%%\ntrain.steps=-5";
  EXPECT_EQ(fuzz::fuzz_config(reinterpret_cast<const std::uint8_t*>(bad.data()), bad.size()), fuzz::Outcome::Rejected);
}

TEST(FuzzCorpus, SplitConfigInputKeepsAtMostThreeOverrides) {
  EXPECT_EQ(fuzz::split_config_input("a"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(fuzz::split_config_input("a\n%%\nx=1\n%%\ny=2"), (std::vector<std::string>{"a", "x=1", "y=2"}));
  EXPECT_EQ(fuzz::split_config_input("t\n%%\n1\n%%\n2\n%%\n3\n%%\n4"),
            (std::vector<std::string>{"t", "1", "2", "3\n%%\n4"}));
}
