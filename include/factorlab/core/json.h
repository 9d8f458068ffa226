// factorlab/core/json.h — JSON results (nlohmann-json) written atomically, and metrics.jsonl lines.
// A .jsonl file is only ever appended to, one whole line per write(2) with O_APPEND, so a killed
// process leaves complete lines plus at most one torn last line (no trailing newline). Readers
// drop such a torn tail and say so; anything else that does not parse is an error naming the line.
// Deliberately not here: locking against two writers of one file (a run folder has one trainer).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace factorlab {

using Json = nlohmann::json;

void write_json(const std::string& path, const Json& j);        // atomic, pretty-printed
Json read_json(const std::string& path);                          // InputError on bad JSON

// v, or null when v is NaN or infinite. nlohmann stores NaN as a number and only prints it as null;
// this stores null outright, so readers of the Json value (not only of the file) see "no value".
Json number_or_null(double v);

// Appends j as one line; the line goes out in a single write() (continued only after a partial
// write), so a kill never interleaves or half-writes lines. Throws std::runtime_error on I/O failure.
void append_jsonl(const std::string& path, const Json& j);

struct JsonlTail {
  bool torn = false;      // the file ended in an unterminated line that does not parse (dropped)
  std::size_t bytes = 0;  // its length
};

// Reads every line of a .jsonl file. A torn last line (see above) is dropped: reported in *tail
// when given, else with a warning on the log. A bad line anywhere else is an InputError naming the
// file and the line number.
std::vector<Json> read_jsonl(const std::string& path, JsonlTail* tail = nullptr);

// The text of rows as .jsonl (one compact line each), e.g. to rewrite a file atomically.
std::string to_jsonl(const std::vector<Json>& rows);

}  // namespace factorlab
