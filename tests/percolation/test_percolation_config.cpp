// tests/percolation/test_percolation_config.cpp — the defaults of docs/design.md 8, number-list parsing ("0:1:0.02",
// "0.1,0.5,1,2"), validate() on every rule, and a TOML round trip of the resolved config.
#include <gtest/gtest.h>

#include <string>

#include "factorlab/core/error.h"
#include "factorlab/percolation/percolation_config.h"

#include "../support/expect_error.h"

namespace factorlab {
namespace {

using test_support::expect_input_error;

TEST(PercolationConfig, DefaultsMatchTheDesignDoc) {
  PercolationConfig c;
  EXPECT_EQ(c.sigma, (std::vector<double>{0.1, 0.5, 1.0, 2.0}));
  EXPECT_EQ(c.d, 1.0);
  EXPECT_EQ(c.L, 32);
  ASSERT_EQ(c.lambda.size(), 51u);
  EXPECT_EQ(c.lambda.front(), 0.0);
  EXPECT_EQ(c.lambda.back(), 1.0);
  EXPECT_EQ(c.lambda[3], 0.06);  // rounded, not 0.06000000000000001
  EXPECT_EQ(c.trials, 200);
  EXPECT_EQ(c.threshold, 0.005);
  EXPECT_EQ(c.links, LinkRule::Threshold);
  EXPECT_EQ(c.overlap, OverlapModel::Analytic);
  EXPECT_NO_THROW(c.validate());
}

TEST(PercolationConfig, ParsesListsAndRanges) {
  EXPECT_EQ(parse_number_list("--sigma", "0.1,0.5,1,2"), (std::vector<double>{0.1, 0.5, 1, 2}));
  EXPECT_EQ(parse_number_list("--sigma", " 3 "), (std::vector<double>{3}));
  EXPECT_EQ(parse_number_list("--lambda", "0:1:0.02").size(), 51u);
  EXPECT_EQ(parse_number_list("--lambda", "0:0.1:0.05, 0.5"), (std::vector<double>{0, 0.05, 0.1, 0.5}));
  EXPECT_EQ(parse_number_list("--lambda", "0.1:0.35:0.1"), (std::vector<double>{0.1, 0.2, 0.3}));  // hi not on grid
  EXPECT_EQ(parse_number_list("--lambda", "0.5:0.5:0.1"), (std::vector<double>{0.5}));
  EXPECT_EQ(parse_number_list("--lambda", "1e-1"), (std::vector<double>{0.1}));
}

TEST(PercolationConfig, BadListsNameTheOption) {
  for (const char* bad : {"", "abc", "0.1,,2", "0.1,", "1:0:0.1", "0:1:0", "0:1:-0.1", "0:1", "0:1:0.1:2", "1x",
                          "nan", "inf", "0:1e9:1e-9"})
    expect_input_error([&] { parse_number_list("--lambda", bad); }, "--lambda");
}

TEST(PercolationConfig, ValidateRejectsBadValues) {
  const auto with = [](auto change) {
    PercolationConfig c;
    change(c);
    return [c] { c.validate(); };
  };
  expect_input_error(with([](PercolationConfig& c) { c.sigma = {}; }), "sigma");
  expect_input_error(with([](PercolationConfig& c) { c.sigma = {1, -0.5}; }), "sigma");
  expect_input_error(with([](PercolationConfig& c) { c.d = 0; }), "d = 0");
  expect_input_error(with([](PercolationConfig& c) { c.L = 0; }), "L = 0");
  expect_input_error(with([](PercolationConfig& c) { c.lambda = {}; }), "lambda");
  expect_input_error(with([](PercolationConfig& c) { c.lambda = {0.2, 1.5}; }), "lambda = 1.5");
  expect_input_error(with([](PercolationConfig& c) { c.lambda = {0.5, 0.2}; }), "strictly increasing");
  expect_input_error(with([](PercolationConfig& c) { c.trials = 0; }), "trials = 0");
  expect_input_error(with([](PercolationConfig& c) { c.threshold = 0; }), "threshold = 0");
  expect_input_error(with([](PercolationConfig& c) { c.threshold = 1; }), "threshold = 1");
  expect_input_error(with([](PercolationConfig& c) { c.N = 2; }), "N = 2");
  // Pixel overlap of sigma 2 is searched out to 14.6 pixels: N = 16 is too small, N = 32 fits.
  expect_input_error(with([](PercolationConfig& c) {
                       c.overlap = OverlapModel::Pixel;
                       c.N = 16;
                     }),
                     "N = 16 is too small");
  PercolationConfig ok;
  ok.overlap = OverlapModel::Pixel;
  EXPECT_NO_THROW(ok.validate());
}

TEST(PercolationConfig, TomlRoundTrip) {
  PercolationConfig c;
  c.sigma = {0.7, 3};
  c.lambda = {0.1, 0.9};
  c.L = 48;
  c.seed = 12345678901LL;
  c.links = LinkRule::NearestNeighbour;
  c.overlap = OverlapModel::Pixel;
  c.periodic = true;
  const std::string text = to_toml_string(write_config(c));
  PercolationConfig back;
  read_config(parse_toml(text, "roundtrip"), back);
  EXPECT_EQ(back.sigma, c.sigma);
  EXPECT_EQ(back.lambda, c.lambda);
  EXPECT_EQ(back.L, 48);
  EXPECT_EQ(back.seed, c.seed);
  EXPECT_EQ(back.links, LinkRule::NearestNeighbour);
  EXPECT_EQ(back.overlap, OverlapModel::Pixel);
  EXPECT_TRUE(back.periodic);
  expect_input_error([] {
    PercolationConfig x;
    read_config(parse_toml("links = \"diagonal\"", "t"), x);
  },
                     "nearest_neighbour");
  expect_input_error([] {
    PercolationConfig x;
    read_config(parse_toml("sigmas = [1.0]", "t"), x);
  },
                     "sigmas");
}

}  // namespace
}  // namespace factorlab
