// factorlab/experiments/study_summary.cpp — see study_summary.h.
#include "factorlab/experiments/study_summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "factorlab/core/config.h"
#include "factorlab/core/fs.h"
#include "factorlab/report/intervals.h"

namespace factorlab {
namespace {

constexpr const char* kLabelPrefix = "label.";

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
bool ends_with(const std::string& s, const std::string& e) {
  return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

// "eval.<g>.count" for an accuracy key eval.<g>.{x,y,joint,not_gaussian}; "" otherwise.
std::string count_key(const std::string& key) {
  if (!starts_with(key, "eval.")) return "";
  for (const char* end : {".x", ".y", ".joint", ".not_gaussian"})
    if (ends_with(key, end)) return key.substr(0, key.size() - std::string(end).size()) + ".count";
  return "";
}

std::string cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_number()) return format_number(v.get<double>());
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  }
  return v.dump();
}

Json key_summary(const std::vector<const Json*>& rows, const std::string& key) {
  std::vector<double> v;
  for (const Json* r : rows)
    if (r->contains(key) && (*r)[key].is_number() && std::isfinite((*r)[key].get<double>())) v.push_back((*r)[key].get<double>());
  if (v.empty()) return Json();
  double sum = 0;
  for (double x : v) sum += x;
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  Json s{{"mean", sum / v.size()}, {"min", *lo}, {"max", *hi}, {"runs", v.size()}};
  if (const auto m = mean_interval(v)) {
    s["sd"] = m->sd;
    s["ci95_lo"] = m->ci.lo;
    s["ci95_hi"] = m->ci.hi;
  }
  const std::string ck = count_key(key);
  if (ck.empty() || v.size() != rows.size()) return s;
  double successes = 0, n = 0;
  for (const Json* r : rows) {
    if (!r->contains(ck) || !(*r)[ck].is_number() || !((*r)[ck].get<double>() > 0)) return s;
    const double c = (*r)[ck].get<double>();
    n += c;
    successes += std::clamp(std::round((*r)[key].get<double>() * c), 0.0, c);
  }
  const Interval w = wilson_interval(successes, n);
  s["successes"] = successes;
  s["conditions"] = n;
  s["wilson_lo"] = w.lo;
  s["wilson_hi"] = w.hi;
  return s;
}

}  // namespace

Json summarize_results(const Json& study, const Json& rows) {
  std::map<std::string, std::string> group_of;  // run name -> group
  std::vector<std::string> order;               // groups in study order
  if (study.contains("runs") && study["runs"].is_array())
    for (const Json& r : study["runs"]) {
      const std::string name = r.value("name", "");
      const std::string g = r.contains("group") && r["group"].is_string() ? r["group"].get<std::string>() : name;
      group_of[name] = g;
      if (std::find(order.begin(), order.end(), g) == order.end()) order.push_back(g);
    }
  std::map<std::string, std::vector<const Json*>> members;
  for (const Json& row : rows) {
    const std::string name = row.value("run", "");
    const auto it = group_of.find(name);
    const std::string g = it == group_of.end() ? name : it->second;
    if (std::find(order.begin(), order.end(), g) == order.end()) order.push_back(g);
    members[g].push_back(&row);
  }
  Json out = Json::array();
  for (const std::string& g : order) {
    const auto it = members.find(g);
    if (it == members.end()) continue;  // no finished run yet
    const std::vector<const Json*>& rs = it->second;
    Json labels = Json::object(), runs = Json::array();
    std::set<std::string> keys;
    for (const Json* r : rs) {
      runs.push_back(r->value("run", ""));
      for (const auto& [k, v] : r->items()) {
        if (starts_with(k, kLabelPrefix)) {
          const std::string label = k.substr(std::string(kLabelPrefix).size());
          if (label != "seed" && !labels.contains(label)) labels[label] = v;
        } else if (k != "run" && v.is_number()) {
          keys.insert(k);
        }
      }
    }
    Json numbers = Json::object();
    for (const std::string& k : keys)
      if (Json s = key_summary(rs, k); !s.is_null()) numbers[k] = s;
    out.push_back({{"group", g}, {"labels", labels}, {"runs", runs}, {"seeds", rs.size()}, {"numbers", numbers}});
  }
  return out;
}

void write_results_summary(const std::string& study_dir, const Json& study, const Json& rows) {
  const Json summary = summarize_results(study, rows);
  std::vector<std::string> label_keys;
  for (const Json& g : summary)
    for (const auto& [k, v] : g["labels"].items())
      if (std::find(label_keys.begin(), label_keys.end(), k) == label_keys.end()) label_keys.push_back(k);
  const char* const kColumns[] = {"mean", "sd", "ci95_lo", "ci95_hi", "min", "max", "successes", "conditions",
                                  "wilson_lo", "wilson_hi"};
  std::ostringstream csv;
  csv << "group";
  for (const auto& k : label_keys) csv << ",label." << k;
  csv << ",key,runs";
  for (const char* c : kColumns) csv << "," << c;
  csv << "\n";
  for (const Json& g : summary)
    for (const auto& [key, s] : g["numbers"].items()) {
      csv << cell(g["group"]);
      for (const auto& k : label_keys) csv << "," << (g["labels"].contains(k) ? cell(g["labels"][k]) : "");
      csv << "," << cell(key) << "," << cell(s["runs"]);
      for (const char* c : kColumns) csv << "," << (s.contains(c) ? cell(s[c]) : "");
      csv << "\n";
    }
  write_file_atomic(study_dir + "/results_summary.csv", csv.str());
  write_json(study_dir + "/results_summary.json", summary);
}

}  // namespace factorlab
