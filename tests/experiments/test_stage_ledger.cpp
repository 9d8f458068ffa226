// Tests for experiments/stage_ledger: a stage runs once per fingerprint, reruns when its config or an
// output changes or goes missing, a failed stage is not recorded, and results.json collects numbers.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include "factorlab/core/fs.h"
#include "factorlab/core/interrupt.h"
#include "factorlab/core/json.h"
#include "factorlab/core/provenance.h"
#include "factorlab/experiments/results.h"
#include "factorlab/experiments/stage_ledger.h"

#include "../support/scratch_dir.h"

using namespace factorlab;

namespace {

using test_support::scratch_dir;


}  // namespace

TEST(StageLedger, SkipsCompleteStagesAndRerunsChangedOrMissingOnes) {
  const std::string dir = scratch_dir("ledger", "skip");
  int a = 0, b = 0;
  auto stage_a = [&] { ++a; write_file_atomic(dir + "/a.txt", "a"); };
  auto stage_b = [&] { ++b; write_file_atomic(dir + "/b.txt", "b"); };
  {
    StageLedger l(dir);
    EXPECT_TRUE(l.run("a", "f1", {"a.txt"}, stage_a));
    EXPECT_TRUE(l.run("b", "g1", {"b.txt"}, stage_b));
  }
  {
    StageLedger l(dir);  // a re-run: both complete
    EXPECT_FALSE(l.run("a", "f1", {"a.txt"}, stage_a));
    EXPECT_FALSE(l.run("b", "g1", {"b.txt"}, stage_b));
    EXPECT_EQ(l.entries()[0]["status"], "skipped");
  }
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 1);
  {
    StageLedger l(dir);  // b's config changed
    EXPECT_FALSE(l.run("a", "f1", {"a.txt"}, stage_a));
    EXPECT_TRUE(l.run("b", "g2", {"b.txt"}, stage_b));
  }
  std::filesystem::remove(dir + "/a.txt");
  {
    StageLedger l(dir);  // a's output is gone
    EXPECT_TRUE(l.run("a", "f1", {"a.txt"}, stage_a));
    EXPECT_FALSE(l.run("b", "g2", {"b.txt"}, stage_b));
  }
  EXPECT_EQ(a, 2);
  EXPECT_EQ(b, 2);
}

TEST(StageLedger, AFailedStageIsNotRecordedAndLaterStagesAreKept) {
  const std::string dir = scratch_dir("ledger", "fail");
  {
    StageLedger l(dir);
    l.run("a", "f", {}, [] {});
    l.run("b", "g", {}, [] {});
  }
  {
    StageLedger l(dir);
    EXPECT_THROW(l.run("a", "f2", {}, [] { throw std::runtime_error("boom"); }), std::runtime_error);
  }
  StageLedger l(dir);
  EXPECT_FALSE(l.complete("a", "f"));   // the old entry was for f; the rerun failed: a runs again
  EXPECT_FALSE(l.complete("a", "f2"));
  EXPECT_TRUE(l.complete("b", "g"));    // b's entry survived the interrupted re-run
}

TEST(StageLedger, ASignalStopsBeforeTheNextStageAndTheRerunContinues) {
  const std::string dir = scratch_dir("ledger", "signal");
  install_interrupt_handlers();
  int a = 0, b = 0;
  {
    StageLedger l(dir);
    EXPECT_TRUE(l.run("a", "f", {}, [&] { ++a; std::raise(SIGTERM); }));  // the signal arrives during a
    try {
      l.run("b", "g", {}, [&] { ++b; });
      ADD_FAILURE() << "no Interrupted thrown";
    } catch (const Interrupted& e) {
      EXPECT_NE(std::string(e.what()).find("before stage 'b'"), std::string::npos) << e.what();
    }
  }
  clear_interrupt();
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 0);
  StageLedger l(dir);  // the same command again: a is complete, b runs
  EXPECT_FALSE(l.run("a", "f", {}, [&] { ++a; }));
  EXPECT_TRUE(l.run("b", "g", {}, [&] { ++b; }));
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 1);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

TEST(StageLedger, UnreadableLedgerMeansEverythingReruns) {
  const std::string dir = scratch_dir("ledger", "corrupt");
  write_file_atomic(dir + "/stages.json", "{not json");
  StageLedger l(dir);
  int n = 0;
  EXPECT_TRUE(l.run("a", "f", {}, [&] { ++n; }));
  EXPECT_EQ(n, 1);
}

TEST(StageLedger, FingerprintIsFnv1a) {
  EXPECT_EQ(fingerprint_of(""), "cbf29ce484222325");
  EXPECT_EQ(fingerprint_of("a"), "af63dc4c8601ec8c");
  EXPECT_NE(fingerprint_of("data.N=16"), fingerprint_of("data.N=17"));
}

