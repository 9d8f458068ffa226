// End-to-end (experiments end to end): `factorlab run` on a tiny config through every stage,
// every output file checked (shapes, finite values, report links); a re-run skips the finished stages
// and a changed key redoes only what depends on it; a tiny study and a sweep, sharded, each member in
// exactly one shard, collected into one table.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <regex>
#include <set>

#include "cli_runner.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"
#include "factorlab/core/npy.h"

using namespace factorlab;

namespace {

const std::string kTinySets =
    "--set data.N=8 --set model.base_width=8 --set model.cond_dim=8 --set model.groups=4 --set model.heads=1 "
    "--set \"model.attention_levels=[]\" --set train.batch_size=16 --set train.steps=30 --set train.checkpoint_every=15 "
    "--set train.eval_every=15 --set train.log_every=5 --set run.threads=1 --set sample.grid=3 --set sample.steps=4 "
    "--set eval.steps=4 --set eval.max_conditions=8 --set probe.grid=8 --set \"analysis.umap_dims=[2]\" "
    "--set analysis.persistence.max_points=64";

void expect_finite_npy(const std::string& path, const std::vector<std::int64_t>& shape) {
  SCOPED_TRACE(path);
  ASSERT_TRUE(file_exists(path));
  const NpyArray a = read_npy(path);
  EXPECT_EQ(a.shape, shape);
  for (float v : a.to_f32()) ASSERT_TRUE(std::isfinite(v));
}

std::map<std::string, std::string> stage_status(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& s : read_json(dir + "/stages.json")) out[s["stage"]] = s["status"];
  return out;
}

}  // namespace

