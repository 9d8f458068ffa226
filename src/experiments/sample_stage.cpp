// factorlab/experiments/sample_stage.cpp — see sample_stage.h.
#include "factorlab/experiments/sample_stage.h"

#include <cmath>

#include "factorlab/core/folder_lock.h"
#include "factorlab/core/image.h"
#include "factorlab/core/log.h"
#include "factorlab/core/npy.h"
#include "factorlab/experiments/model_setup.h"
#include "factorlab/experiments/run_denoiser.h"
#include "factorlab/sample/generate.h"
#include "factorlab/train/runtime.h"

namespace factorlab {

void run_sample_stage(const std::string& run_dir, const std::string& checkpoint, const std::vector<float>& conditions,
                      const SampleStageConfig& sampling, const std::string& out_dir, DenoiserChoice choice) {
  sampling.validate();
  const OpenRun run = open_run(run_dir);
  const torch::Device device = run.device;
  const RunDenoiser d = load_run_denoiser(run_dir, checkpoint, choice, run.config.optimal, device);
  // One writer per folder (core/folder_lock.h), taken once the inputs are known good; inside `run`
  // it shares the run's own hold. An output folder inside the run (RUN/standalone/...) takes the run's lock.
  const FolderLock lock = lock_output(out_dir, run_dir);
  const int N = d.config.data.N;
  const auto M = static_cast<std::int64_t>(conditions.size() / 2);
  const Schedule schedule = make_schedule(d.config.diffusion);
  const std::vector<float> images = generate_images(d.denoiser, schedule, conditions, sampling.sampling, device, N);
  write_npy(out_dir + "/samples.npy", NpyArray::from_f32({M, N, N}, images.data()));
  write_npy(out_dir + "/sample_conditions.npy", NpyArray::from_f32({M, 2}, conditions.data()));
  GridLayout layout;
  layout.cols = std::max(1, static_cast<int>(std::lround(std::sqrt(static_cast<double>(M)))));
  layout.scale = std::max(2, 96 / N);
  RgbImage g = image_grid(images.data(), static_cast<int>(M), N, N, layout);
  for (int k = 0; k < M; ++k) mark_in_grid(g, k, N, N, layout, conditions[2 * k], conditions[2 * k + 1], Rgb{230, 40, 40});
  write_png(out_dir + "/samples.png", g);
  log_info("sample: ", M, " images from ",
           d.checkpoint.empty() ? std::string("the optimal denoiser of the training set")
                                : d.checkpoint + " (step " + std::to_string(d.step) + ")",
           " into ", out_dir, "/samples.npy");
}

std::vector<float> default_sample_conditions(const RunConfig& config) {
  return condition_grid(config.data.N, config.sample.grid, model_geometry(config.data).periodic);
}

}  // namespace factorlab
