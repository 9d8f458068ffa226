// Tests for core/fs and core/json: atomic writes, unwritable folders, torn jsonl lines.
#include <gtest/gtest.h>

#include <filesystem>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"

using namespace factorlab;
namespace fs = std::filesystem;

namespace {
std::string tmp_dir(const char* name) {
  auto d = fs::temp_directory_path() / ("factorlab_fs_" + std::to_string(::getpid()) + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d.string();
}
}  // namespace

TEST(Fs, AtomicWriteReplacesAndLeavesNoTemporary) {
  const std::string dir = tmp_dir("a");
  write_file_atomic(dir + "/sub/x.txt", std::string("one"));
  write_file_atomic(dir + "/sub/x.txt", std::string("two"));
  EXPECT_EQ(read_file(dir + "/sub/x.txt"), "two");
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir + "/sub")) (void)e, ++n;
  EXPECT_EQ(n, 1) << "a temporary file was left behind";
}

TEST(Fs, MissingFileIsAnInputErrorNamingThePath) {
  try {
    read_file("/nonexistent/factorlab/x.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/factorlab/x.toml"), std::string::npos);
  }
}

TEST(Fs, UnwritableFolderFailsAtStart) {
  if (::geteuid() == 0) {
    // root may write anywhere; a path under a regular file can never be a folder.
    const std::string dir = tmp_dir("b");
    write_file_atomic(dir + "/file", std::string("x"));
    EXPECT_THROW(ensure_writable_dir(dir + "/file/run"), InputError);
  } else {
    EXPECT_THROW(ensure_writable_dir("/proc/factorlab_run"), InputError);
  }
}

TEST(Json, JsonlSkipsATornLastLine) {
  const std::string dir = tmp_dir("c");
  append_jsonl(dir + "/m.jsonl", Json{{"step", 1}});
  append_jsonl(dir + "/m.jsonl", Json{{"step", 2}});
  std::string text = read_file(dir + "/m.jsonl") + "{\"step\": 3, \"lo";
  write_file_atomic(dir + "/m.jsonl", text);
  const auto rows = read_jsonl(dir + "/m.jsonl");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1]["step"], 2);
  write_json(dir + "/r.json", Json{{"a", 1.5}});
  EXPECT_DOUBLE_EQ(read_json(dir + "/r.json")["a"].get<double>(), 1.5);
  write_file_atomic(dir + "/bad.json", std::string("{nope"));
  EXPECT_THROW(read_json(dir + "/bad.json"), InputError);
}
