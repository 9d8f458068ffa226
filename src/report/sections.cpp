// factorlab/report/sections.cpp — see sections.h.
#include "factorlab/report/sections.h"

#include <cmath>
#include <cstdio>

#include "factorlab/core/progress.h"

namespace factorlab {
namespace {

bool is_fraction_key(const std::string& key) {
  if (key.rfind("eval.", 0) != 0) return false;
  for (const char* end : {".x", ".y", ".joint", ".not_gaussian"}) {
    const std::string e = end;
    if (key.size() > e.size() && key.compare(key.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

}  // namespace

HtmlTable claims_table(const std::vector<Claim>& claims) {
  HtmlTable t;
  t.header = {"experiment", "paper's claim", "this run's numbers (95 % intervals)", "rule applied", "verdict"};
  for (const Claim& c : claims) {
    t.rows.push_back({c.experiment, c.claim, c.measured, c.rule, verdict_name(c.verdict)});
    t.row_class.push_back(verdict_class(c.verdict));
  }
  return t;
}

HtmlTable stage_table(const Json& stages) {
  HtmlTable t;
  t.header = {"stage", "seconds", "time", "status"};
  if (!stages.is_array()) return t;
  double total = 0;
  for (const Json& s : stages) {
    if (!s.is_object()) continue;
    const std::string name = s.contains("stage") && s["stage"].is_string() ? s["stage"].get<std::string>() : "?";
    const bool timed = s.contains("seconds") && s["seconds"].is_number();
    const double sec = timed ? s["seconds"].get<double>() : 0;
    std::string status = s.contains("status") && s["status"].is_string() ? s["status"].get<std::string>() : "done";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", sec);
    t.rows.push_back({name, timed ? buf : "", timed ? format_duration(sec) : "", status});
    if (timed) total += sec;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", total);
  t.rows.push_back({"total", buf, format_duration(total), ""});
  return t;
}

HtmlTable numbers_table(const Numbers& numbers) {
  HtmlTable t;
  t.header = {"key", "value"};
  for (const auto& [k, v] : numbers) t.rows.push_back({k, is_fraction_key(k) ? format_percent(v) : format_value(v)});
  return t;
}

}  // namespace factorlab
