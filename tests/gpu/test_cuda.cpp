// tests/gpu/test_cuda.cpp — the CUDA path (docs/gpu.md): the UNet on CUDA computes what it computes
// on the CPU, bf16 autocast on CUDA really computes in bf16, training steps run and learn on CUDA,
// and sampling on CUDA gives the CPU's images for the same weights and seed (the sampler draws its
// noise on the CPU, gaussian_diffusion.h, so only the arithmetic differs). Every test skips
// without a CUDA device.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "factorlab/data/dataset.h"
#include "factorlab/diffusion/schedule.h"
#include "factorlab/model/precision.h"
#include "factorlab/model/unet.h"
#include "factorlab/sample/generate.h"
#include "factorlab/train/runtime.h"
#include "factorlab/train/trainer.h"
#include "../support/tiny_training.h"

namespace factorlab {
namespace {

#define SKIP_WITHOUT_CUDA() \
  if (!torch::cuda::is_available()) GTEST_SKIP() << "no CUDA device"

ModelConfig small_model() {
  ModelConfig m;
  m.base_width = 16;
  m.cond_dim = 16;
  m.groups = 4;
  m.heads = 2;
  return m;  // attention at the defaults' levels, so attention runs on CUDA too
}

UNet perturbed_unet(const ModelConfig& m, int N) {
  torch::manual_seed(0);
  UNet net(m, ModelGeometry{N, static_cast<double>(N), true});
  torch::NoGradGuard g;
  for (auto& p : net->parameters()) p.add_(torch::randn_like(p) * 0.02);  // non-zero output layers
  net->eval();
  return net;
}

struct Batch {
  torch::Tensor x, t, c;
};
Batch random_batch(int B, int N) {
  torch::manual_seed(1);
  return {torch::randn({B, 1, N, N}), torch::randint(1000, {B}, torch::kLong), torch::rand({B, 2}) * N};
}

// Tolerance for fp32 on CUDA against the CPU: cuDNN may use TF32 for convolutions (10-bit mantissa,
// relative error ~1e-3 per product), so 1 % of the output's range, not bit equality.
double fp32_tolerance(const torch::Tensor& reference) { return 1e-2 * reference.abs().max().item<double>() + 1e-4; }

TEST(Cuda, ForwardOnCudaEqualsForwardOnCpuWithinTf32Tolerance) {
  SKIP_WITHOUT_CUDA();
  const int N = 16;
  UNet net = perturbed_unet(small_model(), N);
  const Batch b = random_batch(8, N);
  torch::NoGradGuard g;
  const torch::Tensor cpu = net->forward(b.x, b.t, b.c);
  net->to(torch::kCUDA);
  const torch::Tensor gpu = net->forward(b.x.cuda(), b.t.cuda(), b.c.cuda()).cpu();
  ASSERT_TRUE(torch::isfinite(gpu).all().item<bool>());
  EXPECT_LT((gpu - cpu).abs().max().item<double>(), fp32_tolerance(cpu));
}

TEST(Cuda, Bf16AutocastOnCudaComputesMatmulsInBf16) {
  SKIP_WITHOUT_CUDA();
  const auto a = torch::randn({64, 64}, torch::kCUDA), w = torch::randn({64, 64}, torch::kCUDA);
  {
    Bf16Autocast ac(true, torch::kCUDA);
    EXPECT_EQ(torch::mm(a, w).scalar_type(), torch::kBFloat16);
  }
  EXPECT_EQ(torch::mm(a, w).scalar_type(), torch::kFloat32) << "the scope must switch autocast off again";
  {
    Bf16Autocast cpu_only(true, torch::kCPU);  // CPU autocast leaves CUDA tensors alone
    EXPECT_EQ(torch::mm(a, w).scalar_type(), torch::kFloat32);
  }
}

TEST(Cuda, Bf16ForwardOnCudaStaysCloseToFp32) {
  SKIP_WITHOUT_CUDA();
  const int N = 16;
  UNet net = perturbed_unet(small_model(), N);
  net->to(torch::kCUDA);
  const Batch b = random_batch(8, N);
  torch::NoGradGuard g;
  const torch::Tensor fp32 = net->forward(b.x.cuda(), b.t.cuda(), b.c.cuda()).cpu();
  torch::Tensor bf16;
  {
    Bf16Autocast ac(true, torch::kCUDA);
    bf16 = net->forward(b.x.cuda(), b.t.cuda(), b.c.cuda()).to(torch::kFloat32).cpu();
  }
  // bf16 keeps 8 mantissa bits; bench_model's tolerance for the same comparison.
  EXPECT_LT((bf16 - fp32).abs().max().item<double>(), 0.1 * fp32.abs().max().item<double>() + 1e-2);
  EXPECT_GT((bf16 - fp32).abs().max().item<double>(), 0.0) << "identical outputs: autocast did not run in bf16";
}

TrainInputs tiny_inputs(const char* device, Precision precision) {
  TrainInputs in = test_support::tiny_inputs(device);
  in.train.precision = precision;
  return in;
}

TEST(Cuda, TrainingOnCudaInBf16LearnsAHandfulOfConditions) {
  SKIP_WITHOUT_CUDA();
  Trainer tr(tiny_inputs("cuda", Precision::Bf16), test_support::tiny_data(2));  // 4 conditions
  ASSERT_TRUE(tr.model()->parameters().front().is_cuda());
  const double first = tr.train_steps(1);
  tr.train_steps(400);
  double late = 0;
  for (int i = 0; i < 20; ++i) late += tr.train_steps(1) / 20;
  EXPECT_TRUE(std::isfinite(late));
  EXPECT_LT(late, first / 5) << "first " << first << ", late " << late;
}

TEST(Cuda, SamplingOnCudaGivesTheCpuImagesForTheSameWeights) {
  SKIP_WITHOUT_CUDA();
  const int N = 8;
  UNet net = perturbed_unet(tiny_inputs("cpu", Precision::Fp32).model, N);
  DiffusionConfig d;
  const Schedule s = make_schedule(d);
  SampleConfig sc;
  sc.steps = 10;
  sc.seed = 3;
  const std::vector<float> cond{2, 2, 5, 6, 7, 1};
  const std::vector<float> cpu = generate_images(net, s, cond, sc, torch::kCPU);
  net->to(torch::kCUDA);
  const std::vector<float> gpu = generate_images(net, s, cond, sc, torch::kCUDA);
  ASSERT_EQ(cpu.size(), gpu.size());
  double worst = 0;
  for (std::size_t i = 0; i < cpu.size(); ++i) worst = std::max(worst, static_cast<double>(std::abs(cpu[i] - gpu[i])));
  EXPECT_LT(worst, 2e-2) << "pixels in [0, 1]; TF32 convolutions over 10 DDIM steps";
}

TEST(Cuda, CudaDeviceResolvesAndAutoPicksIt) {
  SKIP_WITHOUT_CUDA();
  EXPECT_TRUE(resolve_device("cuda").is_cuda());
  EXPECT_TRUE(resolve_device("auto").is_cuda());
  EXPECT_TRUE(uses_bf16(Precision::Auto, true));
}

}  // namespace
}  // namespace factorlab
