// tests/eval/test_evaluate_torch.cpp — evaluate_denoiser (eval/evaluate.h) with the exact optimal
// denoiser of a dataset (sample/dataset_denoiser.h) as a memorizing baseline, with known answers:
// on training conditions DDIM and DDPM reproduce the training images (joint accuracy 1, no copies);
// under the cross holdout every OOD sample is its nearest training label's image, so OOD joint
// accuracy is 0 and every OOD sample is a copy (eval/novelty.h). Then evaluate_model is the same
// path with the UNet.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "factorlab/data/dataset.h"
#include "factorlab/diffusion/schedule.h"
#include "factorlab/eval/evaluate.h"
#include "factorlab/eval/novelty.h"
#include "factorlab/sample/dataset_denoiser.h"
#include "factorlab/sample/generate.h"

namespace factorlab {
namespace {

double max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
  double m = 0;
  for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::fabs(static_cast<double>(a[i]) - b[i]));
  return m;
}

TEST(EvaluateDenoiser, OptimalBaselineReproducesTheTrainingImagesOnTrainingConditions) {
  DataConfig data;
  data.N = 8;
  data.parts[0].dx = data.parts[0].dy = 2.0;  // 16 bumps
  const Dataset ds = build_dataset(data);
  const DiffusionConfig diffusion;
  const Schedule s = make_schedule(diffusion);
  const Denoiser den = optimal_denoiser_for(s, ds, OptimalConfig{}, false, torch::kCPU);
  for (Sampler kind : {Sampler::Ddim, Sampler::Ddpm}) {
    EvalConfig ec;
    ec.conditions = ConditionSet::Id;
    ec.sampling.sampler = kind;
    ec.samples_per_condition = 2;
    const EvalOutcome out = evaluate_denoiser(den, diffusion, data, ds, ec, torch::kCPU);
    ASSERT_EQ(out.conditions.size(), 32);
    // One image per label, so the posterior is that image at every step and both samplers return it
    // up to float32 rounding (tests/diffusion/test_optimal_denoiser.cpp); halved by v = (x + 1) / 2.
    EXPECT_LT(max_abs_diff(out.samples, out.conditions.truth), 1e-4);
    EXPECT_EQ(out.report.group("id")->joint_accuracy, 1.0);
    const NoveltyReport nov = measure_novelty(out.conditions, out.samples, ds.images, ec.copy_ratio);
    // The nearest training image is the sample's own truth: d_train <= d_truth, never a copy.
    EXPECT_EQ(nov.group("id")->copies, 0);
    EXPECT_LT(nov.group("id")->median_d_truth, 1e-3);
  }
}

