// factorlab/train/trainer.h — the training loop (docs/design.md 4): epsilon-prediction MSE, AdamW
// with linear warm-up, gradient clipping, EMA of the weights, shuffled epochs, checkpoints and
// exact resume, metrics.jsonl, and a hook for periodic evaluation.
// Determinism: the batch order of step k is a seeded shuffle of epoch k / batches_per_epoch, and
// the timesteps and noise of step k come from a generator seeded with (seed, k). A run stopped
// after K steps and resumed gives bit-identical weights to an uninterrupted run on the same CPU
// and thread count. Deliberately not here: the network's definition or the sampler's math.
#pragma once
#include <torch/torch.h>

#include <functional>
#include <limits>
#include <optional>
#include <string>

#include "factorlab/core/json.h"
#include "factorlab/data/dataset.h"
#include "factorlab/diffusion/gaussian_diffusion.h"
#include "factorlab/model/unet.h"
#include "factorlab/train/train_config.h"

namespace factorlab {

struct TrainInputs {
  ModelConfig model;
  ModelGeometry geometry;
  DiffusionConfig diffusion;
  TrainConfig train;
  std::string config_toml;  // stored in every checkpoint
  std::string identity;     // a resumed run must match it
  std::string device = "cpu";
};

// What a training-time evaluation gives back: `logged` goes under "eval" in metrics.jsonl, and
// `accuracy` (the joint placement accuracy; NaN when not measured) is logged as "eval_accuracy"
// and is what train.stop_at_accuracy reads.
struct HookResult {
  Json logged = Json::object();
  double accuracy = std::numeric_limits<double>::quiet_NaN();
};
// Called every train.eval_every steps with the model used for sampling (EMA when on).
using EvalHook = std::function<HookResult(std::int64_t step, UNet& model)>;

struct TrainResult {
  std::int64_t steps = 0;       // total steps done (including before a resume)
  std::int64_t new_steps = 0;   // steps done in this call
  double seconds = 0;           // wall time of this call
  double images_per_s = 0;
  double last_loss = 0;
  std::int64_t skipped_batches = 0;
  bool stopped_early = false;   // train.stop_at_accuracy was reached before the last step
};

// The folder and file names a run uses.
std::string checkpoint_path(const std::string& run_dir, std::int64_t step);
// Highest-step checkpoint in run_dir/checkpoints, or "" when there is none.
std::string latest_checkpoint(const std::string& run_dir);
std::vector<std::string> all_checkpoints(const std::string& run_dir);  // ascending by step
// Highest-step checkpoint whose checksum and header check out (checkpoint.h), or "" when none does;
// each one skipped is logged as a warning naming it and why.
std::string newest_intact_checkpoint(const std::string& run_dir);

class Trainer {
 public:
  Trainer(TrainInputs inputs, const Dataset& data);
  // Trains up to the configured number of steps (or until train.stop_at_accuracy holds: then a
  // checkpoint is written at that step and the run ends), writing checkpoints and metrics into run_dir.
  // With resume, continues from the newest intact checkpoint there (its identity must match; corrupt
  // newer ones are skipped with a warning, and rewritten when training passes their step); without,
  // a run_dir that already holds checkpoints is an InputError (nothing is overwritten). Before the
  // first step: stale temporaries of a killed run are removed, metrics.jsonl keeps only the rows up
  // to the starting step, and the free disk space is checked (InputError when too little).
  TrainResult run(const std::string& run_dir, bool resume, const EvalHook& hook = {});
  // Runs exactly k steps from the current state, writing nothing (tests, benchmarks).
  double train_steps(std::int64_t k);

  // Disk space the rest of run() will use (checkpoints still to write, metrics, a margin); run()
  // checks it against the free space of the run folder before the first step.
  std::uint64_t disk_bytes_needed() const;

  void save(const std::string& path) const;
  void load(const std::string& path);  // checks the identity
  std::int64_t step() const { return step_; }
  UNet& model() { return model_; }
  UNet& sampling_model() { return ema_ ? ema_ : model_; }
  const TrainInputs& inputs() const { return in_; }

 private:
  torch::Tensor batch_indices(std::int64_t step) const;
  double one_step(double* quartile_loss, std::int64_t* quartile_count);
  void update_ema();

  TrainInputs in_;
  Schedule schedule_;
  torch::Device device_;
  torch::Tensor images_;  // [n, 1, N, N] in [-1, 1]
  torch::Tensor labels_;  // [n, 2]
  std::int64_t n_ = 0, step_ = 0, skipped_ = 0;
  UNet model_{nullptr}, ema_{nullptr};
  std::unique_ptr<torch::optim::AdamW> opt_;
};

// Bytes of one checkpoint file of a model with `parameters` weights (with or without EMA), for
// free-space checks before long stages: require_free_space(dir, k * checkpoint_bytes_estimate(...)).
std::uint64_t checkpoint_bytes_estimate(std::int64_t parameters, bool ema, std::size_t config_bytes);

// Loads the sampling model (EMA when the run had one) of a checkpoint: weights only.
void load_sampling_weights(const std::string& path, UNet& model);

}  // namespace factorlab
