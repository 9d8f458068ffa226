// factorlab/experiments/stage_ledger.h — which stages of a run folder are complete, so a re-run
// (after an interruption, or with a changed config) redoes only what is missing or out of date.
// The ledger is RUN/stages.json: one entry per stage, in order:
//   {"stage": "train", "status": "done"|"skipped", "seconds": 253.1, "fingerprint": "9f3c...", "outputs": [...],
//    "provenance": {"factorlab": "0.1.0", "commit": "...", "torch": "1.13.0", "host": "...", "command": "..."}}
// "done" = ran in this invocation; "skipped" = already complete (its seconds are those of the run that
// made it). A stage counts as complete when the previous ledger has it with the same fingerprint (a
// hash of the config it depends on, chained with the fingerprints of the stages before it), written
// by this factorlab version (core/provenance.h; another version's stage runs again, and says so), and
// every output it names still exists. A complete stage written at another commit of this version is
// reused with a warning, and its entry gains "reused_at_commit": the commit that reused it. A stage that throws is not recorded, so the next run repeats it.
// Deliberately not: what a stage does (pipeline.cpp), or resuming inside a stage (the trainer does).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "factorlab/core/json.h"
#include "factorlab/core/run_files.h"

namespace factorlab {

// FNV-1a 64 of `text`, as 16 hex digits.
std::string fingerprint_of(const std::string& text);

class StageLedger {
 public:
  // Reads RUN/stages.json when there is one (an unreadable ledger is ignored: every stage reruns).
  explicit StageLedger(std::string run_dir, std::string file = kStages);

  // Runs `body` unless the stage is complete; records it either way. `outputs` are paths relative to
  // the run folder. Returns true when the body ran. Throws Interrupted, running nothing, when a
  // SIGINT / SIGTERM has been received (core/interrupt.h).
  bool run(const std::string& stage, const std::string& fingerprint, const std::vector<std::string>& outputs,
           const std::function<void()>& body);
  // Records `stage` as done now, after `seconds`, by work done elsewhere (a member's own process).
  void record_done(const std::string& stage, const std::string& fingerprint, const std::vector<std::string>& outputs,
                   double seconds);
  // True when the previous ledger has `stage` complete with this fingerprint and its outputs exist.
  bool complete(const std::string& stage, const std::string& fingerprint) const;

  const Json& entries() const { return entries_; }

 private:
  void save() const;

  std::string run_dir_, file_;
  Json previous_ = Json::array();
  Json entries_ = Json::array();
};

}  // namespace factorlab
