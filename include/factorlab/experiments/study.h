// factorlab/experiments/study.h — a study: several runs of one experiment (the compositional training
// sets, a data-efficiency grid, a sigma x lambda percolation grid, a `factorlab sweep`), described
// by a [study] table, expanded into named member runs, split into shards, and collected into one
// table. Plain C++ (no LibTorch); running the members is study_runner.h.
//
//   [study]
//   name = "compositional"
//   kind = "compositional"         # compositional|data_efficiency|percolation|factorization|sweep
//   set = ["train.steps=1000"]     # overrides for every member
//   simulation = true              # also run the percolation simulation ([study.percolation])
//   seeds = 1                      # replicates of every member (--seeds k on run / sweep)
//   [[study.runs]]
//   name = "lesion"                # member name; a grid appends _<label><value> per axis
//   config = "compositional_2d"    # preset name, or a TOML file (relative to the study file)
//   set = ["data.parts.0.holdout.type=\"lesion_x\""]
//   labels = ["experiment=lesion"] # columns label.<k> in the collected table
//   grid = ["width:data.parts.0.holdout.a=1.0,3.5,8.0"]   # [label:]key=v1,v2,...
//
// A member's overrides, in order: the member's `set`, the study's `set`, the command line's --set
// (those starting with "study." change the study itself; one naming a grid axis' key is an
// InputError), its grid values (so the grid wins), then run.name.
// Members are ordered as listed, grids row-major (last axis fastest); shard i of n takes the
// members whose index is i mod n, so every member is in exactly one shard.
// Seeds (study.seeds = k > 1): every member becomes k members <name>_seed<s>, s = 0 .. k - 1 (seed
// fastest), labelled seed = s, whose overrides end with the seed keys of replicate s (seed_overrides:
// data.seed, train.seed, sample.seed, eval.seed + s; probe.seed + s * probe.seeds), so replicate 0
// is the member itself. With k = 1 nothing changes: today's names, folders and overrides.
// Deliberately not: scheduling (each shard runs its members one after another).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "factorlab/core/config.h"
#include "factorlab/core/json.h"
#include "factorlab/core/study_kind.h"
#include "factorlab/percolation/percolation_config.h"

namespace factorlab {

struct RunConfig;

struct StudyRunSpec {
  std::string name;
  std::string config = "default";
  std::vector<std::string> set;
  std::vector<std::string> labels;  // "key=value"
  std::vector<std::string> grid;    // "[label:]key=v1,v2,..."

  template <class V> void visit(V& v) {
    v("name", name);
    v("config", config);
    v("set", set);
    v("labels", labels);
    v("grid", grid);
  }
};

struct StudyConfig {
  std::string name = "study";
  StudyKind kind = StudyKind::Sweep;
  std::vector<std::string> set;
  bool simulation = false;          // run the percolation simulation into STUDY/percolation
  int seeds = 1;                    // replicates of every member (see above)
  PercolationConfig percolation;
  std::vector<StudyRunSpec> runs;

  template <class V> void visit(V& v) {
    v("name", name);
    v("kind", kind, kStudyKindNames);
    v("set", set);
    v("simulation", simulation);
    v("seeds", seeds);
    v("percolation", percolation);
    v("runs", runs);
  }
  void validate() const;
};

// One axis of a grid: "[label:]key=v1,v2,...". InputError naming `what` for a malformed axis.
struct GridAxis {
  std::string label, key;
  std::vector<std::string> values;
};
GridAxis parse_grid_axis(const std::string& text, const std::string& what);

struct StudyMember {
  std::string name;     // unique; the run folder is STUDY/runs/<name>
  std::string group;    // the member without its seed (<name> without _seed<s>); = name when seeds = 1
  std::string config;   // preset name or file path (resolved)
  std::vector<std::string> overrides;
  std::vector<std::pair<std::string, std::string>> labels;
};

struct LoadedStudy {
  StudyConfig config;
  std::string base_dir;  // where relative member configs are found ("" for presets)
};

// True when `source` (file or preset) has a [study] table.
bool is_study_source(const std::string& source);
// Reads the [study] table of `source`; `cli_sets` starting with "study." are applied to it.
LoadedStudy load_study(const std::string& source, const std::vector<std::string>& cli_sets);
// `factorlab run CONFIG --seeds k` on a single-run config: a study named <run.name>_seeds of kind
// factorization with one member <run.name> (the config as given) and study.seeds = k.
LoadedStudy replicated_run_study(const std::string& source, const std::vector<std::string>& cli_sets, int seeds);
// The members, with the command line's other --set overrides appended. InputError for duplicate names.
std::vector<StudyMember> expand_study(const LoadedStudy& study, const std::vector<std::string>& cli_sets);

// The overrides of replicate `s` of a member whose resolved config is `base` (each seed key + s;
// probe.seed + s * probe.seeds, so replicates average disjoint noise images). Replicate 0 restates base.
std::vector<std::string> seed_overrides(const RunConfig& base, int s);
// "k" with k >= 1 (the value of --seeds). InputError naming --seeds otherwise.
int parse_seeds(const std::string& text);
// --jobs J: a whole number from 1 to 256; InputError naming --jobs otherwise.
int parse_jobs(const std::string& text);

// "i/n" with 0 <= i < n. InputError naming --shard otherwise.
std::pair<int, int> parse_shard(const std::string& text);
// Indices of the members in shard i of n.
std::vector<std::size_t> shard_indices(std::size_t count, int i, int n);

// STUDY/study.json: name, kind, simulation folder, seeds (when > 1), and every member (name, dir,
// labels, overrides; group when it differs from the name).
Json study_json(const StudyConfig& config, const std::vector<StudyMember>& members);

// Gathers STUDY/runs/<name>/results.json of every member listed in STUDY/study.json into
// STUDY/results.csv and STUDY/results.json (one row per finished member: run, label.<k>..., results
// keys; every seed its own row), and the per-group means and intervals into STUDY/results_summary.csv
// and .json (study_summary.h). Returns the names of the members without results (not finished, or in
// another shard).
std::vector<std::string> collect_study(const std::string& study_dir);

}  // namespace factorlab