TEST(EvaluateDenoiser, OptimalBaselineCopiesUnderTheCrossHoldout) {
  // configs/compositional_2d.toml at N = 16: sos with the cross 13/32 .. 19/32 of N (6.5 .. 9.5:
  // columns and rows 7, 8, 9) held out: 13 x 13 = 169 training labels, 87 OOD conditions.
  DataConfig data;
  data.N = 16;
  data.parts[0].shape = Shape::Sos;
  data.parts[0].holdout.type = HoldoutType::Cross;
  data.parts[0].holdout.a = 0.40625;
  data.parts[0].holdout.b = 0.59375;
  data.parts[0].holdout.units = Units::Fraction;
  const Dataset ds = build_dataset(data);
  ASSERT_EQ(ds.size(), 169);
  ASSERT_EQ(ds.ood_size(), 87);
  const DiffusionConfig diffusion;
  const Schedule s = make_schedule(diffusion);
  const Denoiser den = optimal_denoiser_for(s, ds, OptimalConfig{}, false, torch::kCPU);
  EvalConfig ec;
  ec.tolerance = 0.5;
  const EvalOutcome out = evaluate_denoiser(den, diffusion, data, ds, ec, torch::kCPU);
  ASSERT_EQ(out.conditions.size(), 256);
  // ID: the training image itself, located exactly at its integer label.
  EXPECT_EQ(out.report.group("id")->joint_accuracy, 1.0);
  // OOD: the nearest kernel gives an OOD condition its nearest training label's image(s), and the
  // sample is one of them. Labels lie on the unit lattice, so a training label other than the
  // condition differs by >= 1 px on some axis; the sample is located at that label, > 0.5 px off.
  for (const char* g : {"ood", "band_x", "band_y", "intersection"}) {
    ASSERT_NE(out.report.group(g), nullptr) << g;
    EXPECT_EQ(out.report.group(g)->joint_accuracy, 0.0) << g;
    EXPECT_EQ(out.report.group(g)->not_gaussian, 0) << g;
  }
  const NoveltyReport nov = measure_novelty(out.conditions, out.samples, ds.images, ec.copy_ratio);
  EXPECT_EQ(nov.group("id")->copy_rate, 0.0);
  EXPECT_EQ(nov.group("ood")->copy_rate, 1.0);
  // Each OOD sample's nearest image carries one of the labels nearest to its condition.
  const std::size_t pix = 16 * 16;
  for (std::int64_t m = 0; m < out.conditions.size(); ++m) {
    if (out.conditions.regions[m] == kRegionId) continue;
    const NoveltySample& r = nov.samples[m];
    EXPECT_LT(r.d_train, 1e-4) << m;
    const double cx = out.conditions.labels[2 * m], cy = out.conditions.labels[2 * m + 1];
    double nearest = 1e9;
    for (std::int64_t k = 0; k < ds.size(); ++k)
      nearest = std::min(nearest, std::hypot(ds.labels[2 * k] - cx, ds.labels[2 * k + 1] - cy));
    EXPECT_GE(nearest, 1.0);
    const double got = std::hypot(ds.labels[2 * r.nearest] - cx, ds.labels[2 * r.nearest + 1] - cy);
    EXPECT_NEAR(got, nearest, 1e-6) << m;
    EXPECT_GT(max_abs_diff(std::vector<float>(out.samples.begin() + m * pix, out.samples.begin() + (m + 1) * pix),
                           std::vector<float>(out.conditions.truth.begin() + m * pix,
                                              out.conditions.truth.begin() + (m + 1) * pix)),
              0.1)
        << m;
  }
}

TEST(EvaluateDenoiser, EvaluateModelIsTheSamePathWithTheUnet) {
  DataConfig data;
  data.N = 8;
  data.parts[0].periodic = true;
  data.parts[0].dx = data.parts[0].dy = 4.0;  // 4 conditions
  const Dataset ds = build_dataset(data);
  ModelConfig mc;
  mc.base_width = 8;
  mc.channel_mults = {1, 1, 2};
  mc.cond_dim = 8;
  mc.groups = 4;
  mc.heads = 1;
  mc.attention_levels = {};
  torch::manual_seed(0);
  UNet net(mc, ModelGeometry{8, 8, true});
  DiffusionConfig diffusion;
  diffusion.T = 20;
  EvalConfig ec;
  ec.sampling.steps = 5;
  const EvalOutcome a = evaluate_model(net, diffusion, data, ds, ec, torch::kCPU, false);
  const EvalOutcome b = evaluate_denoiser(unet_denoiser(net, torch::kCPU), diffusion, data, ds, ec, torch::kCPU);
  EXPECT_EQ(a.samples, b.samples);
  // And generate_images(UNet) is the sampler with the network's eps, mapped to (x + 1) / 2.
  const Schedule s = make_schedule(diffusion);
  SampleConfig sc;
  sc.steps = 5;
  const std::vector<float> cond = {0.f, 0.f, 4.f, 4.f};
  const std::vector<float> images = generate_images(net, s, cond, sc, torch::kCPU);
  torch::NoGradGuard no_grad;
  const Denoiser plain = [&](const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& c) {
    return net->forward(x, t, c).to(torch::kFloat32);
  };
  auto x = (sample(s, plain, torch::tensor(cond).reshape({2, 2}), {1, 8, 8}, sc) + 1) / 2;
  EXPECT_EQ(images, std::vector<float>(x.data_ptr<float>(), x.data_ptr<float>() + x.numel()));
  EXPECT_THROW(evaluate_model(net, diffusion, DataConfig{}, build_dataset(DataConfig{}), ec, torch::kCPU, false),
               std::invalid_argument);
}

}  // namespace
}  // namespace factorlab