TEST(CliExperiments, RunWritesEveryStageAndAReRunSkipsThem) {
  const std::string dir = fresh_dir("run_all");
  CliResult r = run_factorlab("run default " + kTinySets + " --set run.track=true --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  // data, train, sample, eval
  for (const char* f : {"config.toml", "data.json", "dataset.npz", "preview.png", "labels.png", "metrics.jsonl",
                        "train.json", "checkpoints/step_00000015.ckpt", "checkpoints/step_00000030.ckpt", "samples.png",
                        "samples_eval.png", "eval.json", "eval.txt", "results.json", "report.html", "track.csv"})
    EXPECT_TRUE(file_exists(dir + "/" + f)) << f;
  expect_finite_npy(dir + "/samples.npy", {9, 8, 8});
  expect_finite_npy(dir + "/eval_samples.npy", {64, 8, 8});
  expect_finite_npy(dir + "/probe/reps.npy", {64, read_npy(dir + "/probe/reps.npy").shape.at(1)});
  expect_finite_npy(dir + "/probe/labels.npy", {64, 2});
  const Json analysis = read_json(dir + "/analysis/analysis.json");
  EXPECT_EQ(analysis["persistence"]["betti"].size(), 3u);
  // Tracking: one row per checkpoint.
  const std::string track = read_file(dir + "/track.csv");
  EXPECT_EQ(std::count(track.begin(), track.end(), '\n'), 3) << track;  // header + steps 15, 30
  // results.json: the headline numbers, finite.
  const Json res = read_json(dir + "/results.json");
  for (const char* k : {"eval.all.joint", "eval.all.x", "train.steps", "data.n_train", "probe.participation_ratio",
                        "probe.betti1", "time.train"}) {
    ASSERT_TRUE(res.contains(k)) << k;
    EXPECT_TRUE(std::isfinite(res[k].get<double>())) << k;
  }
  EXPECT_EQ(res["train.steps"], 30);
  // The report: self-contained, every image embedded, every local link present.
  const std::string html = read_file(dir + "/report.html");
  EXPECT_NE(html.find("data:image/png;base64,"), std::string::npos);
  // (Plain string search: std::regex recurses per character and overflows on 100 KB attributes.)
  int images = 0;
  for (std::size_t p = html.find("<img"); p != std::string::npos; p = html.find("<img", p + 1), ++images) {
    const std::size_t q = html.find("src=\"", p);
    ASSERT_NE(q, std::string::npos);
    EXPECT_EQ(html.compare(q + 5, 22, "data:image/png;base64,"), 0) << html.substr(q, 60);
  }
  EXPECT_GT(images, 3);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  for (std::size_t p = html.find("href=\""); p != std::string::npos; p = html.find("href=\"", p + 1)) {
    const std::string target = html.substr(p + 6, html.find('"', p + 6) - (p + 6));
    if (!target.empty() && target[0] != '#') {
      EXPECT_TRUE(file_exists(dir + "/" + target)) << target;
    }
  }
  for (const auto& [stage, status] : stage_status(dir)) EXPECT_EQ(status, "done") << stage;

  // Re-run: every stage is complete and skipped; the checkpoints are untouched.
  const auto mtime = std::filesystem::last_write_time(dir + "/checkpoints/step_00000030.ckpt");
  r = run_factorlab("run default " + kTinySets + " --set run.track=true --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  for (const auto& [stage, status] : stage_status(dir)) EXPECT_EQ(status, "skipped") << stage;
  EXPECT_EQ(std::filesystem::last_write_time(dir + "/checkpoints/step_00000030.ckpt"), mtime);

  // A changed eval key redoes eval (and the report), nothing before it.
  r = run_factorlab("run default " + kTinySets + " --set run.track=true --set eval.tolerance=2 --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  auto st = stage_status(dir);
  EXPECT_EQ(st["data"], "skipped");
  EXPECT_EQ(st["train"], "skipped");
  EXPECT_EQ(st["sample"], "skipped");
  EXPECT_EQ(st["eval"], "done");
  EXPECT_EQ(st["report"], "done");
  EXPECT_EQ(read_json(dir + "/eval.json")["tolerance"], 2.0);
  EXPECT_TRUE(read_json(dir + "/eval.json")["novelty"]["groups"].contains("all"));

  // The memorizing baseline (run.baseline) is one more stage; nothing trained is redone.
  r = run_factorlab("run default " + kTinySets + " --set run.track=true --set eval.tolerance=2 --set run.baseline=true --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  st = stage_status(dir);
  EXPECT_EQ(st["train"], "skipped");
  EXPECT_EQ(st["eval"], "skipped");
  EXPECT_EQ(st["baseline"], "done");
  EXPECT_EQ(read_json(dir + "/optimal/eval.json")["denoiser"], "optimal");
  EXPECT_TRUE(read_json(dir + "/results.json").contains("baseline.all.joint"));
  EXPECT_TRUE(read_json(dir + "/results.json").contains("eval.all.copy_rate"));

  // More steps: training resumes from step 30 (15 new steps), later stages rerun.
  r = run_factorlab("run default " + kTinySets + " --set run.track=true --set eval.tolerance=2 --set train.steps=45 --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(read_json(dir + "/train.json")["new_steps"], 15);
  EXPECT_EQ(stage_status(dir)["probe"], "done");
  EXPECT_EQ(read_json(dir + "/results.json")["train.steps"], 45);
}

TEST(CliExperiments, ShardedSweepRunsEachCellOnceAndCollects) {
  const std::string dir = fresh_dir("sweep");
  const std::string base = "sweep default " + std::regex_replace(kTinySets, std::regex("--set data.N=8 "), "") + " --set train.steps=4 --set train.checkpoint_every=4 "
                           "--set train.eval_every=0 --set run.report=false --grid N:data.N=6,8 "
                           "--grid train.lr=0.001,0.002,0.003 --out " + dir + "/s";
  std::multiset<std::string> ran;
  for (int i = 0; i < 4; ++i) {
    const CliResult r = run_factorlab(base + " --shard " + std::to_string(i) + "/4 --no-report");
    ASSERT_EQ(r.code, 0) << r.output;
    const Json ledger = read_json(dir + "/s/stages.shard-" + std::to_string(i) + "-of-4.json");
    for (const auto& e : ledger) ran.insert(e["stage"].get<std::string>());
  }
  EXPECT_EQ(ran.size(), 6u);
  EXPECT_EQ(std::set<std::string>(ran.begin(), ran.end()).size(), 6u);  // each cell exactly once
  EXPECT_TRUE(ran.count("run:default_N8_lr0.002"));
  EXPECT_FALSE(file_exists(dir + "/s/results.csv"));  // sharded runs do not collect

  const CliResult c = run_factorlab("sweep --collect " + dir + "/s");
  ASSERT_EQ(c.code, 0) << c.output;
  const Json rows = read_json(dir + "/s/results.json");
  ASSERT_EQ(rows.size(), 6u);
  for (const auto& row : rows) {
    EXPECT_EQ(row["data.N"], row["label.N"]);
    EXPECT_EQ(row["train.steps"], 4);
  }
  EXPECT_TRUE(file_exists(dir + "/s/report.html"));

  EXPECT_EQ(run_factorlab(base + " --shard 4/4").code, 2);
  EXPECT_EQ(run_factorlab("sweep default --grid data.N --out " + dir + "/bad").code, 2);
  EXPECT_EQ(run_factorlab("sweep --collect " + dir).code, 2);  // not a study folder
}

TEST(CliExperiments, StudyPresetRunsItsMembersAndReports) {
  // A tiny version of the percolation study: 2 x 1 grid plus the simulation, collected and reported.
  const std::string dir = fresh_dir("study");
  const CliResult r = run_factorlab(
      "run percolation " + kTinySets + " --set train.steps=4 --set train.checkpoint_every=4 --set train.eval_every=0 "
      "--set \"study.runs.0.grid=[\\\"sigma:data.parts.0.sigma=1.0,2.0\\\", \\\"lambda:data.parts.0.subsample=0.5\\\"]\" "
      "--set study.percolation.trials=5 --set study.percolation.L=8 --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* f : {"study.json", "results.csv", "results.json", "report.html", "percolation/percolation.csv",
                        "runs/bumps_sigma1.0_lambda0.5/results.json", "runs/bumps_sigma2.0_lambda0.5/eval.json"})
    EXPECT_TRUE(file_exists(dir + "/" + f)) << f;
  const Json rows = read_json(dir + "/results.json");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["label.sigma"], 1.0);
  EXPECT_EQ(rows[0]["eval.all.count"], 64);  // scored on every position of the 8 x 8 torus
}

TEST(CliExperiments, SeedsReplicateASingleRunIntoAStudy) {
  // `run default --seeds 2`: two replicates default_seed0 / _seed1 whose seeds differ by one, collected
  // with a per-group summary and reported with the seeds pooled.
  const std::string dir = fresh_dir("seeds");
  const CliResult r = run_factorlab("run default " + kTinySets + " --set train.steps=4 --set train.checkpoint_every=4 "
                                    "--set train.eval_every=0 --seeds 2 --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* f : {"study.json", "results.csv", "results.json", "results_summary.csv", "results_summary.json",
                        "report.html", "runs/default_seed0/results.json", "runs/default_seed1/results.json"})
    EXPECT_TRUE(file_exists(dir + "/" + f)) << f;
  const Json study = read_json(dir + "/study.json");
  EXPECT_EQ(study["kind"], "factorization");
  EXPECT_EQ(study["seeds"], 2);
  EXPECT_NE(read_file(dir + "/runs/default_seed1/config.toml").find("seed = 1"), std::string::npos);
  const Json summary = read_json(dir + "/results_summary.json");
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0]["group"], "default");
  EXPECT_EQ(summary[0]["seeds"], 2);
  EXPECT_TRUE(summary[0]["numbers"]["eval.all.joint"].contains("wilson_lo"));
  EXPECT_EQ(run_factorlab("run default --seeds 0 --out " + dir + "/bad").code, 2);
}

