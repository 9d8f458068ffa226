// factorlab/cli/cmd_inspect.cpp — `factorlab inspect CKPT|RUN... [--summary]`: what checkpoints hold.
// The library part (reading the archive, hashing) is train/checkpoint_contents.h; this file parses
// the arguments and prints, one block per input, in order; the first unreadable input is an InputError.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "factorlab/cli/commands.h"
#include "factorlab/train/checkpoint_contents.h"

namespace factorlab::cli {

namespace {

void print_contents(const std::string& input, bool summary) {
  const CheckpointContents c = read_checkpoint_contents(input);
  std::printf("checkpoint %s\n", c.path.c_str());
  std::printf("format     FLABCKPT version %u, %llu bytes\n", c.header.version, static_cast<unsigned long long>(c.bytes));
  std::printf("step       %llu\n", static_cast<unsigned long long>(c.header.step));
  std::printf("run        %s\n", c.run_name.c_str());
  if (!summary)
    for (const CheckpointEntry& e : c.entries) {
      if (e.tensor)
        std::printf("tensor     %-52s %-6s %-16s fnv1a64 %s\n", e.path.c_str(), e.dtype.c_str(), e.shape.c_str(),
                    hash_hex(e.hash).c_str());
      else
        std::printf("value      %-52s %s\n", e.path.c_str(), e.value.c_str());
    }
  for (const CheckpointSection& s : c.sections)
    std::printf("section    %-10s %5lld tensors %10lld values %4lld other  fnv1a64 %s\n", s.name.c_str(),
                static_cast<long long>(s.tensors), static_cast<long long>(s.values), static_cast<long long>(s.others),
                hash_hex(s.hash).c_str());
  std::printf("state      fnv1a64 %s\n", hash_hex(c.state_hash).c_str());
}

}  // namespace
void add_inspect_command(CLI::App& app) {
  struct Args {
    std::vector<std::string> inputs;
    bool summary = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Show a checkpoint's header and a hash of every model, EMA and optimizer tensor (equal state = equal hashes)");
  cmd->add_option("checkpoints", a->inputs, "checkpoint files, or run folders (their latest checkpoint)")->required();
  cmd->add_flag("--summary", a->summary, "only the header and one hash per section, not one line per tensor");
  cmd->callback([a] {
    for (std::size_t i = 0; i < a->inputs.size(); ++i) {
      if (i > 0) std::printf("\n");
      print_contents(a->inputs[i], a->summary);
    }
  });
}

}  // namespace factorlab::cli
