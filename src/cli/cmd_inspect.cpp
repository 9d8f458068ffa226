// factorlab/cli/cmd_inspect.cpp — `factorlab inspect CKPT|RUN... [--summary]`: what checkpoints hold.
// Prints the header (format, version, step, run name, size) and an FNV-1a 64-bit hash of every
// tensor of the model, the EMA and the optimizer state (dtype, shape and values in logical
// row-major order, so a channels-last copy hashes like a contiguous one), one line per tensor, then
// one hash per section and one for the whole state. Two checkpoints hold the same state exactly
// when their section lines agree (the kill test compares them; docs/hardening.md). Checkpoint files
// of equal state are NOT byte-identical: LibTorch's optimizer archive names each parameter by its
// in-memory address, which this command replaces by the parameter's place in the param groups.
// A RUN folder means its latest checkpoint; several inputs print one block each, in order; the first
// unreadable input is an InputError. Loading every tensor proves the archive's structure is whole,
// not its values: LibTorch 1.13 does not check the zip CRC-32s, so bytes changed inside tensor data
// load silently (their hashes then differ from the original's; docs/hardening.md).
// Deliberately not: a diff tool or a converter; the hash is for equality, not for security.
// Reference: FNV-1a (Fowler, Noll, Vo; IETF draft-eastlake-fnv), 64-bit offset basis and prime.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

#include "factorlab/cli/commands.h"
#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/train/checkpoint.h"
#include "factorlab/train/trainer.h"

