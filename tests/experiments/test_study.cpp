// Tests for experiments/study: grid axes, member expansion (names, overrides, labels, order),
// sharding (every member in exactly one shard), the study presets, and collection into a table.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"
#include "factorlab/data/dataset.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/study.h"

#include "../support/scratch_dir.h"

using namespace factorlab;

namespace {

using test_support::scratch_dir;


LoadedStudy from_text(const std::string& dir, const std::string& text, const std::vector<std::string>& sets = {}) {
  const std::string path = dir + "/study.toml";
  write_file_atomic(path, text);
  return load_study(path, sets);
}

}  // namespace

TEST(StudySpec, GridAxisParses) {
  const GridAxis a = parse_grid_axis("N:data.N=8, 16,24", "g");
  EXPECT_EQ(a.label, "N");
  EXPECT_EQ(a.key, "data.N");
  EXPECT_EQ(a.values, (std::vector<std::string>{"8", "16", "24"}));
  const GridAxis b = parse_grid_axis("model.channel_mults=[1,2],[1,2,2]", "g");
  EXPECT_EQ(b.label, "model.channel_mults");
  EXPECT_EQ(b.values, (std::vector<std::string>{"[1,2]", "[1,2,2]"}));
  for (const char* bad : {"data.N", "=1,2", "data.N=1,,2", "data.N=1,1", "data.N="})
    EXPECT_THROW(parse_grid_axis(bad, "g"), InputError) << bad;
}

TEST(StudySpec, ExpandsGridsRowMajorWithNamesLabelsAndOverrideOrder) {
  const std::string dir = scratch_dir("study", "expand");
  const LoadedStudy s = from_text(dir, R"([study]
name = "t"
set = ["train.steps=7"]
[[study.runs]]
name = "a"
config = "default"
set = ["data.seed=3"]
labels = ["kind=one"]
grid = ["N:data.N=8,16", "train.lr=0.001,0.002,0.003"]
[[study.runs]]
name = "b"
config = "default"
)");
  const auto m = expand_study(s, {"train.batch_size=4", "study.name=ignored_here"});
  ASSERT_EQ(m.size(), 7u);
  EXPECT_EQ(m[0].name, "a_N8_lr0.001");
  EXPECT_EQ(m[1].name, "a_N8_lr0.002");
  EXPECT_EQ(m[3].name, "a_N16_lr0.001");
  EXPECT_EQ(m[6].name, "b");
  EXPECT_EQ(m[4].overrides, (std::vector<std::string>{"data.seed=3", "train.steps=7", "train.batch_size=4", "data.N=16",
                                                      "train.lr=0.002", "run.name=\"a_N16_lr0.002\""}));
  EXPECT_THROW(expand_study(s, {"data.N=8"}), InputError);  // --set of a grid axis' key
  ASSERT_EQ(m[4].labels.size(), 3u);
  EXPECT_EQ(m[4].labels[0], (std::pair<std::string, std::string>{"kind", "one"}));
  EXPECT_EQ(m[4].labels[1], (std::pair<std::string, std::string>{"N", "16"}));
  // Every member's config loads with its overrides.
  for (const auto& x : m) {
    const RunConfig c = load_run_config(x.config, x.overrides);
    EXPECT_EQ(c.run.name, x.name);
    EXPECT_EQ(c.train.steps, 7);
  }
  // --set study.* changes the study, not the members.
  const LoadedStudy renamed = from_text(dir, "[study]\nname = \"t\"\n[[study.runs]]\nname = \"a\"\n", {"study.name=u"});
  EXPECT_EQ(renamed.config.name, "u");
}

