// factorlab/experiments/train_stage.cpp — see train_stage.h.
#include "factorlab/experiments/train_stage.h"

#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"
#include "factorlab/core/log.h"
#include "factorlab/core/run_files.h"
#include "factorlab/data/dataset_io.h"
#include "factorlab/experiments/data_stage.h"
#include "factorlab/experiments/eval_stage.h"
#include "factorlab/experiments/model_setup.h"
#include "factorlab/sample/generate.h"
#include "factorlab/train/runtime.h"

namespace factorlab {

TrainResult run_train_stage(const RunConfig& config, const std::string& run_dir, bool resume, const EvalHook& hook) {
  const OpenRun run = open_run(config);
  const int threads = run.threads;
  const torch::Device device = run.device;
  const std::string data_path = in_folder(run_dir, kDataset);
  Dataset data = file_exists(data_path) ? load_dataset(data_path) : run_data_stage(config.data, run_dir);
  Trainer trainer(train_inputs(config, device.str()), data);
  log_info("train: ", trainer.model()->parameter_count(), " parameters, ", data.size(), " examples, ",
           config.train.total_steps(data.size()), " steps of batch ", config.train.batch_size, " on ", device.str(),
           " (", threads, " threads, ",
           uses_bf16(config.train.precision, device.is_cuda()) ? "bf16" : "fp32", " autocast",
           config.train.precision == Precision::Auto ? ", precision auto" : "", ")");
  if (config.train.precision == Precision::Bf16 && !device.is_cuda() && !cpu_has_native_bf16())
    log_warn("train: precision bf16 on a CPU without native bf16 (no AVX512-BF16 or AMX): oneDNN emulates it, "
             "about 10x slower than fp32; precision = \"auto\" picks fp32 here");
  const TrainResult r =
      trainer.run(run_dir, resume, hook ? hook : (config.train.eval_every > 0 ? training_eval_hook(config, data, device) : EvalHook{}));
  write_json(run_dir + "/train.json", Json{{"steps", r.steps},
                                           {"new_steps", r.new_steps},
                                           {"seconds", r.seconds},
                                           {"images_per_s", r.images_per_s},
                                           {"last_loss", r.last_loss},
                                           {"skipped_batches", r.skipped_batches},
                                           {"stopped_early", r.stopped_early},
                                           {"parameters", trainer.model()->parameter_count()},
                                           {"threads", threads},
                                           {"device", device.str()},
                                           {"bf16", uses_bf16(config.train.precision, device.is_cuda())}});
  log_info("train: ", r.new_steps, " steps in ", r.seconds, " s (", r.images_per_s, " images/s), last loss ", r.last_loss);
  return r;
}

}  // namespace factorlab
