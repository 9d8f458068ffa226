// factorlab/probe/probe_torch.cpp — see probe.h. Built only with LibTorch.
#include "factorlab/probe/probe.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <utility>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/progress.h"
#include "factorlab/core/rng.h"

namespace factorlab {

torch::Tensor probe_noise(int N, std::int64_t seed, int k) {
  Rng r = Rng::derive(static_cast<std::uint64_t>(seed), "probe-noise", static_cast<std::uint64_t>(k));
  at::Generator gen = at::detail::createCPUGenerator(r.next_u64());
  return torch::randn({1, 1, N, N}, gen, torch::kFloat32);
}

std::vector<ProbeResult> probe_blocks(UNet& model, const ProbeConfig& config, const std::vector<ProbeLayer>& layers,
                                      int N, bool periodic, int T, const torch::Device& device) {
  config.validate();
  require(!layers.empty(), "probe: no blocks to probe");
  require(N == model->geometry().N, "probe: N = " + std::to_string(N) + " but the model was built for N = " +
                                        std::to_string(model->geometry().N));
  ProbeResult base;
  base.t = config.resolved_t(T);
  base.grid = config.resolved_grid(N);
  base.seeds = config.seeds;
  base.seed = config.seed;
  base.N = N;
  base.periodic = periodic;
  base.labels = probe_grid_labels(N, base.grid, periodic);
  const std::int64_t M = base.labels.rows();
  std::vector<ProbeResult> results(layers.size(), base);
  Capture capture;
  for (std::size_t b = 0; b < layers.size(); ++b) {
    results[b].layer = enum_name(layers[b], kProbeLayerNames);
    capture.names.insert(results[b].layer);
  }

  torch::NoGradGuard no_grad;
  model->eval();
  std::vector<float> label_f(static_cast<std::size_t>(M) * 2);
  for (Eigen::Index i = 0; i < base.labels.size(); ++i)
    label_f[static_cast<std::size_t>(i)] = static_cast<float>(base.labels.data()[i]);
  const torch::Tensor cond_all = torch::from_blob(label_f.data(), {M, 2}, torch::kFloat32).clone();  // [M, 2]

  const auto t0 = std::chrono::steady_clock::now();
  Progress bar("probe " + (layers.size() == 1 ? results[0].layer : std::to_string(layers.size()) + " blocks"),
               M * config.seeds, "cond");
  for (int k = 0; k < config.seeds; ++k) {
    const torch::Tensor noise = probe_noise(N, config.seed, k).to(device);  // [1, 1, N, N]
    for (std::int64_t start = 0; start < M; start += config.batch_size) {
      const std::int64_t B = std::min<std::int64_t>(config.batch_size, M - start);
      const torch::Tensor x_t = noise.expand({B, 1, N, N});                                // [B, 1, N, N]
      const torch::Tensor t = torch::full({B}, static_cast<std::int64_t>(base.t), torch::kLong).to(device);  // [B]
      const torch::Tensor cond = cond_all.narrow(0, start, B).to(device);                 // [B, 2]
      capture.tensors.clear();
      model->forward(x_t, t, cond, &capture);
      for (ProbeResult& r : results) {
        const torch::Tensor h = capture.tensors.at(r.layer);                               // [B, C, H, W]
        if (r.reps.size() == 0) {
          r.block_shape = {h.size(1), h.size(2), h.size(3)};
          r.reps = Points::Zero(M, h.size(1) * h.size(2) * h.size(3));
        }
        // float32 -> double on the CPU, then summed over the seeds (the mean is taken at the end).
        const torch::Tensor flat = h.reshape({B, -1}).to(torch::kCPU, torch::kFloat64).contiguous();  // [B, F]
        r.reps.middleRows(start, B) +=
            Eigen::Map<const Points>(flat.data_ptr<double>(), B, static_cast<Eigen::Index>(flat.size(1)));
      }
      bar.advance(B);
    }
  }
  bar.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (ProbeResult& r : results) {
    if (config.seeds > 1) r.reps /= static_cast<double>(config.seeds);
    r.seconds = seconds;
  }
  return results;
}

ProbeResult probe_representations(UNet& model, const ProbeConfig& config, int N, bool periodic, int T,
                                  const torch::Device& device) {
  return std::move(probe_blocks(model, config, {config.layer}, N, periodic, T, device).front());
}

Json to_json(const ProbeResult& r) {
  return Json{{"layer", r.layer},
              {"t", r.t},
              {"grid", r.grid},
              {"seeds", r.seeds},
              {"seed", r.seed},
              {"N", r.N},
              {"periodic", r.periodic},
              {"conditions", r.reps.rows()},
              {"features", r.reps.cols()},
              {"block_shape", r.block_shape},
              {"seconds", r.seconds},
              {"conditions_per_s", r.seconds > 0 ? static_cast<double>(r.reps.rows()) * r.seeds / r.seconds : 0.0}};
}

void write_probe(const std::string& out_dir, const ProbeResult& r, const Json& extra) {
  make_dirs(out_dir);
  write_npy(out_dir + "/reps.npy", points_to_npy(r.reps));
  write_npy(out_dir + "/labels.npy", points_to_npy(r.labels));
  Json j = to_json(r);
  for (const auto& [k, v] : extra.items()) j[k] = v;
  write_json(out_dir + "/probe.json", j);
}

}  // namespace factorlab
