// factorlab/report/csv_table.h — the CSV files the stages write (pca.csv, ortho.csv, track.csv,
// percolation.csv, results.csv, ...) read back as a table of text cells, and small tables written
// for gnuplot. RFC 4180 quoting ("a,b" and "" inside quotes) on both sides.
// Deliberately not a general CSV library: no type inference, no streaming, no other separators.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace factorlab {

struct CsvTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each row has columns.size() cells

  int column(const std::string& name) const;  // -1 when absent
  bool has(const std::string& name) const { return column(name) >= 0; }
  // The cell as a number: NaN when the column is absent or the cell is empty or not a number;
  // "inf" / "-inf" are infinities (persistence.csv writes an essential class's death as "inf").
  double number(std::size_t row, const std::string& name) const;
  std::string text(std::size_t row, const std::string& name) const;  // "" when the column is absent
  std::vector<double> numbers(const std::string& name) const;        // the whole column
};

// The first line is the header; blank lines are skipped; a row with a different number of cells
// than the header is an InputError naming `origin` and the line.
CsvTable parse_csv(const std::string& text, const std::string& origin);
CsvTable read_csv(const std::string& path);  // InputError when the file cannot be read

// A cell quoted only when it holds a comma, a quote or a line break.
std::string csv_cell(const std::string& text);
std::string format_csv(const CsvTable& table);

}  // namespace factorlab
