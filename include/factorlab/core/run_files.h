// factorlab/core/run_files.h — the names of the files and folders of a run folder and a study folder,
// in one place (the layout: docs/design.md 10.3). Code that reads or writes one of them spells it
// through these names; `in_folder(dir, kResults)` is "<dir>/results.json".
#pragma once
#include <string>

namespace factorlab {

// A run folder.
inline constexpr char kRunConfig[] = "config.toml";      // the resolved config, every default explicit
inline constexpr char kDataset[] = "dataset.npz";        // the training set
inline constexpr char kDataJson[] = "data.json";         // its summary
inline constexpr char kMetrics[] = "metrics.jsonl";      // one line per logged training step
inline constexpr char kEvalJson[] = "eval.json";         // the placement evaluation (also in baseline/standalone folders)
inline constexpr char kEvalTxt[] = "eval.txt";           // its table
inline constexpr char kBaselineDir[] = "optimal";        // the memorizing baseline's eval (run.baseline)
inline constexpr char kProbeDir[] = "probe";             // reps.npy, labels.npy, probe.json
inline constexpr char kProbeReps[] = "reps.npy";
inline constexpr char kAnalysisDir[] = "analysis";       // analysis.json and CSVs
inline constexpr char kAnalysisJson[] = "analysis.json";
inline constexpr char kResults[] = "results.json";       // headline numbers (a study: its collected rows)
inline constexpr char kStages[] = "stages.json";         // the stage ledger
// A study folder adds its members' run folders under this.
inline constexpr char kMembersDir[] = "runs";

// "<dir>/<name>"; several names give "<dir>/<a>/<b>".
inline std::string in_folder(const std::string& dir, const std::string& name) { return dir + "/" + name; }
inline std::string in_folder(const std::string& dir, const std::string& sub, const std::string& name) {
  return dir + "/" + sub + "/" + name;
}

}  // namespace factorlab
