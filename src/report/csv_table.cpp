// factorlab/report/csv_table.cpp — see csv_table.h.
#include "factorlab/report/csv_table.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"

namespace factorlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Splits one record starting at text[pos]; advances pos past its line break. Quoted cells may hold
// commas, doubled quotes and line breaks.
std::vector<std::string> next_record(const std::string& text, std::size_t& pos, const std::string& origin,
                                     std::size_t line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (quoted) {
      if (c != '"') {
        cells.back() += c;
      } else if (pos + 1 < text.size() && text[pos + 1] == '"') {
        cells.back() += '"';
        ++pos;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else if (c == '\n') {
      ++pos;
      return cells;
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  if (quoted) throw InputError("'" + origin + "' line " + std::to_string(line) + ": a quoted cell is not closed");
  return cells;
}

}  // namespace

int CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  return -1;
}

double CsvTable::number(std::size_t row, const std::string& name) const {
  const int c = column(name);
  if (c < 0 || row >= rows.size()) return kNaN;
  const std::string& s = rows[row][static_cast<std::size_t>(c)];
  if (s.empty()) return kNaN;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return kNaN;
  return v;
}

std::string CsvTable::text(std::size_t row, const std::string& name) const {
  const int c = column(name);
  if (c < 0 || row >= rows.size()) return "";
  return rows[row][static_cast<std::size_t>(c)];
}

std::vector<double> CsvTable::numbers(const std::string& name) const {
  std::vector<double> out(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out[r] = number(r, name);
  return out;
}

CsvTable parse_csv(const std::string& text, const std::string& origin) {
  CsvTable t;
  std::size_t pos = 0, line = 0;
  bool header = true;
  while (pos < text.size()) {
    ++line;
    const std::size_t start = pos;
    std::vector<std::string> cells = next_record(text, pos, origin, line);
    const bool blank = cells.size() == 1 && cells[0].empty() && text.find('"', start) != start;
    if (blank) continue;
    if (header) {
      t.columns = std::move(cells);
      header = false;
      continue;
    }
    if (cells.size() != t.columns.size())
      throw InputError("'" + origin + "' line " + std::to_string(line) + " has " + std::to_string(cells.size()) +
                       " cells, the header has " + std::to_string(t.columns.size()));
    t.rows.push_back(std::move(cells));
  }
  if (header) throw InputError("'" + origin + "' is empty (a CSV file needs a header line)");
  return t;
}

CsvTable read_csv(const std::string& path) { return parse_csv(read_file(path), path); }

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string s = "\"";
  for (char c : text) s += c == '"' ? std::string("\"\"") : std::string(1, c);
  return s + "\"";
}

std::string format_csv(const CsvTable& table) {
  std::string s;
  auto line = [&s](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) s += (i ? "," : "") + csv_cell(cells[i]);
    s += '\n';
  };
  line(table.columns);
  for (const auto& r : table.rows) line(r);
  return s;
}

}  // namespace factorlab
