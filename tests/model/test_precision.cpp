// tests/model/test_precision.cpp — the scoped bf16 autocast (model/precision.h) on the CPU: it
// really computes in bf16 inside its scope, does nothing when disabled, restores the state it found
// (nested scopes), and a CPU scope leaves CUDA's autocast off. tests/gpu checks the CUDA side.
#include <gtest/gtest.h>

#include "factorlab/model/precision.h"

namespace factorlab {
namespace {

torch::ScalarType mm_dtype() {
  const auto a = torch::randn({8, 8}), b = torch::randn({8, 8});
  return torch::mm(a, b).scalar_type();
}

TEST(Bf16Autocast, ComputesMatmulsInBf16InsideItsScopeOnly) {
  ASSERT_EQ(mm_dtype(), torch::kFloat32);
  {
    Bf16Autocast ac(true, torch::kCPU);
    EXPECT_TRUE(autocast_enabled(torch::kCPU));
    EXPECT_EQ(mm_dtype(), torch::kBFloat16);
  }
  EXPECT_FALSE(autocast_enabled(torch::kCPU));
  EXPECT_EQ(mm_dtype(), torch::kFloat32);
}

TEST(Bf16Autocast, DisabledScopeChangesNothing) {
  Bf16Autocast off(false, torch::kCPU);
  EXPECT_FALSE(autocast_enabled(torch::kCPU));
  EXPECT_EQ(mm_dtype(), torch::kFloat32);
}

TEST(Bf16Autocast, NestedScopesRestoreTheStateTheyFound) {
  {
    Bf16Autocast outer(true, torch::kCPU);
    {
      Bf16Autocast inner(true, torch::kCPU);
      EXPECT_EQ(mm_dtype(), torch::kBFloat16);
    }
    EXPECT_TRUE(autocast_enabled(torch::kCPU)) << "the inner scope must not switch the outer one off";
    EXPECT_EQ(mm_dtype(), torch::kBFloat16);
  }
  EXPECT_FALSE(autocast_enabled(torch::kCPU));
}

TEST(Bf16Autocast, CpuScopeLeavesCudaAutocastOffAndTheDefaultDeviceIsTheCpu) {
  {
    Bf16Autocast ac(true);
    EXPECT_TRUE(autocast_enabled(torch::kCPU));
    EXPECT_FALSE(autocast_enabled(torch::kCUDA));
  }
  EXPECT_FALSE(autocast_enabled(torch::kCPU));
}

}  // namespace
}  // namespace factorlab