TEST(StudySpec, DuplicateNamesAndBadStudiesAreInputErrors) {
  const std::string dir = scratch_dir("study", "bad");
  EXPECT_THROW(expand_study(from_text(dir, "[study]\n[[study.runs]]\nname = \"a\"\n[[study.runs]]\nname = \"a\"\n"), {}),
               InputError);
  EXPECT_THROW(from_text(dir, "[study]\nname = \"x\"\n"), InputError);                                  // no runs
  EXPECT_THROW(from_text(dir, "[study]\nkind = \"nope\"\n[[study.runs]]\nname = \"a\"\n"), InputError);  // kind
  EXPECT_THROW(from_text(dir, "[study]\nbogus = 1\n[[study.runs]]\nname = \"a\"\n"), InputError);       // key
  EXPECT_THROW(from_text(dir, "[study]\n[[study.runs]]\nname = \"a\"\nlabels = [\"x\"]\n"), InputError);
  EXPECT_THROW(from_text(dir, "[study]\n[[study.runs]]\nname = \"a\"\n[data]\nN = 8\n"), InputError);
  EXPECT_THROW(load_study("default", {}), InputError);  // a single-run preset
}

TEST(StudySpec, ShardsPartitionTheMembersExactly) {
  for (std::size_t count : {0u, 1u, 5u, 30u, 31u})
    for (int n : {1, 2, 3, 7, 40}) {
      std::vector<int> seen(count, 0);
      for (int i = 0; i < n; ++i)
        for (std::size_t k : shard_indices(count, i, n)) {
          ASSERT_LT(k, count);
          ++seen[k];
        }
      for (std::size_t k = 0; k < count; ++k) EXPECT_EQ(seen[k], 1) << "count " << count << " n " << n << " k " << k;
    }
  EXPECT_EQ(parse_shard("2/5"), (std::pair<int, int>{2, 5}));
  for (const char* bad : {"5/5", "-1/3", "1", "a/b", "1/0", "1/2x", ""}) EXPECT_THROW(parse_shard(bad), InputError) << bad;
}

TEST(StudySpec, EveryStudyPresetExpandsAndEveryMemberBuildsItsData) {
  int studies = 0;
  for (const auto& name : preset_names()) {
    if (!is_study_source(name)) continue;
    SCOPED_TRACE(name);
    ++studies;
    const LoadedStudy s = load_study(name, {});
    const auto members = expand_study(s, {});
    EXPECT_GT(members.size(), 1u);
    for (const auto& m : members) {
      const RunConfig c = load_run_config(m.config, m.overrides);
      if (name.find("paper") == std::string::npos) {
        EXPECT_GT(build_dataset(c.data).size(), 0) << m.name;
      }
    }
  }
  EXPECT_GE(studies, 6);  // compositional, data_efficiency, percolation, each with a paper-scale variant
}

// Data efficiency (b): the 1D stripes must grow linearly in N, as the paper's, or the fitted
// exponent of "2D bumps + 1D stripes" measures the stripe count, not the learning. Every N of both
// scales: 2 N vertical and 2 N horizontal stripes (one margin column per side), nothing else.
TEST(StudySpec, DataEfficiencyStripesAreFourNOneDimensionalExamplesAtEveryN) {
  int members_checked = 0;
  for (const auto& name : preset_names()) {
    if (!is_study_source(name)) continue;
    const LoadedStudy s = load_study(name, {});
    if (s.config.kind != StudyKind::DataEfficiency) continue;
    for (const auto& m : expand_study(s, {})) {
      RunConfig c = load_run_config(m.config, m.overrides);
      std::vector<PartConfig> stripes;
      for (const auto& p : c.data.parts)
        if (p.layout == Layout::Stripes) stripes.push_back(p);
      if (m.name.rfind("stripes", 0) != 0) {
        EXPECT_TRUE(stripes.empty()) << name << " " << m.name;
        continue;
      }
      ASSERT_EQ(stripes.size(), 1u) << name << " " << m.name;
      c.data.parts = stripes;  // build the stripes alone: cheap also at N = 64
      const Dataset d = build_dataset(c.data);
      int x = 0, y = 0, other = 0;
      for (auto k : d.kinds) (k == kKind1DX ? x : k == kKind1DY ? y : other) += 1;
      SCOPED_TRACE(name + " " + m.name);
      EXPECT_EQ(x, 2 * c.data.N);
      EXPECT_EQ(y, 2 * c.data.N);
      EXPECT_EQ(other, 0);
      ++members_checked;
    }
  }
  EXPECT_EQ(members_checked, 21 + 40);  // CPU scale: 3 N x 7 fractions; paper scale: 5 N x 8 fractions
}

