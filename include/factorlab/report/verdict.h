// factorlab/report/verdict.h — how a claim is decided from a 95 % interval (intervals.h): it holds
// when the whole interval is on the claimed side of the rule's bound, fails when the whole interval
// is on the other side, and is inconclusive when the interval straddles the bound (or no interval
// could be formed); a claim whose numbers are missing is "not measured". docs/report.md lists the
// rule of every claim of the paper.
// Deliberately not: the claims themselves (claims.h, scaling.h) or any statistics (intervals.h).
#pragma once
#include <optional>
#include <vector>

#include "factorlab/report/intervals.h"

namespace factorlab {

enum class Verdict { Holds, Fails, Inconclusive, NotMeasured };
const char* verdict_name(Verdict v);   // "holds", "fails", "inconclusive", "not measured"
const char* verdict_class(Verdict v);  // the html row class: "holds", "fails", "inconclusive", "na"

// Decisions on an interval; nullopt (no interval) is Inconclusive.
Verdict at_least(std::optional<Interval> ci, double bound);  // holds: lo >= bound; fails: hi < bound
Verdict at_most(std::optional<Interval> ci, double bound);   // holds: hi <= bound; fails: lo > bound
Verdict above(std::optional<Interval> ci, double bound);     // holds: lo > bound;  fails: hi < bound
Verdict below(std::optional<Interval> ci, double bound);     // holds: hi < bound;  fails: lo > bound
Verdict inside(std::optional<Interval> ci, double lo, double hi);  // holds: within; fails: disjoint

// A claim made of several parts: NotMeasured if any part is, else Fails if any part fails, else
// Holds if every part holds, else Inconclusive. Empty: NotMeasured.
Verdict all_of(const std::vector<Verdict>& parts);
// The same claim decided on each seed separately: the common verdict when every seed agrees,
// Inconclusive when they disagree, NotMeasured when any seed is. Empty: NotMeasured.
Verdict unanimous(const std::vector<Verdict>& per_seed);

}  // namespace factorlab
