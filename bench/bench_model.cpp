// bench_model — throughput of the conditional UNet on this machine (issue: speed on 2 CPU cores).
// For the default (CPU) and the paper-scale model, at N = 16 and 32, in fp32 and bf16 autocast,
// NCHW and channels-last: training images/s (forward + backward + AdamW step), sampling
// denoiser-calls x images/s (no-grad forward), and GFLOP/s from the model's counted multiply-adds
// (2 FLOP per MAC; a training step counted as 3 forward passes). Each setting first checks its
// result: finite outputs, and the bf16 / channels-last prediction within tolerance of fp32 NCHW.
// OpenBLAS's own thread count is a column: `--blas-threads 1,2` times each setting with both (1 is
// what factorlab sets; docs/bench.md).
// Usage: bench_model [--threads T] [--blas-threads LIST] [--quick] [--filter text]
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "factorlab/model/precision.h"
#include "factorlab/model/unet.h"
#include "factorlab/train/runtime.h"

using namespace factorlab;

namespace {
struct Setting {
  std::string model;
  ModelConfig config;
  int N;
  bool bf16, channels_last;
  int blas_threads;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 0;
  bool quick = false;
  std::string filter;
  std::vector<int> blas_list{1};
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--filter") && i + 1 < argc) filter = argv[++i];
    else if (!std::strcmp(argv[i], "--blas-threads") && i + 1 < argc) {
      blas_list.clear();
      for (char* tok = std::strtok(argv[++i], ","); tok; tok = std::strtok(nullptr, ",")) blas_list.push_back(std::atoi(tok));
    }
  }
  threads = configure_cpu_runtime(threads);
  ModelConfig cpu_model;  // the defaults: base 32, mults (1, 2, 2), attention at level 3 and mid
  ModelConfig paper_model;
  paper_model.base_width = 64;
  paper_model.channel_mults = {1, 2, 4};
  paper_model.attention_levels = {2, 3};
  paper_model.cond_dim = 128;
  std::vector<Setting> settings;
  for (const auto& [name, cfg] : {std::pair<std::string, ModelConfig>{"default", cpu_model}, {"paper", paper_model}})
    for (int N : {16, 32})
      for (bool bf16 : {false, true})
        for (bool cl : {false, true})
          for (int blas : blas_list) settings.push_back({name, cfg, N, bf16, cl, blas});
  std::printf("threads %d\n", threads);
  std::printf("%-8s %3s %-5s %-6s %4s %10s %12s %12s %12s %12s %9s\n", "model", "N", "dtype", "layout", "blas", "params",
              "train img/s", "train GF/s", "sample img/s", "sample GF/s", "max|err|");
  for (const Setting& s : settings) {
    const std::string tag = s.model + " N=" + std::to_string(s.N) + (s.bf16 ? " bf16" : " fp32") + (s.channels_last ? " cl" : " nchw") +
                            " blas=" + std::to_string(s.blas_threads);
    if (!filter.empty() && tag.find(filter) == std::string::npos) continue;
    if (!set_blas_threads(s.blas_threads) && s.blas_threads != 1) {
      std::printf("%s: the BLAS in use is not OpenBLAS, skipped\n", tag.c_str());
      continue;
    }
    torch::manual_seed(0);
    UNet net(s.config, ModelGeometry{s.N, static_cast<double>(s.N), true});
    {
      // Non-zero output layers so the check below compares real predictions.
      torch::NoGradGuard g;
      for (auto& p : net->parameters()) p.add_(torch::randn_like(p) * 0.02);
    }
    const int B = 128;
    auto x = torch::randn({B, 1, s.N, s.N});
    auto t = torch::randint(1000, {B}, torch::kLong);
    auto cond = torch::rand({B, 2}) * s.N;
    torch::Tensor reference;
    {
      torch::NoGradGuard g;
      net->eval();
      reference = net->forward(x, t, cond);
    }
    if (s.channels_last) {
      to_channels_last(*net);
      x = x.contiguous(at::MemoryFormat::ChannelsLast);
    }
    // Check first: the setting computes the same prediction as fp32 NCHW, within its precision.
    double err;
    {
      torch::NoGradGuard g;
      Bf16Autocast ac(s.bf16);
      auto out = net->forward(x, t, cond).to(torch::kFloat32);
      if (!torch::isfinite(out).all().item<bool>()) {
        std::printf("%s: non-finite output, skipped\n", tag.c_str());
        continue;
      }
      err = (out - reference).abs().max().item<double>();
      const double tol = s.bf16 ? 0.1 * reference.abs().max().item<double>() + 1e-2 : 1e-4;
      if (err > tol) {
        std::printf("%s: prediction differs from fp32 NCHW by %.3g (> %.3g), skipped\n", tag.c_str(), err, tol);
        continue;
      }
    }
    const double macs = net->forward_macs();
    // Sampling: no-grad forward passes of batch 256.
    double sample_rate;
    {
      torch::NoGradGuard g;
      net->eval();
      auto xs = torch::randn({256, 1, s.N, s.N});
      if (s.channels_last) xs = xs.contiguous(at::MemoryFormat::ChannelsLast);
      auto ts = torch::randint(1000, {256}, torch::kLong);
      auto cs = torch::rand({256, 2}) * s.N;
      Bf16Autocast ac(s.bf16);
      net->forward(xs, ts, cs);  // warm-up
      const int reps = quick ? 2 : 5;
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < reps; ++i) net->forward(xs, ts, cs);
      sample_rate = 256.0 * reps / seconds_since(t0);
    }
    // Training: forward + backward + AdamW step on batch 128.
    double train_rate;
    {
      net->train();
      torch::optim::AdamW opt(net->parameters(), torch::optim::AdamWOptions(1e-4));
      auto step = [&] {
        torch::Tensor loss;
        {
          Bf16Autocast ac(s.bf16);
          loss = (net->forward(x, t, cond).to(torch::kFloat32) - x).pow(2).mean();
        }
        opt.zero_grad();
        loss.backward();
        opt.step();
      };
      step();  // warm-up
      const int reps = quick ? 2 : 5;
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < reps; ++i) step();
      train_rate = static_cast<double>(B) * reps / seconds_since(t0);
    }
    std::printf("%-8s %3d %-5s %-6s %4d %10lld %12.1f %12.2f %12.1f %12.2f %9.2g\n", s.model.c_str(), s.N,
                s.bf16 ? "bf16" : "fp32", s.channels_last ? "cl" : "nchw", s.blas_threads, static_cast<long long>(net->parameter_count()),
                train_rate, 3 * 2 * macs * train_rate / 1e9, sample_rate, 2 * macs * sample_rate / 1e9, err);
    std::fflush(stdout);
  }
  return 0;
}