TEST(StudySpec, CollectGathersFinishedRunsIntoCsvAndJson) {
  const std::string dir = scratch_dir("study", "collect");
  const LoadedStudy s = from_text(dir, "[study]\nname = \"c\"\n[[study.runs]]\nname = \"r\"\ngrid = [\"N:data.N=8,16,24\"]\n");
  const auto members = expand_study(s, {});
  write_json(dir + "/study.json", study_json(s.config, members));
  make_dirs(dir + "/runs/r_N8");
  make_dirs(dir + "/runs/r_N24");
  write_json(dir + "/runs/r_N8/results.json", Json{{"eval.all.joint", 0.5}, {"train.steps", 10}});
  write_json(dir + "/runs/r_N24/results.json", Json{{"eval.all.joint", 1.0}});
  const auto missing = collect_study(dir);
  EXPECT_EQ(missing, (std::vector<std::string>{"r_N16"}));
  EXPECT_EQ(read_file(dir + "/results.csv"), "run,label.N,eval.all.joint,train.steps\nr_N8,8,0.5,10\nr_N24,24,1,\n");
  const Json rows = read_json(dir + "/results.json");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1]["label.N"], 24.0);
  EXPECT_THROW(collect_study(dir + "/runs"), InputError);
}

// Seeds: every member becomes k replicates <name>_seed<s> (seed fastest), labelled seed, whose seed
// keys are the member's own + s (probe.seed + s * probe.seeds); replicate 0 is the member itself.
TEST(StudySeeds, ReplicatesHaveNamesLabelsAndSeedOverrides) {
  const std::string dir = scratch_dir("study", "seeds");
  const std::string text =
      "[study]\nname = \"s\"\nset = [\"train.seed=5\", \"probe.seeds=4\"]\n[[study.runs]]\nname = \"r\"\n"
      "labels = [\"experiment=x\"]\ngrid = [\"N:data.N=8,16\"]\n";
  const LoadedStudy one = from_text(dir, text);
  const LoadedStudy three = from_text(dir, text, {"study.seeds=3"});
  ASSERT_EQ(three.config.seeds, 3);
  const auto base = expand_study(one, {});
  const auto m = expand_study(three, {});
  ASSERT_EQ(m.size(), 6u);
  const std::vector<std::string> names = {"r_N8_seed0", "r_N8_seed1", "r_N8_seed2",
                                          "r_N16_seed0", "r_N16_seed1", "r_N16_seed2"};
  for (std::size_t i = 0; i < m.size(); ++i) {
    SCOPED_TRACE(m[i].name);
    EXPECT_EQ(m[i].name, names[i]);
    EXPECT_EQ(m[i].group, base[i / 3].name);
    const int s = static_cast<int>(i % 3);
    EXPECT_EQ(m[i].labels.back(), (std::pair<std::string, std::string>{"seed", std::to_string(s)}));
    EXPECT_EQ(m[i].labels.front(), (std::pair<std::string, std::string>{"experiment", "x"}));
    const RunConfig c = load_run_config(m[i].config, m[i].overrides);
    EXPECT_EQ(c.run.name, m[i].name);
    EXPECT_EQ(c.train.seed, 5 + s);
    EXPECT_EQ(c.data.seed, s);
    EXPECT_EQ(c.sample.sampling.seed, s);
    EXPECT_EQ(c.eval.sampling.seed, s);
    EXPECT_EQ(c.probe.seed, 4 * s);  // disjoint blocks of 4 noise images
    EXPECT_EQ(c.data.N, i < 3 ? 8 : 16);
  }
  // Replicate 0 is exactly the member without seeds (but for its name).
  RunConfig seed0 = load_run_config(m[3].config, m[3].overrides), plain = load_run_config(base[1].config, base[1].overrides);
  seed0.run.name = plain.run.name;
  EXPECT_EQ(to_toml(seed0), to_toml(plain));
  // study.json names the group and the number of seeds.
  const Json j = study_json(three.config, m);
  EXPECT_EQ(j["seeds"], 3);
  EXPECT_EQ(j["runs"][4]["group"], "r_N16");
  EXPECT_EQ(j["runs"][4]["labels"]["seed"], 1.0);
}

