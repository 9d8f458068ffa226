// factorlab/report/study.cpp — see study.h.
#include "factorlab/report/study.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/run_files.h"
#include "factorlab/report/csv_table.h"

namespace factorlab {
namespace {

constexpr const char* kLabelPrefix = "label.";

std::string label_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return format_number(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

// The study's collected table, by run name: results.json (array of row objects) or results.csv.
std::map<std::string, Numbers> collected_rows(const std::string& dir) {
  std::map<std::string, Numbers> rows;
  if (file_exists(in_folder(dir, kResults))) {
    const Json j = read_json(in_folder(dir, kResults));
    if (!j.is_array()) throw InputError("'" + in_folder(dir, kResults) + "' must be an array of row objects");
    for (const Json& row : j)
      if (row.is_object() && row.contains("run") && row["run"].is_string())
        rows[row["run"].get<std::string>()] = numbers_from_json(row);
  } else if (file_exists(dir + "/results.csv")) {
    const CsvTable t = read_csv(dir + "/results.csv");
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      Numbers n;
      for (const std::string& c : t.columns) {
        const double v = t.number(r, c);
        if (std::isfinite(v)) n[c] = v;
      }
      rows[t.text(r, "run")] = n;
    }
  }
  for (auto& [run, n] : rows)  // labels are read from study.json, not mixed into the numbers
    for (auto it = n.begin(); it != n.end();) it = it->first.rfind(kLabelPrefix, 0) == 0 ? n.erase(it) : std::next(it);
  return rows;
}

}  // namespace

std::string StudyRun::label(const std::string& key) const {
  const auto it = labels.find(key);
  return it == labels.end() ? "" : it->second;
}

std::optional<double> StudyRun::label_number(const std::string& key) const {
  const std::string s = label(key);
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

Study read_study_folder(const std::string& study_dir) {
  const std::string path = study_dir + "/study.json";
  if (!file_exists(path)) throw InputError("'" + study_dir + "' is not a study folder (no study.json)");
  Study s;
  s.dir = study_dir;
  s.json = read_json(path);
  const Json& j = s.json;
  require(j.is_object(), "'" + path + "' must be a JSON object");
  require(j.contains("name") && j["name"].is_string(), "'" + path + "' has no string \"name\"");
  require(j.contains("kind") && j["kind"].is_string(), "'" + path + "' has no string \"kind\"");
  require(j.contains("runs") && j["runs"].is_array(), "'" + path + "' has no array \"runs\"");
  s.name = j["name"].get<std::string>();
  s.kind = parse_enum(path + ": kind", j["kind"].get<std::string>(), kStudyKindNames);
  if (j.contains("percolation") && j["percolation"].is_string() && !j["percolation"].get<std::string>().empty())
    s.percolation_dir = study_dir + "/" + j["percolation"].get<std::string>();
  const std::map<std::string, Numbers> collected = collected_rows(study_dir);
  for (std::size_t i = 0; i < j["runs"].size(); ++i) {
    const Json& r = j["runs"][i];
    const std::string where = path + ": runs[" + std::to_string(i) + "]";
    require(r.is_object() && r.contains("name") && r["name"].is_string(), where + " has no string \"name\"");
    StudyRun run;
    run.name = r["name"].get<std::string>();
    const std::string rel = r.contains("dir") && r["dir"].is_string() ? r["dir"].get<std::string>() : in_folder(kMembersDir, run.name);
    run.dir = study_dir + "/" + rel;
    if (r.contains("labels") && r["labels"].is_object())
      for (const auto& [k, v] : r["labels"].items()) run.labels[k] = label_text(v);
    if (r.contains("overrides") && r["overrides"].is_array())
      for (const Json& o : r["overrides"])
        if (o.is_string()) run.overrides.push_back(o.get<std::string>());
    const auto it = collected.find(run.name);
    if (it != collected.end()) run.numbers = it->second;
    // Keys the collected table lacks (a run finished after collection) come from the run folder.
    if (file_exists(run.dir)) {
      try {
        for (const auto& [k, v] : collect_run_numbers(run.dir)) run.numbers.emplace(k, v);
      } catch (const InputError& e) {  // one damaged run folder does not hide the others
        log_warn("report: run '", run.name, "': ", e.what());
      }
    }
    s.runs.push_back(std::move(run));
  }
  return s;
}

}  // namespace factorlab
