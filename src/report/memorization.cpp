// factorlab/report/memorization.cpp — see memorization.h.
#include "factorlab/report/memorization.h"

#include <map>

namespace factorlab {
namespace {

const char* const kRegions[] = {"id", "ood", "band_x", "band_y", "intersection"};

std::string setting_of(const StudyRun& r) {
  std::string s;
  for (const auto& [k, v] : r.labels)
    if (k != "seed") s += (s.empty() ? "" : ", ") + k + "=" + v;
  return s;
}

std::vector<MemorizationRow> rows_of(const std::string& setting, const std::vector<const Numbers*>& runs) {
  std::vector<MemorizationRow> out;
  for (const char* region : kRegions) {
    MemorizationRow r;
    r.setting = setting;
    r.region = region;
    r.model = pooled_accuracy(runs, region, "joint");
    r.baseline = pooled_accuracy(runs, region, "joint", "baseline");
    r.model_copy = pooled_accuracy(runs, region, "copy_rate");
    r.baseline_copy = pooled_accuracy(runs, region, "copy_rate", "baseline");
    if (!r.model && !r.baseline) continue;
    if (r.region == "ood" && !runs.empty() && !lookup(*runs.front(), "eval.ood.joint") &&
        lookup(*runs.front(), "eval.holdout.joint"))
      r.region = "holdout";
    if (r.model && r.baseline) r.difference = accuracy_difference(*r.model, *r.baseline);
    if (r.region != "id") {
      if (!r.model || !r.baseline || !r.model_copy) {
        r.composes = Verdict::NotMeasured;
      } else {
        r.composes = all_of({above(r.difference, 0.0), below(r.model_copy->ci(), kCopyMajority)});
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string cell(const std::optional<PooledAccuracy>& a) { return a ? a->text() : "not measured"; }

}  // namespace

std::vector<MemorizationRow> memorization_rows(const std::vector<StudyRun>& runs) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Numbers*>> by_setting;
  for (const StudyRun& r : runs) {
    const std::string s = setting_of(r);
    if (!by_setting.count(s)) order.push_back(s);
    by_setting[s].push_back(&r.numbers);
  }
  std::vector<MemorizationRow> out;
  for (const std::string& s : order)
    for (MemorizationRow& row : rows_of(s, by_setting[s])) out.push_back(std::move(row));
  return out;
}

std::vector<MemorizationRow> memorization_rows(const Numbers& run) { return rows_of("", {&run}); }

HtmlTable memorization_table(const std::vector<MemorizationRow>& rows) {
  HtmlTable t;
  t.header = {"setting", "region", "model joint accuracy", "memorizer joint accuracy", "model - memorizer (95 % CI)",
              "model copy rate", "memorizer copy rate", "composes"};
  for (const MemorizationRow& r : rows) {
    const bool judged = r.region != "id";
    t.rows.push_back({r.setting.empty() ? "this run" : r.setting, r.region, cell(r.model), cell(r.baseline),
                      r.difference ? percent_interval_text(*r.difference) : "not measured", cell(r.model_copy),
                      cell(r.baseline_copy), judged ? verdict_name(r.composes) : "(trained on)"});
    t.row_class.push_back(judged ? verdict_class(r.composes) : "na");
  }
  return t;
}

bool has_baseline(const std::vector<MemorizationRow>& rows) {
  for (const MemorizationRow& r : rows)
    if (r.baseline) return true;
  return false;
}

}  // namespace factorlab