// With one seed (the default and every preset) nothing changes: names, folders, overrides, study.json.
TEST(StudySeeds, OneSeedLeavesTheStudyAsItWas) {
  const std::string dir = scratch_dir("study", "seeds1");
  const std::string text = "[study]\nname = \"s\"\n[[study.runs]]\nname = \"r\"\ngrid = [\"N:data.N=8,16\"]\n";
  const LoadedStudy implicit = from_text(dir, text);
  const LoadedStudy explicit_one = from_text(dir, text, {"study.seeds=1"});
  EXPECT_EQ(implicit.config.seeds, 1);
  const auto a = expand_study(implicit, {}), b = expand_study(explicit_one, {});
  ASSERT_EQ(a.size(), 2u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].name, b[i].name);
    EXPECT_EQ(a[i].group, a[i].name);
    EXPECT_EQ(a[i].overrides, b[i].overrides);
    EXPECT_EQ(a[i].labels, b[i].labels);
    for (const auto& o : a[i].overrides) EXPECT_EQ(o.find(".seed="), std::string::npos) << o;
  }
  EXPECT_EQ(a[0].name, "r_N8");
  EXPECT_EQ(study_json(implicit.config, a).dump(), study_json(explicit_one.config, b).dump());
  EXPECT_FALSE(study_json(implicit.config, a).contains("seeds"));
  EXPECT_FALSE(study_json(implicit.config, a)["runs"][0].contains("group"));
  // Every study preset says seeds = 1.
  for (const auto& name : preset_names()) {
    if (is_study_source(name)) {
      EXPECT_EQ(load_study(name, {}).config.seeds, 1) << name;
    }
  }
}

TEST(StudySeeds, ShardsPartitionTheReplicates) {
  const std::string dir = scratch_dir("study", "seeds-shards");
  const LoadedStudy s =
      from_text(dir, "[study]\nname = \"s\"\nseeds = 3\n[[study.runs]]\nname = \"r\"\ngrid = [\"N:data.N=8,16,24\"]\n");
  const auto m = expand_study(s, {});
  ASSERT_EQ(m.size(), 9u);
  for (int n : {1, 2, 3, 4}) {
    std::multiset<std::string> seen;
    for (int i = 0; i < n; ++i)
      for (std::size_t k : shard_indices(m.size(), i, n)) seen.insert(m[k].name);
    EXPECT_EQ(seen.size(), m.size());
    for (const auto& x : m) EXPECT_EQ(seen.count(x.name), 1u) << x.name << " n " << n;
  }
}

TEST(StudySeeds, ASingleRunBecomesAStudyOfItsSeeds) {
  const LoadedStudy s = replicated_run_study("default", {"train.steps=10"}, 3);
  EXPECT_EQ(s.config.name, "default_seeds");
  EXPECT_EQ(s.config.kind, StudyKind::Factorization);
  const auto m = expand_study(s, {"train.steps=10"});
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[2].name, "default_seed2");
  const RunConfig c = load_run_config(m[2].config, m[2].overrides);
  EXPECT_EQ(c.train.steps, 10);
  EXPECT_EQ(c.train.seed, 2);
}

