// factorlab/core/json.h — JSON results (nlohmann-json) written atomically, and metrics.jsonl lines.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace factorlab {

using Json = nlohmann::json;

void write_json(const std::string& path, const Json& j);        // atomic, pretty-printed
Json read_json(const std::string& path);                          // InputError on bad JSON
// Appends one line to a .jsonl file; the line is written with a single write() so a kill leaves
// whole lines only (a torn last line is skipped by read_jsonl).
void append_jsonl(const std::string& path, const Json& j);
std::vector<Json> read_jsonl(const std::string& path);

}  // namespace factorlab
