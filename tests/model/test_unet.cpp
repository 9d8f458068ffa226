// Tests for model/unet: block shapes, captured activations equal the plain forward pass, the
// condition changes the output, configs validate.
#include <gtest/gtest.h>

#include "factorlab/model/precision.h"
#include "factorlab/model/unet.h"

using namespace factorlab;

namespace {
ModelConfig small() {
  ModelConfig c;
  c.base_width = 16;
  c.channel_mults = {1, 2, 2};
  c.cond_dim = 16;
  c.groups = 4;
  c.heads = 2;
  return c;
}
}  // namespace

TEST(UNet, EveryBlockHasTheExpectedShape) {
  for (int N : {8, 16, 32}) {
    torch::manual_seed(0);
    UNet net(small(), ModelGeometry{N, static_cast<double>(N), true});
    Capture cap;
    cap.names = {block_names().begin(), block_names().end()};
    auto x = torch::randn({3, 1, N, N});
    auto out = net->forward(x, torch::tensor({0, 500, 999}), torch::rand({3, 2}) * N, &cap);
    EXPECT_EQ(out.sizes(), x.sizes());
    const int s1 = N, s2 = (N + 1) / 2, s3 = (s2 + 1) / 2, s4 = (s3 + 1) / 2;
    const std::map<std::string, std::vector<int64_t>> want = {
        {"stem", {3, 16, s1, s1}}, {"down1", {3, 16, s1, s1}}, {"down2", {3, 32, s2, s2}}, {"down3", {3, 32, s3, s3}},
        {"mid", {3, 32, s4, s4}},  {"up3", {3, 32, s3, s3}},   {"up2", {3, 32, s2, s2}},   {"up1", {3, 16, s1, s1}},
        {"out", {3, 1, s1, s1}}};
    ASSERT_EQ(cap.tensors.size(), want.size());
    for (const auto& [name, shape] : want) EXPECT_EQ(cap.tensors.at(name).sizes().vec(), shape) << name << " N=" << N;
  }
}

TEST(UNet, CapturedActivationsEqualThePlainForwardPass) {
  torch::manual_seed(1);
  ModelConfig c = small();
  c.coord_channels = 2;
  UNet net(c, ModelGeometry{16, 16, true});
  // Give the zero-initialised output layers weights so the prediction depends on every block.
  {
    torch::NoGradGuard g;
    for (auto& p : net->parameters()) p.add_(torch::randn_like(p) * 0.05);
  }
  net->eval();
  auto x = torch::randn({2, 1, 16, 16});
  auto t = torch::tensor({3, 700});
  auto cond = torch::tensor({{1.f, 2.f}, {9.5f, 14.f}});
  auto plain = net->forward(x, t, cond);
  Capture cap;
  cap.names = {"mid", "out", "down2"};
  auto captured = net->forward(x, t, cond, &cap);
  EXPECT_TRUE(torch::equal(plain, captured));
  EXPECT_TRUE(torch::equal(cap.tensors.at("out"), plain));
  EXPECT_EQ(cap.tensors.size(), 3u);
  // The condition matters.
  auto other = net->forward(x, t, torch::tensor({{5.f, 2.f}, {9.5f, 3.f}}));
  EXPECT_GT((other - plain).abs().max().item<double>(), 1e-4);
}

TEST(UNet, FreshModelPredictsZeroNoise) {
  // Zero-initialised output conv: the untrained prediction is exactly 0 (improved-diffusion's choice).
  UNet net(small(), ModelGeometry{8, 8, false});
  auto out = net->forward(torch::randn({2, 1, 8, 8}), torch::tensor({1, 2}), torch::zeros({2, 2}));
  EXPECT_EQ(out.abs().max().item<double>(), 0.0);
  EXPECT_GT(net->parameter_count(), 10000);
  EXPECT_GT(net->forward_macs(), 1e5);
}

TEST(UNet, ChannelsLastAndBf16AgreeWithTheReference) {
  torch::manual_seed(2);
  UNet net(small(), ModelGeometry{16, 16, true});
  {
    torch::NoGradGuard g;
    for (auto& p : net->parameters()) p.add_(torch::randn_like(p) * 0.05);
  }
  net->eval();
  auto x = torch::randn({4, 1, 16, 16});
  auto t = torch::tensor({1, 100, 400, 900});
  auto cond = torch::rand({4, 2}) * 16;
  torch::NoGradGuard g;
  auto ref = net->forward(x, t, cond);
  for (auto& p : net->parameters())
    if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
  auto cl = net->forward(x.contiguous(at::MemoryFormat::ChannelsLast), t, cond);
  EXPECT_LT((cl - ref).abs().max().item<double>(), 1e-4);
  // bf16 autocast: finite, and within bf16 precision of the fp32 prediction.
  torch::Tensor bf;
  {
    Bf16Autocast ac(true);
    bf = net->forward(x, t, cond).to(torch::kFloat32);
  }
  EXPECT_TRUE(torch::isfinite(bf).all().item<bool>());
  EXPECT_LT((bf - ref).abs().max().item<double>(), 0.05 * ref.abs().max().item<double>() + 1e-2);
  EXPECT_GT((bf - ref).abs().max().item<double>(), 0.0) << "autocast had no effect";
}

TEST(ModelConfig, ValidationNamesTheKey) {
  ModelConfig c = small();
  c.groups = 5;
  EXPECT_THROW(c.validate(), InputError);
  c = small();
  c.channel_mults = {1, 2};
  try {
    c.validate();
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("model.channel_mults"), std::string::npos);
  }
  c = small();
  c.attention_levels = {4};
  EXPECT_THROW(c.validate(), InputError);
}
