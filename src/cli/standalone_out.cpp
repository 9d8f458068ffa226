// factorlab/cli/standalone_out.cpp — see standalone_out.h.
#include "standalone_out.h"

#include <CLI/CLI.hpp>

#include <filesystem>

#include "factorlab/core/fs.h"
#include "factorlab/core/provenance.h"
#include "factorlab/experiments/stage_ledger.h"  // fingerprint_of

namespace factorlab::cli {

namespace {
std::string clean(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '=' || c == '+' || c == '-';
    out += ok ? c : '_';
  }
  return out;
}
}  // namespace

std::string standalone_out_dir(const CLI::App& cmd, const std::string& run, const std::string& out) {
  if (!out.empty()) return out;
  std::string tag;
  auto add = [&tag](const std::string& part) { tag += (tag.empty() ? "" : ",") + clean(part); };
  for (const CLI::Option* opt : cmd.get_options()) {
    if (opt->get_positional() || opt->count() == 0) continue;
    const std::string name = opt->get_single_name();
    if (name == "out" || name == "help") continue;
    for (const std::string& value : opt->results()) {
      if (name == "set") {
        const auto dot = value.find('.'), eq = value.find('=');
        add(dot != std::string::npos && dot < eq ? value.substr(dot + 1) : value);
      } else if (name == "checkpoint") {
        add("checkpoint=" + std::filesystem::path(value).stem().string());
      } else {
        add(name + "=" + value);
      }
    }
  }
  if (tag.empty()) tag = "default";
  if (tag.size() > 80) tag = tag.substr(0, 60) + "-" + fingerprint_of(tag).substr(0, 12);
  return run + "/standalone/" + cmd.get_name() + "-" + tag;
}

void record_provenance(const std::string& out_dir) { write_json(out_dir + "/provenance.json", to_json(current_provenance())); }

}  // namespace factorlab::cli
