// tests/probe/test_probe_config.cpp — ProbeConfig (probe/probe_config.h): defaults, validate() and
// resolved_t() naming "probe.<key>", a TOML round trip, and the grid of conditions (torus spacing
// N / grid, as tori.h grid_labels; [0, N-1] otherwise), x fastest.
#include <gtest/gtest.h>

#include <string>

#include "factorlab/analysis/tori.h"
#include "factorlab/core/error.h"
#include "factorlab/probe/probe_config.h"
#include "factorlab/probe/probe_grid.h"

#include "../support/expect_error.h"

namespace factorlab {
namespace {

using test_support::expect_input_error;

TEST(ProbeConfig, DefaultsMatchTheDesignDoc) {
  ProbeConfig c;
  EXPECT_EQ(c.layer_name(), "mid");
  EXPECT_EQ(c.resolved_t(1000), 500);  // T / 2
  EXPECT_EQ(c.resolved_t(7), 3);
  EXPECT_EQ(c.resolved_grid(32), 32);  // every integer label on the 32-torus
  EXPECT_EQ(c.seeds, 1);
  EXPECT_NO_THROW(c.validate());
  c.t = 999;
  EXPECT_EQ(c.resolved_t(1000), 999);
  c.grid = 8;
  EXPECT_EQ(c.resolved_grid(32), 8);
}

TEST(ProbeConfig, BadValuesNameTheKey) {
  const auto with = [](auto change) {
    ProbeConfig c;
    change(c);
    return [c] { c.validate(); };
  };
  expect_input_error(with([](ProbeConfig& c) { c.t = -2; }), "probe.t = -2");
  expect_input_error(with([](ProbeConfig& c) { c.grid = -1; }), "probe.grid = -1");
  expect_input_error(with([](ProbeConfig& c) { c.seeds = 0; }), "probe.seeds = 0");
  expect_input_error(with([](ProbeConfig& c) { c.seed = -1; }), "probe.seed = -1");
  expect_input_error(with([](ProbeConfig& c) { c.batch_size = 0; }), "probe.batch_size = 0");
  ProbeConfig c;
  c.t = 1000;
  expect_input_error([&] { c.resolved_t(1000); }, "probe.t = 1000 is out of range (allowed: -1 for T/2, or 0 .. 999");
}

TEST(ProbeConfig, LayerIsAnEnumReadFromToml) {
  toml::table t = parse_toml("layer = 'up2'\nt = 10\ngrid = 4\nseeds = 3\n", "test");
  ProbeConfig c;
  read_config(t, c);
  EXPECT_EQ(c.layer, ProbeLayer::Up2);
  EXPECT_EQ(c.t, 10);
  EXPECT_EQ(c.seeds, 3);
  ProbeConfig back;
  read_config(write_config(c), back);
  EXPECT_EQ(back.layer, ProbeLayer::Up2);
  EXPECT_EQ(back.grid, 4);
  toml::table bad = parse_toml("layer = 'middle'\n", "test");
  expect_input_error([&] { read_config(bad, c); }, "(allowed: stem, down1, down2, down3, mid, up1, up2, up3, out)");
  toml::table unknown = parse_toml("timestep = 3\n", "test");
  expect_input_error([&] { read_config(unknown, c); }, "unknown config key 'timestep'");
}

TEST(ProbeGrid, TorusGridIsEveryNOverGridAndMatchesTheReferenceTori) {
  const Points l = probe_grid_labels(8, 4, true);
  ASSERT_EQ(l.rows(), 16);
  ASSERT_EQ(l.cols(), 2);
  EXPECT_EQ(l(0, 0), 0.0);
  EXPECT_EQ(l(1, 0), 2.0);  // x fastest
  EXPECT_EQ(l(1, 1), 0.0);
  EXPECT_EQ(l(4, 0), 0.0);
  EXPECT_EQ(l(4, 1), 2.0);
  EXPECT_EQ(l(15, 0), 6.0);
  EXPECT_EQ(l(15, 1), 6.0);
  EXPECT_LT((l - grid_labels(4, 4, 8)).cwiseAbs().maxCoeff(), 1e-12);  // the same lattice as the reference tori
}

TEST(ProbeGrid, FlatGridSpansTheFrame) {
  const Points l = probe_grid_labels(16, 4, false);
  EXPECT_EQ(l(0, 0), 0.0);
  EXPECT_EQ(l(3, 0), 15.0);
  EXPECT_EQ(l(15, 1), 15.0);
  const Points one = probe_grid_labels(16, 1, false);
  EXPECT_EQ(one(0, 0), 7.5);  // the centre
  expect_input_error([] { probe_grid_labels(16, 0, true); }, "grid = 0");
}

}  // namespace
}  // namespace factorlab
