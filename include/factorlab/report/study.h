// factorlab/report/study.h — a STUDY folder read back: study.json (name, kind, runs with their
// labels and overrides, optional percolation folder) joined with each run's numbers, taken from the
// study's collected results.json (or results.csv) and, for a run missing there, from its own folder.
// Labels by kind: compositional: experiment (cross|lesion|interior|exterior), train_set, width;
// data_efficiency: N, dataset (bumps|bumps+stripes), fraction, n_train; percolation: sigma, lambda;
// factorization: one run replicated over seeds. Every kind: seed (the replicate, when study.seeds > 1).
// Deliberately not: running anything, or deciding what the numbers mean (claims.h, scaling.h).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "factorlab/core/config.h"
#include "factorlab/core/json.h"
#include "factorlab/core/study_kind.h"
#include "factorlab/report/run_numbers.h"

namespace factorlab {

struct StudyRun {
  std::string name;
  std::string dir;  // the run folder (study folder + "/" + the "dir" of study.json)
  std::map<std::string, std::string> labels;  // numbers as format_number text
  std::vector<std::string> overrides;
  Numbers numbers;

  std::string label(const std::string& key) const;                  // "" when absent
  std::optional<double> label_number(const std::string& key) const;  // nullopt when absent or not a number
  std::optional<double> number(const std::string& key) const { return lookup(numbers, key); }
};

struct Study {
  std::string name, dir;
  StudyKind kind = StudyKind::Sweep;
  std::vector<StudyRun> runs;
  std::string percolation_dir;  // "" when study.json names none
  Json json;                    // study.json as read
};

// InputError when study.json is missing, not JSON, or lacks name / kind / runs, or names an unknown kind.
Study read_study_folder(const std::string& study_dir);

}  // namespace factorlab