namespace factorlab::cli {

namespace {

struct Fnv1a {
  std::uint64_t h = 0xcbf29ce484222325ull;
  void add(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  }
  void add(const std::string& s) { add(s.data(), s.size() + 1); }  // with the NUL, so "ab"+"c" != "a"+"bc"
  void add_u64(std::uint64_t v) { add(&v, sizeof v); }
};

std::string hex(std::uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

// One tensor or plain value of the archive, by its path ("model/stem/weight").
struct Entry {
  std::string path, dtype, shape, value;  // value: the text of a non-tensor entry
  bool tensor = false;
  std::int64_t numel = 0;
  std::uint64_t hash = 0;  // of dtype, shape and values, for tensors
};

Entry tensor_entry(const std::string& path, const torch::Tensor& t) {
  const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
  Entry e;
  e.path = path;
  e.tensor = true;
  e.dtype = c10::toString(c.scalar_type());
  e.shape = "[";
  for (std::int64_t i = 0; i < c.dim(); ++i) e.shape += (i ? ", " : "") + std::to_string(c.size(i));
  e.shape += "]";
  e.numel = c.numel();
  Fnv1a h;
  h.add(e.dtype);
  h.add_u64(static_cast<std::uint64_t>(c.dim()));
  for (std::int64_t i = 0; i < c.dim(); ++i) h.add_u64(static_cast<std::uint64_t>(c.size(i)));
  h.add(c.data_ptr(), static_cast<std::size_t>(c.numel()) * c.element_size());
  e.hash = h.h;
  return e;
}

// Collects every tensor and plain value under `archive` (module "training" flags left out).
void collect(torch::serialize::InputArchive& archive, const std::string& prefix, std::vector<Entry>& out) {
  for (const std::string& key : archive.keys()) {
    const std::string path = prefix.empty() ? key : prefix + "/" + key;
    torch::serialize::InputArchive child;
    torch::Tensor t;
    c10::IValue value;
    if (archive.try_read(key, child)) {
      collect(child, path, out);
    } else if (archive.try_read(key, t)) {
      out.push_back(tensor_entry(path, t));
    } else if (archive.try_read(key, value)) {
      if (key == "training" && value.isBool()) continue;
      Entry e;
      e.path = path;
      if (value.isString()) {
        e.value = value.toStringRef();
      } else {
        std::ostringstream os;
        os << value;
        e.value = os.str();
      }
      out.push_back(e);
    }
  }
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream ss(path);
  for (std::string part; std::getline(ss, part, '/');) parts.push_back(part);
  return parts;
}

// LibTorch's optimizer archive names each parameter by its TensorImpl address ("0x55..."), which
// differs from process to process: replace every such name by the parameter's place in the
// optimizer's param groups ("param<group>.<index>"), so equal state gives equal paths and hashes.
void canonicalize_optimizer_names(std::vector<Entry>& entries) {
  std::map<std::string, std::string> names;
  for (const Entry& e : entries) {
    const auto p = split_path(e.path);  // .../param_groups/<group>/params/<index> = "<address>"
    const std::size_t n = p.size();
    if (!e.tensor && n >= 4 && p[n - 2] == "params" && p[n - 4] == "param_groups")
      names[e.value] = "param" + p[n - 3] + "." + p[n - 1];
  }
  if (names.empty()) return;
  for (Entry& e : entries) {
    std::string path;
    for (const std::string& part : split_path(e.path)) {
      const auto it = names.find(part);
      path += (path.empty() ? "" : "/") + (it == names.end() ? part : it->second);
    }
    e.path = path;
    if (!e.tensor) {
      const auto it = names.find(e.value);
      if (it != names.end()) e.value = it->second;
    }
  }
}

void inspect(const std::string& input, bool summary) {
  std::string path = input;
  if (std::filesystem::is_directory(input)) {
    path = latest_checkpoint(input);
    if (path.empty()) throw InputError("run folder '" + input + "' has no checkpoints (train it first)");
  } else if (!file_exists(input)) {
    throw InputError("'" + input + "' does not exist (give a checkpoint file or a run folder)");
  }
  torch::serialize::InputArchive archive;
  const CheckpointHeader h = load_checkpoint(path, archive);
  std::vector<Entry> entries;
  try {
    collect(archive, "", entries);
  } catch (const c10::Error&) {
    throw InputError("'" + path + "' is not a usable checkpoint: its weights archive is corrupt");
  }
  canonicalize_optimizer_names(entries);
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  std::string run_name = "?";
  try {
    const toml::table config = parse_toml(h.config_toml, path + " (its config)");
    run_name = config["run"]["name"].value_or(std::string("?"));
  } catch (const InputError&) {
    run_name = "? (the stored config does not parse)";
  }
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  std::printf("checkpoint %s\n", path.c_str());
  std::printf("format     FLABCKPT version %u, %llu bytes\n", h.version, static_cast<unsigned long long>(ec ? 0 : bytes));
  std::printf("step       %llu\n", static_cast<unsigned long long>(h.step));
  std::printf("run        %s\n", run_name.c_str());
  // Sections: the top-level names (ema, model, optimizer, skipped), in sorted order.
  struct Section {
    std::string name;
    std::int64_t tensors = 0, values = 0, others = 0;
    Fnv1a hash;
  };
  std::vector<Section> sections;
  for (const Entry& e : entries) {
    const std::string name = e.path.substr(0, e.path.find('/'));
    if (sections.empty() || sections.back().name != name) sections.push_back(Section{name, 0, 0, 0, Fnv1a{}});
    Section& s = sections.back();
    s.hash.add(e.path);
    if (e.tensor) {
      s.hash.add_u64(e.hash);
      ++s.tensors;
      s.values += e.numel;
      if (!summary)
        std::printf("tensor     %-52s %-6s %-16s fnv1a64 %s\n", e.path.c_str(), e.dtype.c_str(), e.shape.c_str(),
                    hex(e.hash).c_str());
    } else {
      s.hash.add(e.value);
      ++s.others;
      if (!summary) std::printf("value      %-52s %s\n", e.path.c_str(), e.value.c_str());
    }
  }
  Fnv1a all;
  for (const Section& s : sections) {
    all.add(s.name);
    all.add_u64(s.hash.h);
    std::printf("section    %-10s %5lld tensors %10lld values %4lld other  fnv1a64 %s\n", s.name.c_str(),
                static_cast<long long>(s.tensors), static_cast<long long>(s.values), static_cast<long long>(s.others),
                hex(s.hash.h).c_str());
  }
  std::printf("state      fnv1a64 %s\n", hex(all.h).c_str());
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
      inspect(a->inputs[i], a->summary);
    }
  });
}

}  // namespace factorlab::cli
