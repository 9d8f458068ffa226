// factorlab/experiments/stage_ledger.cpp — see stage_ledger.h.
#include "factorlab/experiments/stage_ledger.h"

#include <chrono>
#include <cstdint>
#include <cstdio>

#include "factorlab/core/fs.h"
#include "factorlab/core/interrupt.h"
#include "factorlab/core/log.h"
#include "factorlab/core/progress.h"
#include "factorlab/core/provenance.h"

namespace factorlab {

std::string fingerprint_of(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

StageLedger::StageLedger(std::string run_dir, std::string file) : run_dir_(std::move(run_dir)), file_(std::move(file)) {
  const std::string path = run_dir_ + "/" + file_;
  if (!file_exists(path)) return;
  try {
    Json j = read_json(path);
    if (j.is_array()) previous_ = std::move(j);
  } catch (const std::exception& e) {
    log_warn(path, " is unreadable (", e.what(), "): every stage runs again");
  }
}

static const Json* find_stage(const Json& list, const std::string& stage) {
  for (const auto& e : list)
    if (e.is_object() && e.value("stage", "") == stage) return &e;
  return nullptr;
}

// The factorlab version that wrote a ledger entry ("" for entries from before provenance was recorded).
static std::string written_by(const Json& e) {
  const auto p = e.find("provenance");
  return p != e.end() && p->is_object() ? p->value("factorlab", "") : "";
}

// The commit that wrote a ledger entry ("" when not known).
static std::string commit_of(const Json& e) {
  const auto p = e.find("provenance");
  return p != e.end() && p->is_object() ? p->value("commit", "") : "";
}

bool StageLedger::complete(const std::string& stage, const std::string& fingerprint) const {
  const Json* e = find_stage(previous_, stage);
  if (!e || e->value("fingerprint", "") != fingerprint) return false;
  if (written_by(*e) != factorlab_version()) return false;  // another version's output is not reused
  const std::string status = e->value("status", "");
  if (status != "done" && status != "skipped") return false;
  if (e->contains("outputs") && (*e)["outputs"].is_array())
    for (const auto& o : (*e)["outputs"])
      if (!o.is_string() || !file_exists(run_dir_ + "/" + o.get<std::string>())) return false;
  return true;
}

bool StageLedger::run(const std::string& stage, const std::string& fingerprint, const std::vector<std::string>& outputs,
                      const std::function<void()>& body) {
  // A first SIGINT / SIGTERM stops here, between stages (the trainer stops inside its stage on its
  // own, with a checkpoint): every finished stage is already recorded, so the same command resumes.
  if (interrupt_requested())
    throw Interrupted("interrupted before stage '" + stage + "' of " + run_dir_ + "; finished stages are recorded in " +
                      run_dir_ + "/" + file_);
  if (complete(stage, fingerprint)) {
    Json e = *find_stage(previous_, stage);
    e["status"] = "skipped";
    // Same version and config, other code: reused, but never silently (core/provenance.h).
    const std::string then = commit_of(e), now = current_provenance().commit;
    if (!then.empty() && !now.empty() && then != now) {
      e["reused_at_commit"] = now;
      log_warn("stage ", stage, ": written at commit ", then, ", this build is ", now,
               " (same factorlab ", factorlab_version(), " and config); reused. Delete ", run_dir_, "/", file_,
               " to run every stage again");
    } else {
      e.erase("reused_at_commit");
    }
    entries_.push_back(e);
    save();
    log_info("stage ", stage, ": already complete, skipped");
    return false;
  }
  if (const Json* old = find_stage(previous_, stage);
      old && old->value("fingerprint", "") == fingerprint && written_by(*old) != factorlab_version()) {
    const std::string by = written_by(*old);
    log_info("stage ", stage, ": written by ", by.empty() ? std::string("an older factorlab") : "factorlab " + by,
             ", this is ", factorlab_version(), "; running it again");
  }
  // Forget the stage's old entry first: if the body fails half-way, its outputs may be half replaced.
  Json rest = Json::array();
  for (const auto& e : previous_)
    if (!(e.is_object() && e.value("stage", "") == stage)) rest.push_back(e);
  previous_ = std::move(rest);
  save();
  const auto t0 = std::chrono::steady_clock::now();
  body();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  record_done(stage, fingerprint, outputs, s);
  log_info("stage ", stage, " done in ", format_duration(s));
  return true;
}

void StageLedger::record_done(const std::string& stage, const std::string& fingerprint,
                              const std::vector<std::string>& outputs, double seconds) {
  Json rest = Json::array();
  for (const auto& e : previous_)
    if (!(e.is_object() && e.value("stage", "") == stage)) rest.push_back(e);
  previous_ = std::move(rest);
  entries_.push_back({{"stage", stage},
                      {"status", "done"},
                      {"seconds", seconds},
                      {"fingerprint", fingerprint},
                      {"outputs", outputs},
                      {"provenance", to_json(current_provenance())}});
  save();
}

void StageLedger::save() const {
  // Stages of the previous ledger not reached yet stay listed, so an interrupted re-run forgets nothing.
  Json all = entries_;
  for (const auto& e : previous_)
    if (e.is_object() && !find_stage(entries_, e.value("stage", ""))) all.push_back(e);
  write_json(run_dir_ + "/" + file_, all);
}

}  // namespace factorlab
