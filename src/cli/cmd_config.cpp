// factorlab/cli/cmd_config.cpp — `factorlab config [PRESET|CONFIG] [--set ...] [--member NAME]`:
// prints the resolved config as TOML, every default explicit, exactly as `factorlab run` would write
// it to the run folder's config.toml (feeding the output back gives the same config). For a study
// config: its resolved [study] table, or with --member NAME the config of that member run (as the
// study runs it: member, study and command-line overrides, grid values, seed). Writes nothing.
// Deliberately not: running or validating anything beyond what loading the config validates.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "factorlab/cli/commands.h"
#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/study.h"

namespace factorlab::cli {
namespace {

struct ConfigArgs {
  std::string source;
  std::vector<std::string> sets;
  std::string member;
};

std::string resolved_toml(const ConfigArgs& a) {
  if (!is_study_source(a.source)) {
    if (!a.member.empty())
      throw InputError("--member applies to study configs; '" + (a.source.empty() ? "default" : a.source) +
                       "' is a single run");
    return to_toml(load_run_config(a.source, a.sets));
  }
  const LoadedStudy study = load_study(a.source, a.sets);
  study.config.validate();
  const std::vector<StudyMember> members = expand_study(study, a.sets);
  if (a.member.empty()) {
    toml::table t;
    t.insert("study", write_config(study.config));
    return to_toml_string(t);
  }
  std::string names;
  for (const StudyMember& m : members) {
    if (m.name == a.member) return to_toml(load_run_config(m.config, m.overrides));
    names += (names.empty() ? "" : ", ") + m.name;
  }
  throw InputError("--member '" + a.member + "' is not a member of study '" + study.config.name + "' (members: " +
                   names + ")");
}

}  // namespace

void add_config_command(CLI::App& app) {
  auto a = std::make_shared<ConfigArgs>();
  CLI::App* cmd = app.add_subcommand("config", "Print the resolved config of a preset or file (with --set) as TOML");
  cmd->add_option("config", a->source, "TOML config file or preset name (default: the built-in default)");
  cmd->add_option("--set", a->sets, "override a config key: section.key=value (repeatable)")
      ->allow_extra_args(false)
      ->take_all();
  cmd->add_option("--member", a->member, "study configs: print the config of this member run");
  cmd->callback([a] {
    const std::string text = resolved_toml(*a);
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (!text.empty() && text.back() != '\n') std::fputc('\n', stdout);
  });
}

}  // namespace factorlab::cli
