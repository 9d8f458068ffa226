// Tests for experiments/study: grid axes, member expansion (names, overrides, labels, order),
// sharding (every member in exactly one shard), the study presets, and collection into a table.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"
#include "factorlab/data/dataset.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/study.h"

using namespace factorlab;

namespace {

std::string temp_dir(const std::string& tag) {
  const auto d = std::filesystem::temp_directory_path() / ("factorlab_study_" + tag + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d.string();
}

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
  const std::string dir = temp_dir("expand");
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
  const std::string dir = temp_dir("bad");
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
    if (s.config.kind != "data_efficiency") continue;
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
  const std::string dir = temp_dir("collect");
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
