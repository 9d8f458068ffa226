// factorlab/train/trainer.cpp — see trainer.h.
#include "factorlab/train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/interrupt.h"
#include "factorlab/core/log.h"
#include "factorlab/core/progress.h"
#include "factorlab/core/rng.h"
#include "factorlab/core/run_files.h"
#include "factorlab/model/precision.h"
#include "factorlab/train/checkpoint.h"

namespace factorlab {

namespace fs = std::filesystem;

std::string checkpoint_path(const std::string& run_dir, std::int64_t step) {
  char name[64];
  std::snprintf(name, sizeof name, "/checkpoints/step_%08lld.ckpt", static_cast<long long>(step));
  return run_dir + name;
}

std::vector<std::string> all_checkpoints(const std::string& run_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(run_dir + "/checkpoints", ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("step_", 0) == 0 && name.size() == 18 && name.substr(13) == ".ckpt") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());  // zero-padded names sort by step
  return out;
}

std::string latest_checkpoint(const std::string& run_dir) {
  const auto all = all_checkpoints(run_dir);
  return all.empty() ? "" : all.back();
}

std::string newest_intact_checkpoint(const std::string& run_dir) {
  const auto all = all_checkpoints(run_dir);
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    try {
      read_checkpoint_header(*it);  // checks the whole file's checksum
      if (it != all.rbegin()) log_warn("train: falling back to ", *it, ", the newest intact checkpoint");
      return *it;
    } catch (const InputError& e) {
      log_warn("train: skipping a checkpoint: ", e.what());
    }
  }
  if (!all.empty()) log_warn("train: no intact checkpoint in ", run_dir, "/checkpoints; training starts from step 0");
  return "";
}

namespace {
// Per-step generator: a pure function of (seed, step), so resuming needs no RNG state.
at::Generator step_generator(std::int64_t seed, std::int64_t step) {
  Rng r = Rng::derive(static_cast<std::uint64_t>(seed), "train-step", static_cast<std::uint64_t>(step));
  return at::detail::createCPUGenerator(r.next_u64());
}

// Evaluations in a row, at the end of `rows`, whose eval_accuracy is >= target (0 when target <= 0).
int held_evaluations(const std::vector<Json>& rows, double target) {
  if (target <= 0) return 0;
  int held = 0;
  for (const Json& row : rows) {
    if (!row.contains("eval_accuracy")) continue;
    const double a = row["eval_accuracy"].get<double>();
    held = a >= target ? held + 1 : 0;
  }
  return held;
}

}  // namespace

Trainer::Trainer(TrainInputs inputs, const Dataset& data)
    : in_(std::move(inputs)), schedule_(make_schedule(in_.diffusion)), device_(in_.device) {
  in_.train.validate();
  torch::manual_seed(static_cast<std::uint64_t>(in_.train.seed));  // weight initialisation
  model_ = UNet(in_.model, in_.geometry);
  n_ = data.size();
  const int N = data.N;
  if (N != in_.geometry.N) throw InputError("dataset has N = " + std::to_string(N) + " but the model was built for N = " +
                                            std::to_string(in_.geometry.N));
  images_ = (torch::from_blob(const_cast<float*>(data.images.data()), {n_, 1, N, N}, torch::kFloat32).clone() * 2 - 1)
                .to(device_);
  labels_ = torch::from_blob(const_cast<float*>(data.labels.data()), {n_, 2}, torch::kFloat32).clone().to(device_);
  if (in_.train.channels_last) {
    to_channels_last(*model_);
    images_ = images_.contiguous(at::MemoryFormat::ChannelsLast);
  }
  model_->to(device_);
  if (in_.train.ema_decay > 0) {
    ema_ = UNet(in_.model, in_.geometry);
    ema_->to(device_);
    torch::NoGradGuard g;
    auto src = model_->parameters(), dst = ema_->parameters();
    for (std::size_t i = 0; i < src.size(); ++i) dst[i].set_data(src[i].detach().clone());
    ema_->eval();
  }
  opt_ = std::make_unique<torch::optim::AdamW>(
      model_->parameters(), torch::optim::AdamWOptions(in_.train.lr).weight_decay(in_.train.weight_decay));
}