TEST(Results, CollectsHeadlineNumbersAndLeavesUnmeasuredOut) {
  const std::string dir = scratch_dir("ledger", "results");
  EXPECT_TRUE(collect_run_results(dir).empty());
  write_json(dir + "/eval.json", Json{{"step", 100},
                                     {"groups", {{"all", {{"x_accuracy", 0.5}, {"y_accuracy", 0.75}, {"joint_accuracy", 0.25},
                                                          {"not_gaussian_rate", 0.1}, {"mse", 0.01}, {"count", 4}}},
                                                 {"band_x", {{"x_accuracy", 1.0}}}}}});
  write_json(dir + "/data.json", Json{{"N", 16}, {"train", 200}, {"ood", 56}});
  write_json(dir + "/stages.json", Json::array({Json{{"stage", "train"}, {"seconds", 12.5}}}));
  make_dirs(dir + "/analysis");
  write_json(dir + "/analysis/analysis.json",
             Json{{"pca", {{"participation_ratio", 4.5}, {"top4_explained", {0.4, 0.3, 0.2, 0.1}}}},
                  {"persistence", {{"betti", {1, 2, 1}}}},
                  {"factorization", {{"model", {{"x_on_y", {{"mean", 0.1}}}}}}}});
  const Json r = write_run_results(dir);
  EXPECT_EQ(r["eval.all.joint"], 0.25);
  EXPECT_EQ(r["eval.all.y"], 0.75);
  EXPECT_EQ(r["eval.band_x.x"], 1.0);
  EXPECT_FALSE(r.contains("eval.band_x.y"));
  EXPECT_EQ(r["eval.step"], 100);
  EXPECT_EQ(r["data.n_train"], 200);
  EXPECT_EQ(r["time.train"], 12.5);
  EXPECT_EQ(r["probe.betti1"], 2);
  EXPECT_EQ(r["probe.explained_4"], 0.1);
  EXPECT_EQ(r["probe.model.x_on_y_mean"], 0.1);
  EXPECT_FALSE(r.contains("train.steps"));
  EXPECT_EQ(read_json(dir + "/results.json"), r);
}

// Every stage records what wrote it; a stage another factorlab version wrote is not reused.
TEST(StageLedger, RecordsProvenanceAndRerunsAnotherVersionsStage) {
  const std::string dir = scratch_dir("ledger", "provenance");
  int runs = 0;
  auto body = [&] { ++runs; write_file_atomic(dir + "/a.txt", "a"); };
  {
    StageLedger l(dir);
    ASSERT_TRUE(l.run("a", "f1", {"a.txt"}, body));
    const Json& p = l.entries()[0]["provenance"];
    EXPECT_EQ(p["factorlab"], factorlab_version());
    EXPECT_FALSE(p["host"].get<std::string>().empty());
    EXPECT_NE(p["command"].get<std::string>().find("test_stage_ledger"), std::string::npos) << p.dump();
    for (const char* k : {"commit", "torch"}) EXPECT_TRUE(p.contains(k)) << k;
  }
  EXPECT_FALSE(StageLedger(dir).run("a", "f1", {"a.txt"}, body));  // same version: reused
  // The same ledger as written by another version, and by one from before provenance was recorded.
  for (const bool older_format : {false, true}) {
    Json ledger = read_json(dir + "/stages.json");
    if (older_format) ledger[0].erase("provenance");
    else ledger[0]["provenance"]["factorlab"] = "0.0.1";
    write_json(dir + "/stages.json", ledger);
    EXPECT_TRUE(StageLedger(dir).run("a", "f1", {"a.txt"}, body)) << older_format;
  }
  EXPECT_EQ(runs, 3);
}

// A stage of this version written at another commit is reused, and the reuse is recorded (and warned
// of); one written at this build's commit carries no such mark. Needs a build from a git checkout.
TEST(StageLedger, AnotherCommitsStageIsReusedAndFlagged) {
  if (current_provenance().commit.empty()) GTEST_SKIP() << "not built from a git checkout: no commit to compare";
  const std::string dir = scratch_dir("ledger", "commit");
  int runs = 0;
  auto body = [&] { ++runs; write_file_atomic(dir + "/a.txt", "a"); };
  ASSERT_TRUE(StageLedger(dir).run("a", "f1", {"a.txt"}, body));
  EXPECT_EQ(read_json(dir + "/stages.json")[0]["provenance"]["commit"], current_provenance().commit);
  {
    StageLedger l(dir);
    EXPECT_FALSE(l.run("a", "f1", {"a.txt"}, body));
    EXPECT_FALSE(l.entries()[0].contains("reused_at_commit"));
  }
  Json ledger = read_json(dir + "/stages.json");
  ledger[0]["provenance"]["commit"] = "000000000000";
  write_json(dir + "/stages.json", ledger);
  {
    StageLedger l(dir);
    EXPECT_FALSE(l.run("a", "f1", {"a.txt"}, body));  // same version and config: reused
    EXPECT_EQ(l.entries()[0]["reused_at_commit"], current_provenance().commit);
    EXPECT_EQ(l.entries()[0]["provenance"]["commit"], "000000000000");  // still says who wrote it
  }
  EXPECT_EQ(read_json(dir + "/stages.json")[0]["reused_at_commit"], current_provenance().commit);
  EXPECT_EQ(runs, 1);
}
