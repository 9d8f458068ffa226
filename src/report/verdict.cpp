// factorlab/report/verdict.cpp — see verdict.h.
#include "factorlab/report/verdict.h"

#include <algorithm>

namespace factorlab {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Holds: return "holds";
    case Verdict::Fails: return "fails";
    case Verdict::Inconclusive: return "inconclusive";
    case Verdict::NotMeasured: return "not measured";
  }
  return "?";
}

const char* verdict_class(Verdict v) {
  switch (v) {
    case Verdict::Holds: return "holds";
    case Verdict::Fails: return "fails";
    case Verdict::Inconclusive: return "inconclusive";
    case Verdict::NotMeasured: return "na";
  }
  return "na";
}

Verdict at_least(std::optional<Interval> ci, double bound) {
  if (!ci) return Verdict::Inconclusive;
  return ci->lo >= bound ? Verdict::Holds : ci->hi < bound ? Verdict::Fails : Verdict::Inconclusive;
}

Verdict at_most(std::optional<Interval> ci, double bound) {
  if (!ci) return Verdict::Inconclusive;
  return ci->hi <= bound ? Verdict::Holds : ci->lo > bound ? Verdict::Fails : Verdict::Inconclusive;
}

Verdict above(std::optional<Interval> ci, double bound) {
  if (!ci) return Verdict::Inconclusive;
  return ci->lo > bound ? Verdict::Holds : ci->hi < bound ? Verdict::Fails : Verdict::Inconclusive;
}

Verdict below(std::optional<Interval> ci, double bound) {
  if (!ci) return Verdict::Inconclusive;
  return ci->hi < bound ? Verdict::Holds : ci->lo > bound ? Verdict::Fails : Verdict::Inconclusive;
}

Verdict inside(std::optional<Interval> ci, double lo, double hi) {
  if (!ci) return Verdict::Inconclusive;
  if (ci->lo >= lo && ci->hi <= hi) return Verdict::Holds;
  return ci->hi < lo || ci->lo > hi ? Verdict::Fails : Verdict::Inconclusive;
}

Verdict all_of(const std::vector<Verdict>& parts) {
  auto any = [&](Verdict v) { return std::find(parts.begin(), parts.end(), v) != parts.end(); };
  if (parts.empty() || any(Verdict::NotMeasured)) return Verdict::NotMeasured;
  if (any(Verdict::Fails)) return Verdict::Fails;
  return std::all_of(parts.begin(), parts.end(), [](Verdict v) { return v == Verdict::Holds; }) ? Verdict::Holds
                                                                                              : Verdict::Inconclusive;
}

Verdict unanimous(const std::vector<Verdict>& per_seed) {
  if (per_seed.empty()) return Verdict::NotMeasured;
  if (std::find(per_seed.begin(), per_seed.end(), Verdict::NotMeasured) != per_seed.end()) return Verdict::NotMeasured;
  return std::all_of(per_seed.begin(), per_seed.end(), [&](Verdict v) { return v == per_seed.front(); })
             ? per_seed.front()
             : Verdict::Inconclusive;
}

}  // namespace factorlab