torch::Tensor Trainer::batch_indices(std::int64_t step) const {
  const std::int64_t B = in_.train.batch_size, per_epoch = (n_ + B - 1) / B;
  const std::int64_t epoch = step / per_epoch, k = step % per_epoch;
  Rng rng = Rng::derive(static_cast<std::uint64_t>(in_.train.seed), "epoch", static_cast<std::uint64_t>(epoch));
  std::vector<std::int64_t> perm(static_cast<std::size_t>(n_));
  for (std::int64_t i = 0; i < n_; ++i) perm[static_cast<std::size_t>(i)] = i;
  rng.shuffle(perm);
  const std::int64_t lo = k * B, hi = std::min(n_, lo + B);
  return torch::tensor(std::vector<std::int64_t>(perm.begin() + lo, perm.begin() + hi), torch::kLong);
}

void Trainer::update_ema() {
  if (!ema_) return;
  // Warm-up of the decay (as in many DDPM codebases) so early samples are not stuck at init.
  const double d = std::min(in_.train.ema_decay, (1.0 + step_) / (10.0 + step_));
  torch::NoGradGuard g;
  auto src = model_->parameters(), dst = ema_->parameters();
  for (std::size_t i = 0; i < src.size(); ++i) dst[i].mul_(d).add_(src[i].detach(), 1.0 - d);
}

double Trainer::one_step(double* quartile_loss, std::int64_t* quartile_count) {
  model_->train();
  const auto idx = batch_indices(step_).to(device_);
  auto x_start = images_.index_select(0, idx);
  auto cond = labels_.index_select(0, idx);
  const std::int64_t b = idx.size(0);
  at::Generator gen = step_generator(in_.train.seed, step_);
  auto t = at::randint(schedule_.T, {b}, gen, torch::kLong);
  auto noise = at::randn({b, 1, in_.geometry.N, in_.geometry.N}, gen, torch::kFloat32).to(device_);
  if (in_.train.channels_last) noise = noise.contiguous(at::MemoryFormat::ChannelsLast);
  if (in_.model.dropout > 0) torch::manual_seed(gen.current_seed());
  // Warm-up: lr rises linearly over the first `warmup` steps.
  const double lr = in_.train.lr * std::min(1.0, (step_ + 1.0) / std::max(1, in_.train.warmup));
  for (auto& group : opt_->param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
  torch::Tensor per_example;
  {
    Bf16Autocast ac(uses_bf16(in_.train.precision, device_.is_cuda()), device_.type());
    Denoiser den = [&](const torch::Tensor& x, const torch::Tensor& tt, const torch::Tensor& c) {
      return model_->forward(x, tt, c);
    };
    const torch::Tensor weights =
        in_.train.foreground_weight > 0 ? foreground_weights(x_start, in_.train.foreground_weight) : torch::Tensor();
    per_example = eps_mse(schedule_, den, x_start, cond, t.to(device_), noise, weights);
  }
  auto loss = per_example.mean();
  const double value = loss.item<double>();
  if (!std::isfinite(value)) {
    if (!in_.train.skip_nonfinite) {
      const std::string last = "the last good checkpoint is kept";
      throw std::runtime_error("training loss became " + std::to_string(value) + " at step " + std::to_string(step_) +
                               "; " + last + " (set train.skip_nonfinite = true to skip such batches)");
    }
    ++skipped_;
    opt_->zero_grad();
    ++step_;
    return value;
  }
  opt_->zero_grad();
  loss.backward();
  if (in_.train.grad_clip > 0) torch::nn::utils::clip_grad_norm_(model_->parameters(), in_.train.grad_clip);
  opt_->step();
  ++step_;
  update_ema();
  if (quartile_loss) {
    auto pe = per_example.detach().to(torch::kCPU).to(torch::kFloat64);
    auto tc = t.to(torch::kCPU);
    const auto* pv = pe.data_ptr<double>();
    const auto* tv = tc.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < b; ++i) {
      const int q = static_cast<int>(std::min<std::int64_t>(3, tv[i] * 4 / schedule_.T));
      quartile_loss[q] += pv[i];
      ++quartile_count[q];
    }
  }
  return value;
}

double Trainer::train_steps(std::int64_t k) {
  double last = 0;
  for (std::int64_t i = 0; i < k; ++i) last = one_step(nullptr, nullptr);
  return last;
}

void Trainer::save(const std::string& path) const {
  torch::serialize::OutputArchive archive, m, e, o;
  model_->save(m);
  archive.write("model", m);
  if (ema_) {
    ema_->save(e);
    archive.write("ema", e);
  }
  opt_->save(o);
  archive.write("optimizer", o);
  archive.write("skipped", torch::tensor(static_cast<std::int64_t>(skipped_)));
  CheckpointHeader h;
  h.step = static_cast<std::uint64_t>(step_);
  h.config_toml = in_.config_toml;
  h.identity = in_.identity;
  save_checkpoint(path, h, archive);
}

