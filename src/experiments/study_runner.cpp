// factorlab/experiments/study_runner.cpp — see study_runner.h.
#include "factorlab/experiments/study_runner.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "factorlab/core/folder_lock.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/progress.h"
#include "factorlab/core/run_files.h"
#include "factorlab/experiments/member_processes.h"
#include "factorlab/experiments/pipeline.h"
#include "factorlab/experiments/report_stage.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/stage_ledger.h"
#include "factorlab/experiments/study_eta.h"
#include "factorlab/percolation/curves.h"
#include "factorlab/percolation/outputs.h"

namespace factorlab {

namespace {

// The members of `mine` that are not complete, as child processes, up to o.jobs at once; each is
// recorded in the ledger as it finishes.
void run_members_side_by_side(const std::string& study_name, const std::vector<StudyMember>& members,
                              const std::vector<RunConfig>& configs, const std::vector<std::size_t>& mine,
                              const StudyRunOptions& o, StageLedger& ledger) {
  const int cores = resolve_threads(0);
  std::vector<MemberJob> due;
  std::map<std::string, std::string> fingerprints;
  for (std::size_t k : mine) {
    const StudyMember& m = members[k];
    const RunConfig& c = configs[k];
    const std::string stage = "run:" + m.name, fp = fingerprint_of(to_toml(c));
    if (ledger.complete(stage, fp)) {
      ledger.run(stage, fp, {in_folder(kMembersDir, m.name, kResults)}, [] {});  // records it as skipped
      continue;
    }
    const std::string dir = in_folder(o.out_dir, kMembersDir, m.name);
    ensure_writable_dir(dir);
    {
      const FolderLock member_lock(dir);  // released before the member's own process takes it
      write_file_atomic(in_folder(dir, kRunConfig), to_toml(c));
    }
    fingerprints[m.name] = fp;
    due.push_back(MemberJob{m.name, dir, c.run.threads > 0 ? c.run.threads : std::max(1, cores / o.jobs)});
  }
  log_info("study '", study_name, "': ", due.size(), " of ", mine.size(), " runs to do, up to ", o.jobs, " at once");
  std::size_t finished = 0;
  run_member_processes(o.exe.empty() ? self_executable() : o.exe, due, o.jobs,
                       [&](const MemberJob& job, int code, double seconds) {
                         ++finished;
                         if (code != 0) {
                           log_warn("member ", job.name, ": failed (exit ", code, ") after ", format_duration(seconds),
                                    "; its log: ", job.dir, "/log.txt");
                           return;
                         }
                         ledger.record_done("run:" + job.name, fingerprints[job.name],
                                            {in_folder(kMembersDir, job.name, kResults)}, seconds);
                         log_info("member ", job.name, ": done in ", format_duration(seconds), " (", finished, "/",
                                  due.size(), ")");
                       });
}

}  // namespace

void run_study(const LoadedStudy& study, const std::vector<StudyMember>& members, const StudyRunOptions& o) {
  ensure_writable_dir(o.out_dir);
  // The shards of one study share its folder by design (each writes its own ledger), so each locks
  // its own name; every member folder is locked while its run writes it (core/folder_lock.h).
  const FolderLock study_lock(o.out_dir, o.shards > 1 ? ".factorlab.shard-" + std::to_string(o.shard) + "-of-" +
                                                            std::to_string(o.shards) + ".lock"
                                                      : kFolderLockFile);
  ensure_writable_dir(o.out_dir + "/runs");
  write_json(o.out_dir + "/study.json", study_json(study.config, members));
  // Each member's config is loaded and validated before any work, so a bad grid value fails at once.
  std::vector<RunConfig> configs;
  for (const auto& m : members) configs.push_back(load_run_config(m.config, m.overrides));
  const std::vector<std::size_t> mine = shard_indices(members.size(), o.shard, o.shards);
  log_info("study '", study.config.name, "': ", members.size(), " runs",
           o.shards > 1 ? "; shard " + std::to_string(o.shard) + "/" + std::to_string(o.shards) + " runs " +
                              std::to_string(mine.size()) + " of them"
                        : std::string());
  const std::string ledger_dir = o.out_dir;
  StageLedger ledger(ledger_dir, o.shards > 1 ? "stages.shard-" + std::to_string(o.shard) + "-of-" +
                                                    std::to_string(o.shards) + ".json"
                                              : kStages);
  if (study.config.simulation && o.shard == 0)
    ledger.run("percolation", fingerprint_of(to_toml_string(write_config(study.config.percolation))),
               {"percolation/percolation.csv", "percolation/percolation.json"},
               [&] {
                 simulate_percolation_into(o.out_dir + "/percolation", study.config.percolation,
                                           resolve_threads(configs.empty() ? 0 : configs[0].run.threads));
               });
  if (o.jobs > 1) {
    run_members_side_by_side(study.config.name, members, configs, mine, o, ledger);
  } else {
    for (std::size_t k = 0; k < mine.size(); ++k) {
      const StudyMember& m = members[mine[k]];
      const RunConfig& c = configs[mine[k]];
      const std::string dir = in_folder(o.out_dir, kMembersDir, m.name);
      const std::string eta = describe(study_eta(ledger.entries(), mine.size() - k));
      log_info("study '", study.config.name, "': run ", k + 1, "/", mine.size(), ": ", m.name, eta.empty() ? "" : "; " + eta);
      ledger.run("run:" + m.name, fingerprint_of(to_toml(c)), {in_folder(kMembersDir, m.name, kResults)}, [&] {
        ensure_writable_dir(dir);
        const FolderLock member_lock(dir);
        write_file_atomic(in_folder(dir, kRunConfig), to_toml(c));
        run_pipeline(c, dir);
      });
    }
  }
  if (o.shards > 1) {
    log_info("study '", study.config.name, "': shard ", o.shard, "/", o.shards,
             " done; when every shard is: factorlab sweep --collect ", o.out_dir);
    return;
  }
  collect_study(o.out_dir);
  if (o.report) run_report_stage(o.out_dir);
}

}  // namespace factorlab