TEST(StudySeeds, BadSeedCountsAreOneLineErrorsNamingTheKey) {
  const std::string dir = scratch_dir("study", "seeds-bad");
  const std::string text = "[study]\nname = \"s\"\n[[study.runs]]\nname = \"r\"\n";
  for (const char* v : {"0", "-2"}) {
    try {
      from_text(dir, text, {std::string("study.seeds=") + v});
      ADD_FAILURE() << "study.seeds=" << v << " was accepted";
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find("study.seeds = " + std::string(v) + " must be >= 1"), std::string::npos) << msg;
      EXPECT_EQ(msg.find('\n'), std::string::npos);
    }
  }
  EXPECT_EQ(parse_seeds("3"), 3);
  EXPECT_EQ(parse_seeds("1"), 1);
  for (const char* bad : {"0", "-1", "x", "2x", "", "1.5"}) {
    try {
      parse_seeds(bad);
      ADD_FAILURE() << "--seeds " << bad << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("--seeds = '" + std::string(bad) + "' must be a whole number >= 1"),
                std::string::npos)
          << e.what();
    }
  }
}

// results.json keeps every seed's row; results_summary.* has each group's mean, interval over seeds
// and, for accuracies, the Wilson interval of the pooled conditions.
TEST(StudySeeds, CollectWritesThePerGroupSummary) {
  const std::string dir = scratch_dir("study", "seeds-collect");
  const LoadedStudy s = from_text(dir, "[study]\nname = \"c\"\nseeds = 3\n[[study.runs]]\nname = \"r\"\n"
                                       "labels = [\"experiment=x\"]\ngrid = [\"N:data.N=8,16\"]\n");
  const auto members = expand_study(s, {});
  write_json(dir + "/study.json", study_json(s.config, members));
  const double acc[] = {0.5, 0.6, 0.7};
  for (int seed = 0; seed < 3; ++seed) {
    const std::string run = dir + "/runs/r_N8_seed" + std::to_string(seed);
    make_dirs(run);
    write_json(run + "/results.json", Json{{"eval.all.joint", acc[seed]}, {"eval.all.count", 10}, {"train.steps", 10}});
  }
  const auto missing = collect_study(dir);
  EXPECT_EQ(missing.size(), 3u);  // r_N16_seed0..2
  EXPECT_EQ(read_json(dir + "/results.json").size(), 3u);  // one row per seed
  const Json summary = read_json(dir + "/results_summary.json");
  ASSERT_EQ(summary.size(), 1u);  // r_N16 has no finished run
  const Json& g = summary[0];
  EXPECT_EQ(g["group"], "r_N8");
  EXPECT_EQ(g["seeds"], 3);
  EXPECT_EQ(g["labels"], (Json{{"experiment", "x"}, {"N", 8.0}}));  // no seed label
  const Json& j = g["numbers"]["eval.all.joint"];
  EXPECT_NEAR(j["mean"].get<double>(), 0.6, 1e-12);
  EXPECT_NEAR(j["sd"].get<double>(), 0.1, 1e-12);
  EXPECT_NEAR(j["ci95_lo"].get<double>(), 0.6 - 4.303 * 0.1 / std::sqrt(3.0), 1e-12);
  EXPECT_EQ(j["successes"], 18.0);
  EXPECT_EQ(j["conditions"], 30.0);
  EXPECT_NEAR(j["wilson_lo"].get<double>(), 0.4232, 1e-4);  // Wilson 18 of 30: 0.4232 .. 0.7541
  EXPECT_NEAR(j["wilson_hi"].get<double>(), 0.7541, 1e-4);
  EXPECT_FALSE(g["numbers"]["train.steps"].contains("wilson_lo"));  // not an accuracy
  const std::string csv = read_file(dir + "/results_summary.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "group,label.N,label.experiment,key,runs,mean,sd,ci95_lo,ci95_hi,min,max,successes,conditions,wilson_lo,"
            "wilson_hi");
  EXPECT_NE(csv.find("\nr_N8,8,x,eval.all.joint,3,0.6,"), std::string::npos) << csv;
}
