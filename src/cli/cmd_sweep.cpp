// factorlab/cli/cmd_sweep.cpp — `factorlab sweep CONFIG --grid key=v1,v2,... [--grid ...] [--set ...]
// [--shard i/n] [--seeds k] [--out DIR]` and `factorlab sweep --collect DIR`.
// The grid's cells become member runs DIR/runs/<name>_<key><value>... (study.h): every cell in
// exactly one shard, so n machines (e.g. a Slurm array: --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)
// split the work with no coordinator. Unsharded, the sweep collects and reports at the end;
// --collect gathers whatever has finished into DIR/results.csv and DIR/results.json.
// CONFIG may also be a study config: each of its runs is then crossed with the --grid axes.
#include <CLI/CLI.hpp>

#include <memory>

#include "factorlab/cli/commands.h"
#include "factorlab/core/error.h"
#include "factorlab/core/folder_lock.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/interrupt.h"
#include "factorlab/core/log.h"
#include "factorlab/experiments/report_stage.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/study.h"
#include "factorlab/experiments/study_runner.h"
#include "run_args.h"

namespace factorlab::cli {
namespace {

struct SweepArgs {
  std::string source, out, shard, collect, seeds, jobs;
  std::vector<std::string> grids, sets;
  bool no_report = false;
};

LoadedStudy sweep_study(const SweepArgs& a) {
  if (a.source.empty()) throw InputError("sweep: give a CONFIG (file or preset) to sweep, or --collect DIR");
  const int seeds = a.seeds.empty() ? 0 : parse_seeds(a.seeds);  // 0: not given
  if (is_study_source(a.source)) {
    LoadedStudy s = load_study(a.source, a.sets);
    for (auto& r : s.config.runs) r.grid.insert(r.grid.end(), a.grids.begin(), a.grids.end());
    if (seeds > 0) s.config.seeds = seeds;
    s.config.validate();
    return s;
  }
  if (a.grids.empty()) throw InputError("sweep: give at least one --grid key=v1,v2,... (or run the config with factorlab run)");
  const RunConfig base = load_run_config(a.source, {});
  LoadedStudy s;
  s.config.name = base.run.name + "_sweep";
  s.config.kind = StudyKind::Sweep;
  StudyRunSpec spec;
  spec.name = base.run.name;
  spec.config = a.source.empty() ? "default" : a.source;
  spec.grid = a.grids;
  s.config.runs.push_back(spec);
  if (seeds > 0) s.config.seeds = seeds;
  s.config.validate();
  return s;
}

}  // namespace

void add_sweep_command(CLI::App& app) {
  auto a = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run a grid of overrides as separate runs (shardable), or collect their results");
  cmd->add_option("config", a->source, "TOML config file or preset name to sweep");
  cmd->add_option("--grid", a->grids, "an axis: [label:]key=v1,v2,... (repeatable; the grid is their product)")
      ->allow_extra_args(false);
  cmd->add_option("--set", a->sets, "override a config key for every run: section.key=value (repeatable)")
      ->allow_extra_args(false)
      ->take_all();
  cmd->add_option("--shard", a->shard, "run only shard i of n (i/n, 0 <= i < n)");
  cmd->add_option("--seeds", a->seeds, "replicate every run over k seeds (study.seeds; members <name>_seed<s>)");
  cmd->add_option("--jobs", a->jobs, kJobsHelp);
  cmd->add_option("--out", a->out, "sweep folder (default: runs/<name>_sweep)");
  cmd->add_option("--collect", a->collect, "gather the finished runs of sweep folder DIR into DIR/results.csv/json");
  cmd->add_flag("--no-report", a->no_report, "do not write report.html at the end");
  cmd->callback([a] {
    if (!a->collect.empty()) {
      if (!a->source.empty() || !a->grids.empty() || !a->shard.empty() || !a->seeds.empty() || !a->jobs.empty())
        throw InputError("sweep --collect DIR takes no CONFIG, --grid, --shard, --seeds or --jobs");
      const FolderLock lock = file_exists(a->collect) ? FolderLock(a->collect) : FolderLock();  // missing: collect says so
      const std::vector<std::string> missing = collect_study(a->collect);
      if (!missing.empty()) log_warn("collect: no results yet for ", missing.size(), " run(s), e.g. ", missing.front());
      if (!a->no_report) run_report_stage(a->collect);
      return;
    }
    const LoadedStudy study = sweep_study(*a);
    const std::vector<StudyMember> members = expand_study(study, a->sets);
    StudyRunOptions o;
    o.out_dir = a->out.empty() ? "runs/" + study.config.name : a->out;
    if (!a->shard.empty()) std::tie(o.shard, o.shards) = parse_shard(a->shard);
    o.report = !a->no_report;
    if (!a->jobs.empty()) o.jobs = parse_jobs(a->jobs);
    try {
      run_study(study, members, o);
    } catch (const Interrupted& e) {
      throw Interrupted(std::string(e.what()) + kRerunAdvice);
    } catch (const TrainingStopped& e) {
      throw TrainingStopped(std::string(e.what()) + "; fix the cause and" + (kRerunAdvice + 1));
    }
  });
}

}  // namespace factorlab::cli
