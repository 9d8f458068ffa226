// factorlab/experiments/eval_stage.cpp — see eval_stage.h.
#include "factorlab/experiments/eval_stage.h"

#include <memory>

#include "factorlab/core/folder_lock.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/run_files.h"
#include "factorlab/data/dataset_io.h"
#include "factorlab/eval/eval_grid.h"
#include "factorlab/eval/evaluate.h"
#include "factorlab/eval/novelty.h"
#include "factorlab/experiments/model_setup.h"
#include "factorlab/experiments/run_denoiser.h"
#include "factorlab/train/runtime.h"

namespace factorlab {

std::string run_eval_stage(const std::string& run_dir, const std::string& checkpoint, const EvalConfig& config,
                           const std::string& out_dir, DenoiserChoice choice, const OptimalConfig& optimal) {
  config.validate();
  const torch::Device device = open_run(run_dir).device;
  const RunDenoiser d = load_run_denoiser(run_dir, checkpoint, choice, optimal, device);
  // The training set: the one the optimal denoiser memorizes, else read here (read once either way).
  const std::shared_ptr<const Dataset> training =
      d.dataset ? d.dataset : std::make_shared<const Dataset>(load_dataset(in_folder(run_dir, kDataset)));
  const Dataset& dataset = *training;
  // One writer per folder (core/folder_lock.h), taken once the inputs are known good; inside `run`
  // it shares the run's own hold. An output folder inside the run (RUN/standalone/...) takes the run's lock.
  const FolderLock lock = lock_output(out_dir, run_dir);
  const EvalOutcome e = evaluate_denoiser(d.denoiser, d.config.diffusion, d.config.data, dataset, config, device);
  // Is each sample new, or a training image of another condition? (eval/novelty.h)
  const NoveltyReport novelty = measure_novelty(e.conditions, e.samples, dataset.images, config.copy_ratio);
  const int N = d.config.data.N;
  const auto M = e.conditions.size();
  Json j = e.report.to_json(true);
  const Json what = d.describe();  // a named object: items() of a temporary would dangle
  for (const auto& [k, v] : what.items()) j[k] = v;
  j["novelty"] = novelty.to_json(true);
  write_json(in_folder(out_dir, kEvalJson), j);
  const std::string table = e.report.format_table() + "\n" + novelty.format_table();
  write_file_atomic(in_folder(out_dir, kEvalTxt), table);
  write_npy(out_dir + "/eval_samples.npy", NpyArray::from_f32({M, N, N}, e.samples.data()));
  write_npy(out_dir + "/eval_conditions.npy", NpyArray::from_f32({M, 2}, e.conditions.labels.data()));
  write_eval_grid_png(out_dir + "/samples_eval.png", e.samples, e.conditions.labels, e.report.samples, N, 64);
  log_info("eval: ", M, " samples from ",
           d.checkpoint.empty() ? std::string("the optimal denoiser of the training set")
                                : "step " + std::to_string(d.step),
           " scored; wrote ", in_folder(out_dir, kEvalJson), " and samples_eval.png");
  return table;
}

EvalHook training_eval_hook(const RunConfig& config, const Dataset& dataset, const torch::Device& device) {
  return [config, &dataset, device](std::int64_t, UNet& model) {
    const bool bf16 = uses_bf16(config.train.precision, device.is_cuda());
    const EvalOutcome e = evaluate_model(model, config.diffusion, config.data, dataset, config.eval, device, bf16,
                                         config.eval.max_conditions);
    Json summary = Json::object();
    for (const auto& g : e.report.groups)
      summary[g.name] = {{"count", g.count},
                         {"x_accuracy", g.x_accuracy},
                         {"y_accuracy", g.y_accuracy},
                         {"joint_accuracy", g.joint_accuracy},
                         {"not_gaussian_rate", g.not_gaussian_rate}};
    HookResult r;
    r.logged = std::move(summary);
    const auto* all = e.report.group("all");
    if (all) {
      log_info("eval during training: joint accuracy ", all->joint_accuracy, " on ", all->count, " samples");
      r.accuracy = all->joint_accuracy;
    }
    return r;
  };
}

}  // namespace factorlab
