// bench_model — throughput of the conditional UNet on this machine (docs/bench.md).
// For the default (CPU) and the paper-scale model, at N = 16 and 32, in fp32 and bf16 autocast,
// NCHW and channels-last: training images/s (forward + backward + AdamW step), sampling
// denoiser-calls x images/s (no-grad forward), and GFLOP/s from the model's counted multiply-adds
// (2 FLOP per MAC; a training step counted as 3 forward passes). Each setting first checks its
// result: finite outputs, and the bf16 / channels-last prediction within tolerance of fp32 NCHW.
// OpenBLAS's own thread count is a column: `--blas-threads 1,2` times each setting with both (1 is
// what factorlab sets; docs/bench.md).
// On a GPU (`--device cuda`, docs/gpu.md) the clock is read after torch::cuda::synchronize(), and
// `--peak-tflops P` adds each rate's share of the device's peak (the H200's ~790 bf16 dense TFLOP/s).
// Usage: bench_model [--device cpu|cuda] [--threads T] [--blas-threads LIST] [--models default,paper]
//                    [--sizes 16,32] [--batch B] [--peak-tflops P] [--quick] [--filter text]
#include <torch/torch.h>

#include <algorithm>
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

std::vector<std::string> split_list(const char* text) {
  std::vector<std::string> out;
  std::string cur;
  for (const char* c = text;; ++c) {
    if (*c == ',' || *c == '\0') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      if (*c == '\0') break;
    } else {
      cur += *c;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) try {
  int threads = 0;
  bool quick = false;
  std::string filter;
  std::vector<int> blas_list{1};
  std::vector<std::string> models{"default", "paper"};
  std::vector<int> sizes{16, 32};
  std::string device_name = "cpu";
  int train_batch = 128;
  double peak_tflops = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--device") && i + 1 < argc) device_name = argv[++i];
    else if (!std::strcmp(argv[i], "--models") && i + 1 < argc) models = split_list(argv[++i]);
    else if (!std::strcmp(argv[i], "--batch") && i + 1 < argc) train_batch = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--peak-tflops") && i + 1 < argc) peak_tflops = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--sizes") && i + 1 < argc) {
      sizes.clear();
      for (const auto& v : split_list(argv[++i])) sizes.push_back(std::atoi(v.c_str()));
    }
    else if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--filter") && i + 1 < argc) filter = argv[++i];
    else if (!std::strcmp(argv[i], "--blas-threads") && i + 1 < argc) {
      blas_list.clear();
      for (char* tok = std::strtok(argv[++i], ","); tok; tok = std::strtok(nullptr, ",")) blas_list.push_back(std::atoi(tok));
    }
  }
  threads = configure_cpu_runtime(threads);
  const torch::Device device = resolve_device(device_name);  // InputError: no such device
  const bool cuda = device.is_cuda();
  auto sync = [&] {
    if (cuda) torch::cuda::synchronize();
  };
  if (train_batch < 1) {
    std::fprintf(stderr, "bench_model: --batch %d must be >= 1\n", train_batch);
    return 2;
  }
  ModelConfig cpu_model;  // the defaults: base 32, mults (1, 2, 2), attention at level 3 and mid
  ModelConfig paper_model;
  paper_model.base_width = 64;
  paper_model.channel_mults = {1, 2, 4};
  paper_model.attention_levels = {2, 3};
  paper_model.cond_dim = 128;
  std::vector<Setting> settings;
  for (const auto& [name, cfg] : {std::pair<std::string, ModelConfig>{"default", cpu_model}, {"paper", paper_model}})
    for (int N : sizes)
      for (bool bf16 : {false, true})
        for (bool cl : {false, true})
          for (int blas : blas_list)
            if (std::find(models.begin(), models.end(), name) != models.end())
              settings.push_back({name, cfg, N, bf16, cl, blas});
  std::printf("device %s, threads %d, train batch %d\n", device.str().c_str(), threads, train_batch);
  std::printf("%-8s %3s %-5s %-6s %4s %10s %12s %12s %12s %12s %9s%s\n", "model", "N", "dtype", "layout", "blas", "params",
              "train img/s", "train GF/s", "sample img/s", "sample GF/s", "max|err|",
              peak_tflops > 0 ? "   train %peak  sample %peak" : "");
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
    const int B = train_batch;
    auto x = torch::randn({B, 1, s.N, s.N}).to(device);
    auto t = torch::randint(1000, {B}, torch::kLong).to(device);
    auto cond = (torch::rand({B, 2}) * s.N).to(device);
    net->to(device);
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
      Bf16Autocast ac(s.bf16, device.type());
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
      const int SB = 2 * B;
      auto xs = torch::randn({SB, 1, s.N, s.N}).to(device);
      if (s.channels_last) xs = xs.contiguous(at::MemoryFormat::ChannelsLast);
      auto ts = torch::randint(1000, {SB}, torch::kLong).to(device);
      auto cs = (torch::rand({SB, 2}) * s.N).to(device);
      Bf16Autocast ac(s.bf16, device.type());
      net->forward(xs, ts, cs);  // warm-up
      sync();
      const int reps = quick ? 2 : (cuda ? 20 : 5);
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < reps; ++i) net->forward(xs, ts, cs);
      sync();
      sample_rate = static_cast<double>(SB) * reps / seconds_since(t0);
    }
    // Training: forward + backward + AdamW step on batch 128.
    double train_rate;
    {
      net->train();
      torch::optim::AdamW opt(net->parameters(), torch::optim::AdamWOptions(1e-4));
      auto step = [&] {
        torch::Tensor loss;
        {
          Bf16Autocast ac(s.bf16, device.type());
          loss = (net->forward(x, t, cond).to(torch::kFloat32) - x).pow(2).mean();
        }
        opt.zero_grad();
        loss.backward();
        opt.step();
      };
      step();  // warm-up
      sync();
      const int reps = quick ? 2 : (cuda ? 20 : 5);
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < reps; ++i) step();
      sync();
      train_rate = static_cast<double>(B) * reps / seconds_since(t0);
    }
    const double train_gflops = 3 * 2 * macs * train_rate / 1e9, sample_gflops = 2 * macs * sample_rate / 1e9;
    std::printf("%-8s %3d %-5s %-6s %4d %10lld %12.1f %12.2f %12.1f %12.2f %9.2g", s.model.c_str(), s.N,
                s.bf16 ? "bf16" : "fp32", s.channels_last ? "cl" : "nchw", s.blas_threads, static_cast<long long>(net->parameter_count()),
                train_rate, train_gflops, sample_rate, sample_gflops, err);
    if (peak_tflops > 0)
      std::printf(" %13.2f %13.2f", 100 * train_gflops / (peak_tflops * 1e3), 100 * sample_gflops / (peak_tflops * 1e3));
    std::printf("\n");
    std::fflush(stdout);
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_model: %s\n", e.what());
  return 2;
}
