// factorlab/cli/cmd_presets.cpp — `factorlab presets`: one line per preset compiled into the binary
// (configs/*.toml): its name and the first line of its own opening comment, so the list says what
// each is in the preset's words (README: presets). Deliberately not: the whole comment, or the
// resolved config (that is `factorlab config PRESET`).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>

#include "factorlab/cli/commands.h"
#include "factorlab/experiments/run_config.h"

namespace factorlab::cli {
namespace {

// The first comment line of a TOML text without its '#' and spaces; "" when it opens with no comment.
std::string first_comment_line(const std::string& text) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto b = line.find_first_not_of(" \t");
    if (b == std::string::npos) continue;  // blank lines before the comment
    if (line[b] != '#') return "";
    const auto s = line.find_first_not_of("# \t", b);
    return s == std::string::npos ? "" : line.substr(s, line.find_last_not_of(" \t\r") - s + 1);
  }
  return "";
}

}  // namespace

void add_presets_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("presets", "List the built-in presets (configs/*.toml), one line each");
  cmd->callback([] {
    const std::vector<std::string> names = preset_names();
    std::size_t width = 0;
    for (const auto& n : names) width = std::max(width, n.size());
    for (const auto& n : names) {
      const std::string about = first_comment_line(preset_text(n));
      std::printf("%-*s  %s\n", static_cast<int>(width), n.c_str(), about.empty() ? "(no description)" : about.c_str());
    }
  });
}

}  // namespace factorlab::cli
