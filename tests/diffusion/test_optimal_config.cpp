// tests/diffusion/test_optimal_config.cpp — OptimalConfig (diffusion/optimal_config.h): defaults,
// validate() naming "optimal.bandwidth", the kernel names, and a TOML round trip.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/diffusion/optimal_config.h"

namespace factorlab {
namespace {

std::string input_error_of(const OptimalConfig& c) {
  try {
    c.validate();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(OptimalConfig, DefaultsAreNearestWithUnitBandwidthAndValid) {
  OptimalConfig c;
  EXPECT_EQ(c.label_kernel, LabelKernel::Nearest);
  EXPECT_EQ(c.bandwidth, 1.0);
  EXPECT_NO_THROW(c.validate());
}

TEST(OptimalConfig, BadBandwidthIsAnInputErrorNamingTheKey) {
  for (double bad : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    OptimalConfig c;
    c.bandwidth = bad;
    const std::string what = input_error_of(c);
    EXPECT_EQ(what.rfind("optimal.bandwidth = ", 0), 0u) << bad << ": '" << what << "'";
    EXPECT_EQ(what.find('\n'), std::string::npos);
  }
  OptimalConfig tiny;
  tiny.bandwidth = 1e-3;
  EXPECT_NO_THROW(tiny.validate());
}

TEST(OptimalConfig, ReadsWritesAndRejectsAnUnknownKernel) {
  OptimalConfig c;
  read_config(parse_toml("label_kernel = \"gaussian\"\nbandwidth = 2.5\n", "test"), c);
  EXPECT_EQ(c.label_kernel, LabelKernel::Gaussian);
  EXPECT_EQ(c.bandwidth, 2.5);
  OptimalConfig back;
  read_config(write_config(c), back);
  EXPECT_EQ(back.label_kernel, LabelKernel::Gaussian);
  EXPECT_EQ(back.bandwidth, 2.5);
  try {
    OptimalConfig bad;
    read_config(parse_toml("label_kernel = \"knn\"\n", "test"), bad);
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("label_kernel = 'knn' is not allowed (allowed: nearest, gaussian)"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace factorlab