void Trainer::load(const std::string& path) {
  const CheckpointHeader peek = read_checkpoint_header(path);
  if (peek.identity != in_.identity)
    throw InputError("checkpoint '" + path + "' belongs to a run with a different config (model, diffusion, data or "
                     "training recipe); resume needs the same config (to train this config from scratch, use another "
                     "--out or remove '" + std::filesystem::path(path).parent_path().string() + "')");
  torch::serialize::InputArchive archive, m, e, o;
  const CheckpointHeader h = load_checkpoint(path, archive);
  archive.read("model", m);
  model_->load(m);
  if (ema_) {
    archive.read("ema", e);
    ema_->load(e);
  }
  archive.read("optimizer", o);
  opt_->load(o);
  torch::Tensor skipped;
  archive.read("skipped", skipped);
  skipped_ = skipped.item<std::int64_t>();
  step_ = static_cast<std::int64_t>(h.step);
  if (in_.train.channels_last) {
    to_channels_last(*model_);
    if (ema_) to_channels_last(*ema_);
  }
}

std::uint64_t checkpoint_bytes_estimate(std::int64_t parameters, bool ema, std::size_t config_bytes) {
  // fp32 weights, AdamW's two moments, the EMA copy; plus the header and the archive's zip overhead.
  const std::uint64_t copies = ema ? 4 : 3;
  return copies * static_cast<std::uint64_t>(parameters) * 4 + 2 * config_bytes + (512u << 10);
}

std::uint64_t Trainer::disk_bytes_needed() const {
  const std::int64_t total = in_.train.total_steps(n_), every = in_.train.checkpoint_every;
  std::int64_t params = 0;
  for (const auto& p : model_->parameters()) params += p.numel();
  // Checkpoints still to be written: every multiple of checkpoint_every in (step, total], and the end.
  std::int64_t count = total / every - step_ / every;
  if (total % every != 0 && total > step_) ++count;
  const std::uint64_t metrics = static_cast<std::uint64_t>(total / in_.train.log_every + 1) * 4096;
  return static_cast<std::uint64_t>(count) *
             checkpoint_bytes_estimate(params, static_cast<bool>(ema_), in_.config_toml.size() + in_.identity.size()) +
         metrics + (16u << 20);
}

