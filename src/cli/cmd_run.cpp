// factorlab/cli/cmd_run.cpp — `factorlab run [PRESET|CONFIG] [--set ...] [--out DIR] [--shard i/n]`:
// every stage of an experiment, end to end. With no arguments: the built-in default experiment.
// A config with a [study] table (compositional, data_efficiency, percolation, ...) runs each of its
// member runs into DIR/runs/<name>, then collects them and writes the study's report; --shard i/n
// runs every n-th member only (collect afterwards with `factorlab sweep --collect DIR`). --seeds k
// replicates every member over k seeds (study.h); on a single-run config it makes a study of k runs
// into DIR (default runs/<run.name>_seeds). --jobs J trains up to J members at once, each in its own
// process with the cores split between them (study_runner.h).
// Re-running into the same folder skips what is complete and resumes the rest.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "factorlab/cli/commands.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/interrupt.h"
#include "factorlab/core/run_files.h"
#include "factorlab/experiments/pipeline.h"
#include "factorlab/experiments/study.h"
#include "factorlab/experiments/study_runner.h"
#include "run_args.h"

namespace factorlab::cli {

namespace {

void run_command(const RunArgs& args, const std::string& shard, const std::string& seeds, const std::string& jobs) {
  const int k = seeds.empty() ? 0 : parse_seeds(seeds);  // 0: not given
  const bool study_source = is_study_source(args.source);
  if (study_source || k > 1) {
    LoadedStudy study = study_source ? load_study(args.source, args.sets) : replicated_run_study(args.source, args.sets, k);
    if (k > 0) study.config.seeds = k;
    study.config.validate();
    const std::vector<StudyMember> members = expand_study(study, args.sets);
    StudyRunOptions o;
    o.out_dir = args.out.empty() ? "runs/" + study.config.name : args.out;
    if (!shard.empty()) std::tie(o.shard, o.shards) = parse_shard(shard);
    if (!jobs.empty()) o.jobs = parse_jobs(jobs);
    run_study(study, members, o);
    return;
  }
  if (!shard.empty()) throw InputError("--shard applies to study configs; '" + args.source + "' is a single run");
  if (!jobs.empty() && parse_jobs(jobs) > 1)
    throw InputError("--jobs applies to studies (study configs, or --seeds k); '" + args.source + "' is a single run");
  std::string out;
  FolderLock lock;
  const RunConfig config = prepare_run(args, out, lock);
  run_pipeline(config, out);
  // The run's placement table (eval.txt), printed once the run is complete.
  const std::string table = in_folder(out, kEvalTxt);
  if (file_exists(table)) std::printf("%s\n", read_file(table).c_str());
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto shard = std::make_shared<std::string>();
  auto seeds = std::make_shared<std::string>();
  auto jobs = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("run", "Run an experiment end to end (default: the built-in small experiment)");
  add_run_args(cmd, *args, false);
  cmd->add_option("--shard", *shard, "study configs: run only shard i of n (i/n, 0 <= i < n)");
  cmd->add_option("--seeds", *seeds,
                  "replicate every run over k seeds (study.seeds; a single run becomes a study of k runs)");
  cmd->add_option("--jobs", *jobs, kJobsHelp);
  cmd->callback([args, shard, seeds, jobs] {
    try {
      run_command(*args, *shard, *seeds, *jobs);
    } catch (const Interrupted& e) {
      // Whichever stage or member run was stopped, the typed command is what resumes all of them.
      throw Interrupted(std::string(e.what()) + kRerunAdvice);
    } catch (const TrainingStopped& e) {
      throw TrainingStopped(std::string(e.what()) + "; fix the cause and" + (kRerunAdvice + 1));
    }
  });
}

}  // namespace factorlab::cli
