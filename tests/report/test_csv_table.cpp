// tests/report/test_csv_table.cpp — reading the stages' CSV files back: quoting, numbers, missing
// cells, infinities, malformed rows; and writing with quotes only where needed.
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/core/error.h"
#include "factorlab/report/csv_table.h"

namespace factorlab {
namespace {

TEST(CsvTable, ParsesHeaderRowsAndNumbers) {
  const CsvTable t = parse_csv("dim,birth,death\n0,0,inf\n1,0.5,0.75\n\n2,,-inf\n", "test");
  ASSERT_EQ(t.columns.size(), 3u);
  ASSERT_EQ(t.rows.size(), 3u);  // the blank line is skipped
  EXPECT_TRUE(std::isinf(t.number(0, "death")));
  EXPECT_DOUBLE_EQ(t.number(1, "birth"), 0.5);
  EXPECT_TRUE(std::isnan(t.number(2, "birth")));  // empty cell
  EXPECT_TRUE(std::isinf(t.number(2, "death")) && t.number(2, "death") < 0);
  EXPECT_TRUE(std::isnan(t.number(0, "nope")));   // absent column
  EXPECT_EQ(t.column("death"), 2);
  EXPECT_EQ(t.text(1, "dim"), "1");
  EXPECT_EQ(t.numbers("dim"), (std::vector<double>{0, 1, 2}));
}

TEST(CsvTable, QuotedCellsAndCrLf) {
  const CsvTable t = parse_csv("run,label.note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n", "test");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.text(0, "run"), "a,b");
  EXPECT_EQ(t.text(0, "label.note"), "say \"hi\"");
  EXPECT_TRUE(std::isnan(t.number(0, "run")));  // text is not a number
}

TEST(CsvTable, RejectsRaggedRowsAndEmptyFiles) {
  EXPECT_THROW(parse_csv("a,b\n1,2,3\n", "ragged.csv"), InputError);
  EXPECT_THROW(parse_csv("", "empty.csv"), InputError);
  EXPECT_THROW(parse_csv("a\n\"open\n", "open.csv"), InputError);
  try {
    parse_csv("a,b\n1,2\n3\n", "ragged.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("ragged.csv' line 3"), std::string::npos) << e.what();
  }
}

TEST(CsvTable, FormatQuotesOnlyWhenNeededAndRoundTrips) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("q\"q"), "\"q\"\"q\"");
  CsvTable t;
  t.columns = {"x", "note"};
  t.rows = {{"1", "a,b"}, {"2", "c\"d"}};
  const CsvTable back = parse_csv(format_csv(t), "roundtrip");
  EXPECT_EQ(back.columns, t.columns);
  EXPECT_EQ(back.rows, t.rows);
}

}  // namespace
}  // namespace factorlab
