// factorlab/cli/cmd_sample.cpp — `factorlab sample RUN [--conditions ...|--grid K] [--sampler ...]
// [--denoiser model|optimal] [--out DIR]`.
#include <CLI/CLI.hpp>

#include <memory>
#include <sstream>

#include "factorlab/cli/commands.h"
#include "factorlab/core/error.h"
#include "factorlab/experiments/model_setup.h"
#include "factorlab/experiments/sample_stage.h"
#include "factorlab/sample/generate.h"
#include "standalone_out.h"

namespace factorlab::cli {

namespace {
// "x,y;x,y;..." -> [M, 2]
std::vector<float> parse_conditions(const std::string& text) {
  std::vector<float> out;
  std::stringstream ss(text);
  for (std::string pair; std::getline(ss, pair, ';');) {
    const auto comma = pair.find(',');
    try {
      if (comma == std::string::npos) throw std::invalid_argument("no comma");
      std::size_t used = 0;
      const float x = std::stof(pair.substr(0, comma), &used);
      const float y = std::stof(pair.substr(comma + 1));
      out.push_back(x);
      out.push_back(y);
    } catch (const std::exception&) {
      throw InputError("--conditions: '" + pair + "' is not 'mu_x,mu_y' (use 'x,y;x,y;...')");
    }
  }
  if (out.empty()) throw InputError("--conditions is empty (use 'x,y;x,y;...')");
  return out;
}
}  // namespace

void add_sample_command(CLI::App& app) {
  struct Args {
    std::string run, checkpoint, conditions, out, denoiser = "model", sampler = "ddim";
    int grid = 0;
    SampleStageConfig s;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("sample", "Generate images from a trained run: samples.npy, sample_conditions.npy, samples.png");
  cmd->add_option("run", a->run, "run folder")->required();
  cmd->add_option("--checkpoint", a->checkpoint, "checkpoint file (default: the run's latest)");
  cmd->add_option("--conditions", a->conditions, "conditions as 'x,y;x,y;...' (default: the run's sample grid)");
  cmd->add_option("--grid", a->grid, "a K x K grid of conditions over the frame");
  cmd->add_option("--sampler", a->sampler, "ddim|ddpm")->capture_default_str();
  cmd->add_option("--steps", a->s.sampling.steps, "DDIM steps")->capture_default_str();
  cmd->add_option("--eta", a->s.sampling.eta, "DDIM eta (0 = deterministic)")->capture_default_str();
  cmd->add_option("--seed", a->s.sampling.seed, "noise seed")->capture_default_str();
  cmd->add_option("--batch-size", a->s.sampling.batch_size, "conditions per network call")->capture_default_str();
  cmd->add_option("--denoiser", a->denoiser,
                  "model: the trained network; optimal: the memorizing baseline, the exact optimal denoiser of the "
                  "run's training set (the run's [optimal]; docs/memorization.md)")
      ->capture_default_str();
  cmd->add_option("--out", a->out, "output folder (default: RUN/standalone/sample-<the options given>)");
  cmd->callback([a, cmd] {
    const DenoiserChoice choice = parse_enum("--denoiser", a->denoiser, kDenoiserChoiceNames);
    a->s.sampling.sampler = parse_enum("sample.sampler", a->sampler, kSamplerNames);
    const RunConfig config = load_run_folder_config(a->run);
    // Never over the run's own sample stage (cli/standalone_out.h); the stage locks it (sample_stage.cpp).
    const std::string out = standalone_out_dir(*cmd, a->run, a->out);
    std::vector<float> conditions;
    if (!a->conditions.empty()) conditions = parse_conditions(a->conditions);
    else if (a->grid > 0) conditions = condition_grid(config.data.N, a->grid, model_geometry(config.data).periodic);
    else conditions = default_sample_conditions(config);
    run_sample_stage(a->run, a->checkpoint, conditions, a->s, out, choice);
    record_provenance(out);
  });
}

}  // namespace factorlab::cli
