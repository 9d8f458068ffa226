// tests/train/test_train_config.cpp — TrainConfig's precision choice (train/train_config.h): the
// names parse, fp32 / bf16 mean what they say on any machine, auto follows the CPU's native bf16
// support on CPU and means bf16 on CUDA (model/precision.h autocasts on the model's device).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "factorlab/train/train_config.h"

namespace factorlab {
namespace {

// The kernel's view of the CPU, independent of the compiler builtin the code uses.
bool proc_cpuinfo_has_flag(const std::string& flag) {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line);
    for (std::string w; words >> w;)
      if (w == flag) return true;
    return false;
  }
  return false;
}

TEST(TrainConfig, PrecisionNamesIncludeAuto) {
  EXPECT_EQ(parse_enum<Precision>("train.precision", "auto", kPrecisionNames), Precision::Auto);
  EXPECT_EQ(parse_enum<Precision>("train.precision", "bf16", kPrecisionNames), Precision::Bf16);
  EXPECT_EQ(parse_enum<Precision>("train.precision", "fp32", kPrecisionNames), Precision::Fp32);
}

TEST(TrainConfig, Fp32AndBf16AreTheSameOnEveryMachine) {
  for (bool cuda : {false, true}) {
    EXPECT_FALSE(uses_bf16(Precision::Fp32, cuda));
    EXPECT_TRUE(uses_bf16(Precision::Bf16, cuda));
  }
}

TEST(TrainConfig, AutoIsBf16OnCudaAndOnCpusWithNativeBf16) {
  EXPECT_EQ(uses_bf16(Precision::Auto, false), cpu_has_native_bf16());
  EXPECT_TRUE(uses_bf16(Precision::Auto, true));
}

TEST(TrainConfig, NativeBf16DetectionAgreesWithTheKernelsCpuFlags) {
  if (!std::ifstream("/proc/cpuinfo")) GTEST_SKIP() << "no /proc/cpuinfo";
  EXPECT_EQ(cpu_has_native_bf16(), proc_cpuinfo_has_flag("avx512_bf16") || proc_cpuinfo_has_flag("amx_bf16"));
}

}  // namespace
}  // namespace factorlab
