// factorlab/cli/cmd_percolate.cpp — `factorlab percolate`: the percolation simulation of docs/design.md 8
// (the paper's Fig. 6): largest-cluster ratio vs lambda for several sigma, critical lambdas, overlap curves.
// Thin: options -> PercolationConfig (defaults, then --config FILE, then --set, then explicit options),
// validate, then simulate_percolation_into (percolation/outputs.h, also a study's percolation stage). Numbers are parsed here, so a bad value is an InputError naming its option.
// Deliberately not: the trained-model side of Fig. 6 (accuracy vs lambda), which `factorlab run` does.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "factorlab/cli/commands.h"
#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/core/folder_lock.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/progress.h"
#include "factorlab/percolation/curves.h"
#include "factorlab/percolation/outputs.h"
#include "factorlab/percolation/percolation_config.h"

namespace factorlab::cli {
namespace {

struct PercolateOptions {
  std::string config_path, out = "runs/percolation";
  std::vector<std::string> sets;
  std::string sigma, d, L, lambda, trials, threshold, seed, threads = "0", N;
  bool nearest = false, pixel = false, periodic = false;
};

std::int64_t parse_integer(const std::string& option, const std::string& text, std::int64_t lo, std::int64_t hi) {
  char* end = nullptr;
  errno = 0;
  const long long v = text.empty() ? 0 : std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
    throw InputError(option + " = '" + text + "' is not an integer");
  if (v < lo || v > hi)
    throw InputError(option + " = " + text + " is out of range (allowed: " + std::to_string(lo) + " .. " +
                     std::to_string(hi) + ")");
  return v;
}

double parse_single(const std::string& option, const std::string& text) {
  const std::vector<double> v = parse_number_list(option, text);
  if (v.size() != 1) throw InputError(option + " = '" + text + "': expected one number");
  return v[0];
}

PercolationConfig build_config(const PercolateOptions& o, const CLI::App& cmd) {
  PercolationConfig c;
  if (!o.config_path.empty() || !o.sets.empty()) {
    toml::table root = o.config_path.empty() ? toml::table{} : load_toml(o.config_path);
    for (const std::string& s : o.sets) apply_override(root, s);
    read_config(root, c);
  }
  const auto given = [&](const char* name) { return cmd.count(name) > 0; };
  const std::int64_t int_max = std::numeric_limits<int>::max();
  if (given("--sigma")) c.sigma = parse_number_list("--sigma", o.sigma);
  if (given("--d")) c.d = parse_single("--d", o.d);
  if (given("--L")) c.L = static_cast<int>(parse_integer("--L", o.L, 1, 4096));
  if (given("--lambda")) c.lambda = parse_number_list("--lambda", o.lambda);
  if (given("--trials")) c.trials = static_cast<int>(parse_integer("--trials", o.trials, 1, int_max));
  if (given("--threshold")) c.threshold = parse_single("--threshold", o.threshold);
  if (given("--seed"))
    c.seed = parse_integer("--seed", o.seed, std::numeric_limits<std::int64_t>::min(),
                           std::numeric_limits<std::int64_t>::max());
  if (given("--N")) c.N = static_cast<int>(parse_integer("--N", o.N, 4, 1024));
  if (o.nearest) c.links = LinkRule::NearestNeighbour;
  if (o.pixel) c.overlap = OverlapModel::Pixel;
  if (o.periodic) c.periodic = true;
  c.validate();
  return c;
}

void run_percolate(const PercolateOptions& o, const CLI::App& cmd) {
  const PercolationConfig c = build_config(o, cmd);
  const int threads = resolve_threads(static_cast<int>(parse_integer("--threads", o.threads, 0, 4096)));
  ensure_writable_dir(o.out);
  const FolderLock lock(o.out);
  log_info("percolate: ", c.sigma.size(), " sigma x ", c.lambda.size(), " lambda x ", c.trials, " trials on a ", c.L,
           " x ", c.L, " lattice, ", threads, " threads");
  const auto t0 = std::chrono::steady_clock::now();
  const PercolationRun run = simulate_percolation_into(o.out, c, threads);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  for (const SigmaCurve& s : run.curves) {
    const auto show = [](double v) { return std::isfinite(v) ? format_number(std::round(v * 1e4) / 1e4) : "none"; };
    log_info("sigma ", format_number(s.sigma), ": ", s.links.neighbours(), " neighbours out to ",
             format_number(std::round(s.links.radius * 1e3) / 1e3), " px; critical lambda ",
             show(s.critical.ratio_half), " (ratio 0.5), ", show(s.critical.spanning_median), " (spanning median)");
  }
  log_info("percolate: wrote ", o.out, "/percolation.{csv,json}, overlap.csv, percolation_figure.npz in ",
           format_duration(seconds));
}

}  // namespace

void add_percolate_command(CLI::App& app) {
  auto o = std::make_shared<PercolateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "percolate", "Percolation of overlapping training examples (docs/percolation.md, the paper's Fig. 6)");
  cmd->add_option("--config", o->config_path, "TOML file with percolation keys (sigma, d, L, lambda, ...)");
  cmd->add_option("--set", o->sets, "key=value override of the config, repeatable");
  cmd->add_option("--sigma", o->sigma, "bump widths in pixels, a list: 0.1,0.5,1,2 (default)");
  cmd->add_option("--d", o->d, "lattice spacing in pixels (default 1)");
  cmd->add_option("--L", o->L, "lattice side: L x L centres (default 32)");
  cmd->add_option("--lambda", o->lambda, "keep probabilities, list or lo:hi:step (default 0:1:0.02)");
  cmd->add_option("--trials", o->trials, "lattices per (sigma, lambda), and spanning runs per sigma (default 200)");
  cmd->add_option("--threshold", o->threshold, "link two sites when their overlap exceeds this (default 0.005)");
  cmd->add_option("--seed", o->seed, "random seed (default 0)");
  cmd->add_option("--threads", o->threads, "worker threads, 0 = the CPUs this process may use (results do not depend on it)")
      ->capture_default_str();
  cmd->add_flag("--nearest-neighbour", o->nearest, "link nearest neighbours only (still subject to the threshold)");
  cmd->add_flag("--pixel-overlap", o->pixel, "measure overlaps on rendered N x N bump images, not analytically");
  cmd->add_option("--N", o->N, "frame side for the pixel overlap and overlap.csv's pixel columns (default 32)");
  cmd->add_flag("--periodic", o->periodic, "pixel overlap on the torus instead of the finite frame");
  cmd->add_option("--out", o->out, "output folder")->capture_default_str();
  cmd->callback([o, cmd] { run_percolate(*o, *cmd); });
}

}  // namespace factorlab::cli
