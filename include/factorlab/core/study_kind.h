// factorlab/core/study_kind.h — the kinds of study, one list for the two modules that need it:
// experiments/study.h reads `[study] kind` with it (an unknown kind is refused at load) and
// report/study.h reads study.json's "kind" with it to choose the report's figures (docs/design.md 8).
#pragma once
#include "factorlab/core/config.h"

namespace factorlab {

enum class StudyKind { Compositional, DataEfficiency, Percolation, Factorization, Sweep };
inline const EnumNames<StudyKind> kStudyKindNames = {{"compositional", StudyKind::Compositional},
                                                      {"data_efficiency", StudyKind::DataEfficiency},
                                                      {"percolation", StudyKind::Percolation},
                                                      {"factorization", StudyKind::Factorization},
                                                      {"sweep", StudyKind::Sweep}};

}  // namespace factorlab
