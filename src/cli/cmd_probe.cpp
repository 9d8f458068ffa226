// factorlab/cli/cmd_probe.cpp — `factorlab probe RUN [--checkpoint ...] [--layer mid] [--t 500]
// [--grid K] [--seeds S] [--seed n] [--batch-size B] [--out DIR]`: a trained run's representation,
// reps.npy [conditions, features], labels.npy [conditions, 2] and probe.json (default DIR =
// RUN/standalone/probe-<the options given>, never the run's own probe stage folder RUN/probe).
// Built only with LibTorch.
#include <CLI/CLI.hpp>

#include <memory>

#include "factorlab/cli/commands.h"
#include "factorlab/core/folder_lock.h"
#include "factorlab/core/log.h"
#include "factorlab/experiments/model_setup.h"
#include "factorlab/probe/probe.h"
#include "factorlab/train/runtime.h"
#include "standalone_out.h"

namespace factorlab::cli {

void add_probe_command(CLI::App& app) {
  struct Args {
    std::string run, checkpoint, out, layer = "mid";
    ProbeConfig probe;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "probe", "Capture a block's activations for a grid of conditions: reps.npy, labels.npy, probe.json");
  cmd->add_option("run", a->run, "run folder")->required();
  cmd->add_option("--checkpoint", a->checkpoint, "checkpoint file (default: the run's latest)");
  cmd->add_option("--layer", a->layer, "block: " + enum_choices(kProbeLayerNames))->capture_default_str();
  cmd->add_option("--t", a->probe.t, "timestep (0-based); -1: T/2")->capture_default_str();
  cmd->add_option("--grid", a->probe.grid, "conditions per axis; 0: N (every integer label on a torus)")
      ->capture_default_str();
  cmd->add_option("--seeds", a->probe.seeds, "noise images averaged")->capture_default_str();
  cmd->add_option("--seed", a->probe.seed, "first noise seed")->capture_default_str();
  cmd->add_option("--batch-size", a->probe.batch_size, "conditions per network call")->capture_default_str();
  cmd->add_option("--out", a->out, "output folder (default: RUN/standalone/probe-<the options given>)");
  cmd->callback([a, cmd] {
    ProbeConfig probe = a->probe;
    probe.layer = parse_enum("--layer", a->layer, kProbeLayerNames);
    probe.validate();
    const torch::Device device = open_run(a->run).device;
    LoadedModel m = load_model(a->run, a->checkpoint, device);
    const std::string out = standalone_out_dir(*cmd, a->run, a->out);
    const FolderLock lock = lock_output(out, a->run);
    const ProbeResult r = probe_representations(m.model, probe, m.config.data.N, m.model->geometry().periodic,
                                                m.config.diffusion.T, device);
    write_probe(out, r, Json{{"run", a->run}, {"checkpoint", m.checkpoint}, {"step", m.step}, {"device", device.str()}});
    log_info("probe: ", r.reps.rows(), " conditions x ", r.reps.cols(), " features of '", r.layer, "' at t = ", r.t,
             " in ", r.seconds, " s; wrote ", out, "/reps.npy");
    record_provenance(out);
  });
}

}  // namespace factorlab::cli
