// Tests for core/json: atomic JSON files, whole-line appends, torn and corrupt .jsonl lines.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"

#include "../support/scratch_dir.h"

using namespace factorlab;
namespace fs = std::filesystem;

namespace {

using test_support::scratch_dir;
}  // namespace

TEST(Json, JsonRoundTripAndBadJsonIsAnInputError) {
  const std::string dir = scratch_dir("json", "a");
  write_json(dir + "/r.json", Json{{"a", 1.5}});
  EXPECT_DOUBLE_EQ(read_json(dir + "/r.json")["a"].get<double>(), 1.5);
  write_file_atomic(dir + "/bad.json", std::string("{nope"));
  EXPECT_THROW(read_json(dir + "/bad.json"), InputError);
}

TEST(Json, AppendWritesWholeLines) {
  const std::string dir = scratch_dir("json", "b");
  const std::string path = dir + "/m.jsonl";
  for (int i = 1; i <= 3; ++i) append_jsonl(path, Json{{"step", i}, {"note", std::string(5000, 'x')}});
  const std::string text = read_file(path);
  EXPECT_EQ(text.back(), '\n');
  JsonlTail tail;
  const auto rows = read_jsonl(path, &tail);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2]["step"], 3);
  EXPECT_FALSE(tail.torn);
  EXPECT_EQ(to_jsonl(rows), text);  // compact dump, one line each: what append_jsonl writes
}

TEST(Json, TornLastLineIsDroppedAndReported) {
  const std::string dir = scratch_dir("json", "c");
  const std::string path = dir + "/m.jsonl";
  append_jsonl(path, Json{{"step", 1}});
  append_jsonl(path, Json{{"step", 2}});
  write_file_atomic(path, read_file(path) + "{\"step\": 3, \"lo");
  JsonlTail tail;
  const auto rows = read_jsonl(path, &tail);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1]["step"], 2);
  EXPECT_TRUE(tail.torn);
  EXPECT_EQ(tail.bytes, 15u);
  EXPECT_EQ(read_jsonl(path).size(), 2u);  // without a tail report: a warning on the log
}

TEST(Json, CorruptLineInTheMiddleIsAnErrorNamingTheLine) {
  const std::string dir = scratch_dir("json", "d");
  const std::string path = dir + "/m.jsonl";
  write_file_atomic(path, std::string("{\"step\": 1}\n{\"step\": 2, \"lo\n{\"step\": 3}\n"));
  try {
    read_jsonl(path);
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(path), std::string::npos) << m;
    EXPECT_NE(m.find("line 2"), std::string::npos) << m;
  }
}

TEST(Json, EmptyFileAndBlankLinesGiveNoRows) {
  const std::string dir = scratch_dir("json", "e");
  write_file_atomic(dir + "/empty.jsonl", std::string());
  EXPECT_TRUE(read_jsonl(dir + "/empty.jsonl").empty());
  write_file_atomic(dir + "/blank.jsonl", std::string("\n{\"a\": 1}\n\n"));
  EXPECT_EQ(read_jsonl(dir + "/blank.jsonl").size(), 1u);
}
