// factorlab/experiments/study_runner.cpp — see study_runner.h.
#include "factorlab/experiments/study_runner.h"

#include <chrono>

#include "factorlab/core/folder_lock.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/experiments/pipeline.h"
#include "factorlab/experiments/report_stage.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/stage_ledger.h"
#include "factorlab/experiments/study_eta.h"
#include "factorlab/percolation/curves.h"
#include "factorlab/percolation/outputs.h"

namespace factorlab {

void run_percolation_stage(const PercolationConfig& config, int threads, const std::string& dir) {
  const auto t0 = std::chrono::steady_clock::now();
  ensure_writable_dir(dir);
  PercolationRun run = run_percolation(config, threads);
  const auto t1 = std::chrono::steady_clock::now();
  const std::vector<OverlapRow> overlap = overlap_curves(config);
  PercolationTiming timing;
  timing.overlap_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  timing.total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  write_percolation_outputs(dir, config, run, overlap, timing);
}

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
                                              : "stages.json");
  if (study.config.simulation && o.shard == 0)
    ledger.run("percolation", fingerprint_of(to_toml_string(write_config(study.config.percolation))),
               {"percolation/percolation.csv", "percolation/percolation.json"},
               [&] { run_percolation_stage(study.config.percolation, resolve_threads(configs.empty() ? 0 : configs[0].run.threads),
                                           o.out_dir + "/percolation"); });
  for (std::size_t k = 0; k < mine.size(); ++k) {
    const StudyMember& m = members[mine[k]];
    const RunConfig& c = configs[mine[k]];
    const std::string dir = o.out_dir + "/runs/" + m.name;
    const std::string eta = describe(study_eta(ledger.entries(), mine.size() - k));
    log_info("study '", study.config.name, "': run ", k + 1, "/", mine.size(), ": ", m.name, eta.empty() ? "" : "; " + eta);
    ledger.run("run:" + m.name, fingerprint_of(to_toml(c)), {"runs/" + m.name + "/results.json"}, [&] {
      ensure_writable_dir(dir);
      const FolderLock member_lock(dir);
      write_file_atomic(dir + "/config.toml", to_toml(c));
      run_pipeline(c, dir);
    });
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