TEST(CliExperiments, JobsRunMembersSideBySideWithTheSameResultsAsOneAtATime) {
  // `sweep --jobs 2`: both cells train at once, each in its own process with run.threads = 1; every
  // member's samples are byte-identical to those of the same sweep run one member at a time, and a
  // re-run with another J skips the finished members.
  const std::string dir = fresh_dir("jobs");
  const std::string base = "sweep default " + kTinySets +
                           " --set train.steps=6 --set train.checkpoint_every=6 --set train.eval_every=0 "
                           "--set run.report=false --no-report --grid train.lr=0.001,0.002 --out ";
  const CliResult one = run_factorlab(base + dir + "/j1 --jobs 1");
  ASSERT_EQ(one.code, 0) << one.output;
  const CliResult two = run_factorlab(base + dir + "/j2 --jobs 2");
  ASSERT_EQ(two.code, 0) << two.output;
  for (const char* m : {"default_lr0.001", "default_lr0.002"}) {
    SCOPED_TRACE(m);
    const std::string a = dir + "/j1/runs/" + m, b = dir + "/j2/runs/" + m;
    EXPECT_TRUE(file_exists(b + "/log.txt"));
    EXPECT_NE(read_file(b + "/log.txt").find("complete"), std::string::npos);
    ASSERT_TRUE(file_exists(a + "/samples.npy"));
    EXPECT_EQ(read_file(a + "/samples.npy"), read_file(b + "/samples.npy"));
    EXPECT_EQ(read_json(a + "/eval.json")["groups"], read_json(b + "/eval.json")["groups"]);
  }
  EXPECT_EQ(read_json(dir + "/j2/results.json").size(), 2u);
  std::map<std::string, std::string> status;
  for (const auto& e : read_json(dir + "/j2/stages.json")) status[e["stage"]] = e["status"];
  EXPECT_EQ(status["run:default_lr0.001"], "done");
  const CliResult again = run_factorlab(base + dir + "/j2 --jobs 1");
  ASSERT_EQ(again.code, 0) << again.output;
  for (const auto& e : read_json(dir + "/j2/stages.json")) EXPECT_EQ(e["status"], "skipped") << e.dump();

  // A member that fails is named with its log; bad --jobs values and --jobs on a single run are input errors.
  // (Another member's checkpoint in one member's folder: it is intact but of another config, so that
  // member's resume fails; the other member finishes.)
  const std::string broken = dir + "/fail/runs/default_lr0.001/checkpoints";
  std::filesystem::create_directories(broken);
  std::filesystem::copy_file(dir + "/j1/runs/default_lr0.002/checkpoints/step_00000006.ckpt",
                             broken + "/step_00000003.ckpt");
  const CliResult bad = run_factorlab(base + dir + "/fail --jobs 2");
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.output.find("default_lr0.001 (exit"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("log.txt"), std::string::npos) << bad.output;
  EXPECT_TRUE(file_exists(dir + "/fail/runs/default_lr0.002/results.json"));
  EXPECT_EQ(run_factorlab(base + dir + "/b0 --jobs 0").code, 2);
  EXPECT_EQ(run_factorlab(base + dir + "/bx --jobs two").code, 2);
  EXPECT_EQ(run_factorlab("run default --jobs 2 --out " + dir + "/single").code, 2);
}
