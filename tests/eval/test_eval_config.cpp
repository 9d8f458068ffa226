// tests/eval/test_eval_config.cpp — EvalConfig (eval/eval_config.h): the defaults of docs/design.md 6,
// validate() naming "eval.<key>" (copy_ratio in (0, 1) too), a TOML round trip, and the conditions
// each choice selects from a dataset (id, ood, all, grid, random, the seeded training-time subset,
// repetition).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "factorlab/core/error.h"
#include "factorlab/data/dataset.h"
#include "factorlab/eval/eval_config.h"

#include "../support/expect_error.h"

namespace factorlab {
namespace {

using test_support::expect_input_error;

// N = 16 sos with a cross 6..8: 13 x 13 = 169 ID, 3 x 13 per band, 3 x 3 intersection.
DataConfig cross_data() {
  DataConfig d;
  d.N = 16;
  d.parts[0].shape = Shape::Sos;
  d.parts[0].holdout.type = HoldoutType::Cross;
  d.parts[0].holdout.a = 6;
  d.parts[0].holdout.b = 8;
  return d;
}

TEST(EvalConfig, DefaultsMatchTheDesignDoc) {
  EvalConfig c;
  EXPECT_EQ(c.conditions, ConditionSet::All);
  EXPECT_EQ(c.samples_per_condition, 1);
  EXPECT_EQ(c.sampling.sampler, Sampler::Ddim);
  EXPECT_EQ(c.sampling.steps, 50);
  EXPECT_EQ(c.sampling.eta, 0.0);
  EXPECT_EQ(c.sampling.batch_size, 256);
  EXPECT_TRUE(c.sampling.clip_x0);
  EXPECT_EQ(c.tolerance, 1.0);
  EXPECT_EQ(c.window_radius, 2);
  EXPECT_EQ(c.second_peak_fraction, 0.5);
  EXPECT_EQ(c.max_conditions, 64);
  EXPECT_EQ(c.copy_ratio, 0.5);
  EXPECT_NO_THROW(c.validate());
}

TEST(EvalConfig, ValidateNamesTheKey) {
  const auto with = [](auto change) {
    EvalConfig c;
    change(c);
    return [c] { c.validate(); };
  };
  expect_input_error(with([](EvalConfig& c) { c.tolerance = 0; }), "eval.tolerance = 0");
  expect_input_error(with([](EvalConfig& c) { c.tolerance = -1; }), "eval.tolerance = -1");
  expect_input_error(with([](EvalConfig& c) { c.window_radius = -1; }), "eval.window_radius = -1");
  expect_input_error(with([](EvalConfig& c) { c.samples_per_condition = 0; }), "eval.samples_per_condition = 0");
  expect_input_error(with([](EvalConfig& c) { c.sampling.steps = 0; }), "eval.steps = 0");
  expect_input_error(with([](EvalConfig& c) { c.sampling.eta = 1.5; }), "eval.eta = 1.5");
  expect_input_error(with([](EvalConfig& c) { c.peak_min = 2; }), "eval.peak_min = 2");
  expect_input_error(with([](EvalConfig& c) { c.second_peak_fraction = 0; }), "eval.second_peak_fraction = 0");
  expect_input_error(with([](EvalConfig& c) { c.grid_spacing = 0; }), "eval.grid_spacing = 0");
  expect_input_error(with([](EvalConfig& c) { c.random_count = 0; }), "eval.random_count = 0");
  expect_input_error(with([](EvalConfig& c) { c.max_conditions = -1; }), "eval.max_conditions = -1");
  // copy_ratio in (0, 1): at 1 a sample equal to its own truth would count (novelty.h).
  expect_input_error(with([](EvalConfig& c) { c.copy_ratio = 0; }), "eval.copy_ratio = 0");
  expect_input_error(with([](EvalConfig& c) { c.copy_ratio = 1; }), "eval.copy_ratio = 1");
  expect_input_error(with([](EvalConfig& c) { c.copy_ratio = -0.5; }), "eval.copy_ratio = -0.5");
  expect_input_error(with([](EvalConfig& c) { c.copy_ratio = std::nan(""); }), "eval.copy_ratio = ");
}

TEST(EvalConfig, TomlRoundTrip) {
  EvalConfig c;
  c.conditions = ConditionSet::Grid;
  c.grid_spacing = 2;
  c.sampling.sampler = Sampler::Ddpm;
  c.sampling.batch_size = 7;
  c.tolerance = 0.5;
  c.sampling.seed = 99;
  c.copy_ratio = 0.25;
  EvalConfig back;
  read_config(parse_toml(to_toml_string(write_config(c)), "roundtrip"), back);
  EXPECT_EQ(back.conditions, ConditionSet::Grid);
  EXPECT_EQ(back.grid_spacing, 2.0);
  EXPECT_EQ(back.sampling.sampler, Sampler::Ddpm);
  EXPECT_EQ(back.sampling.batch_size, 7);
  EXPECT_EQ(back.copy_ratio, 0.25);
  EXPECT_EQ(back.tolerance, 0.5);
  EXPECT_EQ(back.sampling.seed, 99);
  expect_input_error([] {
    EvalConfig x;
    read_config(parse_toml("conditions = \"some\"", "t"), x);
  },
                     "all, id, ood, grid, random");
  expect_input_error([] {
    EvalConfig x;
    read_config(parse_toml("tolerence = 1.0", "t"), x);
  },
                     "tolerence");
}

TEST(EvalConditions, EachChoiceSelectsItsConditions) {
  const DataConfig data = cross_data();
  const Dataset ds = build_dataset(data);
  ASSERT_EQ(ds.size(), 169);
  ASSERT_EQ(ds.ood_size(), 87);
  EvalConfig c;
  const EvalConditions all = select_conditions(c, data, ds);
  EXPECT_EQ(all.size(), 256);
  EXPECT_EQ(all.N, 16);
  EXPECT_FALSE(all.periodic);
  EXPECT_EQ(all.truth.size(), 256u * 256u);
  EXPECT_EQ(all.shapes[0], Shape::Sos);
  // Truth is the dataset's image of the same label: ID first, then OOD.
  EXPECT_EQ(all.truth[5], ds.images[5]);
  EXPECT_EQ(all.truth[169 * 256 + 7], ds.ood_images[7]);
  EXPECT_EQ(all.labels[2 * 169], ds.ood_labels[0]);

  c.conditions = ConditionSet::Id;
  EXPECT_EQ(select_conditions(c, data, ds).size(), 169);
  c.conditions = ConditionSet::Ood;
  const EvalConditions ood = select_conditions(c, data, ds);
  EXPECT_EQ(ood.size(), 87);
  for (auto r : ood.regions) EXPECT_NE(r, kRegionId);

  c.conditions = ConditionSet::Grid;
  c.grid_spacing = 4;  // labels 0, 4, 8, 12 on each axis
  const EvalConditions grid = select_conditions(c, data, ds);
  EXPECT_EQ(grid.size(), 16);
  for (std::int64_t k = 0; k < grid.size(); ++k) {
    EXPECT_EQ(static_cast<int>(grid.labels[2 * k]) % 4, 0);
    EXPECT_EQ(static_cast<int>(grid.labels[2 * k + 1]) % 4, 0);
  }
  c.grid_spacing = 100;  // only (0, 0)
  EXPECT_EQ(select_conditions(c, data, ds).size(), 1);

  c.conditions = ConditionSet::Random;
  c.random_count = 20;
  const EvalConditions r1 = select_conditions(c, data, ds), r2 = select_conditions(c, data, ds);
  EXPECT_EQ(r1.size(), 20);
  EXPECT_EQ(r1.labels, r2.labels);  // seeded
  c.sampling.seed = 1;
  EXPECT_NE(select_conditions(c, data, ds).labels, r1.labels);
  c.random_count = 10000;  // more than there are: all of them
  EXPECT_EQ(select_conditions(c, data, ds).size(), 256);
}

TEST(EvalConditions, TrainingSubsetAndRepetition) {
  const DataConfig data = cross_data();
  const Dataset ds = build_dataset(data);
  EvalConfig c;
  const EvalConditions sub = select_conditions(c, data, ds, c.max_conditions);
  EXPECT_EQ(sub.size(), 64);
  EXPECT_EQ(select_conditions(c, data, ds, 64).labels, sub.labels);  // same seed, same subset
  // In the original order: ID (region 0) before OOD.
  bool seen_ood = false;
  for (auto r : sub.regions) {
    if (r != kRegionId) seen_ood = true;
    else EXPECT_FALSE(seen_ood);
  }
  EXPECT_EQ(select_conditions(c, data, ds, 1000).size(), 256);

  const EvalConditions rep = sub.repeated(3);
  ASSERT_EQ(rep.size(), 192);
  EXPECT_EQ(rep.labels[0], rep.labels[2]);
  EXPECT_EQ(rep.labels[1], rep.labels[5]);
  EXPECT_EQ(rep.labels[6], sub.labels[2]);
  EXPECT_EQ(rep.truth.size(), 192u * 256u);
  EXPECT_EQ(rep.truth[2 * 256 + 9], sub.truth[9]);
  EXPECT_EQ(rep.truth[3 * 256 + 9], sub.truth[256 + 9]);

  c.conditions = ConditionSet::Grid;
  c.grid_spacing = 3.5;  // 0, 7, 14 on both axes: 9 labels
  EXPECT_EQ(select_conditions(c, data, ds).size(), 9);
  DataConfig no_hole;
  no_hole.N = 16;
  const Dataset plain = build_dataset(no_hole);
  c.conditions = ConditionSet::Ood;
  expect_input_error([&] { select_conditions(c, no_hole, plain); }, "eval.conditions = ood");
  // Parts that disagree on periodicity cannot be scored together.
  DataConfig mixed;
  mixed.N = 8;
  mixed.parts.push_back(PartConfig{});
  mixed.parts[0].periodic = true;
  c.conditions = ConditionSet::All;
  expect_input_error([&] { select_conditions(c, mixed, build_dataset(mixed)); }, "mix periodic");
  c.conditions = ConditionSet::Id;
  mixed.parts[1].periodic = true;
  EXPECT_TRUE(select_conditions(c, mixed, build_dataset(mixed)).periodic);
}

}  // namespace
}  // namespace factorlab
