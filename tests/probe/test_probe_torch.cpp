// tests/probe/test_probe_torch.cpp — probe_representations (probe/probe.h) on a small random UNet:
// the vectors equal, bit for bit, the capture of a plain forward pass on the same inputs; shapes
// [grid^2, C * H * W] for every block; batching does not change the result beyond float round-off;
// several seeds give the mean of the single-seed probes; the noise is a pure function of the seed;
// the layer names agree with the model's; write_probe's files. Needs LibTorch.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/npy.h"
#include "factorlab/probe/probe.h"

#include "../support/scratch_dir.h"

namespace factorlab {
namespace {

constexpr int kN = 8;
constexpr int kT = 1000;

UNet small_model(bool periodic) {
  ModelConfig c;
  c.base_width = 8;
  c.channel_mults = {1, 2, 2};
  c.cond_dim = 8;
  c.groups = 4;
  c.heads = 2;
  torch::manual_seed(3);
  UNet net(c, ModelGeometry{kN, periodic ? kN : kN + 4.0, periodic});
  // The output conv starts at zero; random weights everywhere make every block depend on its inputs.
  torch::NoGradGuard g;
  for (auto& p : net->parameters()) p.add_(torch::randn_like(p) * 0.05);
  return net;
}

// The reference: one plain forward pass over all conditions with the noise repeated (not expanded).
Points plain_capture(UNet& net, const std::string& layer, int t, const Points& labels, const torch::Tensor& noise) {
  torch::NoGradGuard g;
  const auto M = labels.rows();
  auto cond = torch::empty({M, 2}, torch::kFloat32);
  for (Eigen::Index i = 0; i < M; ++i) {
    cond[i][0] = static_cast<float>(labels(i, 0));
    cond[i][1] = static_cast<float>(labels(i, 1));
  }
  Capture cap;
  cap.names = {layer};
  net->forward(noise.repeat({M, 1, 1, 1}), torch::full({M}, static_cast<std::int64_t>(t), torch::kLong), cond, &cap);
  const auto flat = cap.tensors.at(layer).reshape({M, -1}).to(torch::kFloat64).contiguous();
  return Eigen::Map<const Points>(flat.data_ptr<double>(), M, flat.size(1));
}

TEST(Probe, LayerNamesAreTheModelsBlocks) {
  ASSERT_EQ(kProbeLayerNames.size(), block_names().size());
  for (std::size_t i = 0; i < block_names().size(); ++i) EXPECT_EQ(kProbeLayerNames[i].first, block_names()[i]);
}

TEST(Probe, NoiseIsAPureFunctionOfTheSeed) {
  EXPECT_TRUE(torch::equal(probe_noise(kN, 5, 0), probe_noise(kN, 5, 0)));
  EXPECT_FALSE(torch::equal(probe_noise(kN, 5, 0), probe_noise(kN, 5, 1)));
  EXPECT_FALSE(torch::equal(probe_noise(kN, 5, 0), probe_noise(kN, 6, 0)));
  EXPECT_EQ(probe_noise(kN, 0, 0).sizes().vec(), (std::vector<std::int64_t>{1, 1, kN, kN}));
}

TEST(Probe, EqualsThePlainForwardPassCaptureForEveryBlock) {
  UNet net = small_model(true);
  net->eval();
  // Block shapes at N = 8: stem/down1/up1 [8, 8, 8], down2/up2 [16, 4, 4], down3/up3 [16, 2, 2],
  // mid [16, 1, 1], out [1, 8, 8].
  const std::map<std::string, std::int64_t> features = {{"stem", 512}, {"down1", 512}, {"down2", 256},
                                                        {"down3", 64},  {"mid", 16},    {"up3", 64},
                                                        {"up2", 256},  {"up1", 512},   {"out", 64}};
  for (const auto& [layer, want] : features) {
    ProbeConfig c;
    c.layer = parse_enum("layer", layer, kProbeLayerNames);
    c.grid = 4;
    c.batch_size = 16;  // one batch: the same call as the reference
    c.seed = 11;
    const ProbeResult r = probe_representations(net, c, kN, true, kT, torch::kCPU);
    ASSERT_EQ(r.reps.rows(), 16) << layer;
    EXPECT_EQ(r.reps.cols(), want) << layer;
    EXPECT_EQ(r.t, kT / 2);
    EXPECT_EQ(r.labels, probe_grid_labels(kN, 4, true));
    const Points ref = plain_capture(net, layer, kT / 2, r.labels, probe_noise(kN, 11, 0));
    EXPECT_EQ(r.reps, ref) << layer;  // exact: same inputs, same pass, float32 -> double is exact
  }
}

// All blocks captured in the same passes (the representation map) equal each block probed alone.
TEST(Probe, BlocksFromSharedPassesEqualOneBlockAtATime) {
  UNet net = small_model(true);
  ProbeConfig c;
  c.grid = 4;
  c.t = 123;
  c.seeds = 2;
  c.batch_size = 5;  // several batches, the last one short
  std::vector<ProbeLayer> layers;
  for (const auto& [name, layer] : kProbeLayerNames) layers.push_back(layer);
  const std::vector<ProbeResult> all = probe_blocks(net, c, layers, kN, true, kT, torch::kCPU);
  ASSERT_EQ(all.size(), layers.size());
  for (std::size_t b = 0; b < layers.size(); ++b) {
    c.layer = layers[b];
    const ProbeResult one = probe_representations(net, c, kN, true, kT, torch::kCPU);
    EXPECT_EQ(all[b].layer, one.layer);
    EXPECT_EQ(all[b].t, 123);
    EXPECT_EQ(all[b].block_shape, one.block_shape) << one.layer;
    EXPECT_EQ(all[b].reps, one.reps) << one.layer;  // exact: the same passes on the CPU
    EXPECT_EQ(all[b].labels, one.labels);
  }
  EXPECT_THROW(probe_blocks(net, c, {}, kN, true, kT, torch::kCPU), InputError);
}

TEST(Probe, BatchingOnlyChangesRoundOff) {
  UNet net = small_model(false);
  ProbeConfig c;
  c.layer = ProbeLayer::Down2;
  c.grid = 5;
  c.t = 900;
  c.batch_size = 25;
  const ProbeResult whole = probe_representations(net, c, kN, false, kT, torch::kCPU);
  c.batch_size = 7;  // 7 + 7 + 7 + 4
  const ProbeResult parts = probe_representations(net, c, kN, false, kT, torch::kCPU);
  EXPECT_EQ(whole.t, 900);
  EXPECT_EQ(whole.labels, probe_grid_labels(kN, 5, false));
  const double scale = whole.reps.cwiseAbs().maxCoeff();
  EXPECT_GT(scale, 0.0);
  EXPECT_LE((whole.reps - parts.reps).cwiseAbs().maxCoeff(), 1e-5 * scale);  // float32 kernels per batch size
  // The condition matters: different conditions, different vectors.
  EXPECT_GT((whole.reps.row(0) - whole.reps.row(24)).cwiseAbs().maxCoeff(), 1e-4 * scale);
}

TEST(Probe, SeedsAreAveraged) {
  UNet net = small_model(true);
  ProbeConfig c;
  c.grid = 3;
  c.layer = ProbeLayer::Up2;
  c.seed = 4;
  c.seeds = 3;
  const ProbeResult avg = probe_representations(net, c, kN, true, kT, torch::kCPU);
  Points sum = Points::Zero(avg.reps.rows(), avg.reps.cols());
  for (int k = 0; k < 3; ++k) sum += plain_capture(net, "up2", kT / 2, avg.labels, probe_noise(kN, 4, k));
  const Points mean = sum / 3.0;
  EXPECT_LE((avg.reps - mean).cwiseAbs().maxCoeff(), 1e-12 * mean.cwiseAbs().maxCoeff());  // double sums
  // And it differs from the first noise image alone.
  c.seeds = 1;
  const ProbeResult one = probe_representations(net, c, kN, true, kT, torch::kCPU);
  EXPECT_GT((avg.reps - one.reps).cwiseAbs().maxCoeff(), 1e-4 * mean.cwiseAbs().maxCoeff());
  EXPECT_EQ(avg.seeds, 3);
}

TEST(Probe, BadInputsAreInputErrors) {
  UNet net = small_model(true);
  ProbeConfig c;
  c.t = 1000;
  EXPECT_THROW(probe_representations(net, c, kN, true, kT, torch::kCPU), InputError);
  c.t = -1;
  EXPECT_THROW(probe_representations(net, c, 16, true, kT, torch::kCPU), InputError);  // model is N = 8
  c.seeds = 0;
  EXPECT_THROW(probe_representations(net, c, kN, true, kT, torch::kCPU), InputError);
}

TEST(Probe, WritesRepsLabelsAndProbeJson) {
  UNet net = small_model(true);
  ProbeConfig c;
  c.grid = 2;
  const ProbeResult r = probe_representations(net, c, kN, true, kT, torch::kCPU);
  const std::string dir = test_support::scratch_dir("probe_write", "", false);
  write_probe(dir, r, Json{{"step", 7}});
  EXPECT_EQ(read_npy(dir + "/reps.npy").shape, (std::vector<std::int64_t>{4, 16}));
  EXPECT_EQ(read_npy(dir + "/labels.npy").shape, (std::vector<std::int64_t>{4, 2}));
  const Json j = read_json(dir + "/probe.json");
  EXPECT_EQ(j["layer"], "mid");
  EXPECT_EQ(j["t"], 500);
  EXPECT_EQ(j["N"], kN);
  EXPECT_EQ(j["step"], 7);
  EXPECT_EQ(j["block_shape"], Json({16, 1, 1}));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace factorlab