TrainResult Trainer::run(const std::string& run_dir, bool resume, const EvalHook& hook) {
  const std::int64_t total = in_.train.total_steps(n_);
  const std::string metrics = in_folder(run_dir, kMetrics);
  make_dirs(run_dir + "/checkpoints");
  // Temporaries of a killed earlier process: never outputs (no reader looks at them), cleared here.
  const int stale = remove_stale_temp_files(run_dir) + remove_stale_temp_files(run_dir + "/checkpoints");
  if (stale > 0) log_info("train: removed ", stale, " temporary file(s) left by an interrupted run in ", run_dir);
  const std::string last = resume ? newest_intact_checkpoint(run_dir) : latest_checkpoint(run_dir);
  if (resume && !last.empty()) {
    load(last);
    log_info("train: resumed from ", last, " at step ", step_);
  } else if (!resume && !last.empty()) {
    throw InputError("run folder '" + run_dir + "' already has checkpoints (latest: " + last +
                     "); continue it with --resume, or train into a new --out folder");
  }
  int held = 0;  // evaluations in a row at or above train.stop_at_accuracy, counted from the metrics kept
  // Each step's metrics row appears once: drop rows logged after the checkpoint we start from (a
  // killed run logs up to checkpoint_every - 1 steps past its last checkpoint), and a torn last line.
  if (file_exists(metrics)) {
    std::vector<Json> kept;
    JsonlTail tail;
    for (Json& row : read_jsonl(metrics, &tail))
      if (row.value("step", std::int64_t{0}) <= step_) kept.push_back(std::move(row));
    if (tail.torn) log_info("train: dropped a torn last line of ", metrics, " (", tail.bytes, " bytes)");
    write_file_atomic(metrics, to_jsonl(kept));
    held = held_evaluations(kept, in_.train.stop_at_accuracy);
  }
  require_free_space(run_dir, disk_bytes_needed(), "the checkpoints and metrics of this run");
  TrainResult r;
  const std::int64_t start = step_;
  Progress bar("train", total - start, "step");
  const auto t0 = std::chrono::steady_clock::now();
  auto interval_t0 = t0;
  double loss_sum = 0, ql[4] = {0, 0, 0, 0};
  std::int64_t loss_n = 0, qn[4] = {0, 0, 0, 0}, images = 0, interval_images = 0;
  const bool stop_rule = in_.train.stop_at_accuracy > 0;
  bool stopped = stop_rule && held >= in_.train.stop_patience;  // a resumed run that had already stopped
  while (step_ < total && !stopped) {
    if (interrupt_requested()) {
      const std::string path = checkpoint_path(run_dir, step_);
      if (step_ > start) save(path);
      throw Interrupted("interrupted at step " + std::to_string(step_) +
                        (step_ > start ? "; checkpoint saved to " + path : ""));
    }
    const double loss = one_step(ql, qn);
    const std::int64_t b = std::min<std::int64_t>(in_.train.batch_size, n_);
    images += b;
    interval_images += b;
    if (std::isfinite(loss)) loss_sum += loss, ++loss_n;
    r.last_loss = loss;
    char note[64];
    std::snprintf(note, sizeof note, "loss %.4f", loss);
    bar.advance(1, note);
    const bool at_end = step_ == total;
    if (step_ % in_.train.log_every == 0 || at_end) {
      const auto now = std::chrono::steady_clock::now();
      const double dt = std::chrono::duration<double>(now - interval_t0).count();
      Json row{{"step", step_},
               {"loss", loss_n ? loss_sum / static_cast<double>(loss_n) : NAN},
               {"images_per_s", dt > 0 ? static_cast<double>(interval_images) / dt : 0.0},
               {"elapsed_s", std::chrono::duration<double>(now - t0).count()}};
      Json q = Json::array();
      for (int i = 0; i < 4; ++i) q.push_back(qn[i] ? ql[i] / static_cast<double>(qn[i]) : NAN);
      row["loss_by_t_quartile"] = q;
      if (skipped_) row["skipped_batches"] = skipped_;
      if (hook && in_.train.eval_every > 0 && (step_ % in_.train.eval_every == 0 || at_end)) {
        const HookResult e = hook(step_, sampling_model());
        row["eval"] = e.logged;
        if (std::isfinite(e.accuracy)) row["eval_accuracy"] = e.accuracy;
        if (stop_rule) {
          held = std::isfinite(e.accuracy) && e.accuracy >= in_.train.stop_at_accuracy ? held + 1 : 0;
          if (held >= in_.train.stop_patience && !at_end) {
            stopped = true;
            char target[32];
            std::snprintf(target, sizeof target, "%g", in_.train.stop_at_accuracy);
            row["stopped"] = std::string("joint accuracy >= ") + target + " on " +
                             std::to_string(held) + " evaluation(s) in a row (train.stop_at_accuracy)";
            log_info("train: stopping at step ", step_, ": ", row["stopped"].get<std::string>());
          }
        }
      }
      append_jsonl(metrics, row);
      loss_sum = 0, loss_n = 0, interval_images = 0;
      for (int i = 0; i < 4; ++i) ql[i] = 0, qn[i] = 0;
      interval_t0 = std::chrono::steady_clock::now();
    }
    if (step_ % in_.train.checkpoint_every == 0 || at_end || stopped) {
      try {
        save(checkpoint_path(run_dir, step_));
      } catch (const std::runtime_error& e) {
        if (dynamic_cast<const InputError*>(&e)) throw;
        // e.g. the disk filled up during the run: say what is kept and how to go on.
        const std::string kept = latest_checkpoint(run_dir);
        throw TrainingStopped(std::string(e.what()) + "; training stopped at step " + std::to_string(step_) +
                              (kept.empty() ? "" : ", the last good checkpoint is " + kept));
      }
    }
  }
  bar.finish();
  r.stopped_early = stopped;
  r.steps = step_;
  r.new_steps = step_ - start;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.images_per_s = r.seconds > 0 ? static_cast<double>(images) / r.seconds : 0;
  r.skipped_batches = skipped_;
  return r;
}

void load_sampling_weights(const std::string& path, UNet& model) {
  torch::serialize::InputArchive archive, m;
  load_checkpoint(path, archive);
  if (!archive.try_read("ema", m)) archive.read("model", m);
  model->load(m);
}

}  // namespace factorlab
