// factorlab/train/checkpoint_contents.cpp — see checkpoint_contents.h.
#include "factorlab/train/checkpoint_contents.h"

#include <torch/torch.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/train/checkpoint.h"
#include "factorlab/train/trainer.h"

namespace factorlab {

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

CheckpointEntry tensor_entry(const std::string& path, const torch::Tensor& t) {
  const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
  CheckpointEntry e;
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
void collect(torch::serialize::InputArchive& archive, const std::string& prefix, std::vector<CheckpointEntry>& out) {
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
      CheckpointEntry e;
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
void canonicalize_optimizer_names(std::vector<CheckpointEntry>& entries) {
  std::map<std::string, std::string> names;
  for (const CheckpointEntry& e : entries) {
    const auto p = split_path(e.path);  // .../param_groups/<group>/params/<index> = "<address>"
    const std::size_t n = p.size();
    if (!e.tensor && n >= 4 && p[n - 2] == "params" && p[n - 4] == "param_groups")
      names[e.value] = "param" + p[n - 3] + "." + p[n - 1];
  }
  if (names.empty()) return;
  for (CheckpointEntry& e : entries) {
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

}  // namespace

std::string hash_hex(std::uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

CheckpointContents read_checkpoint_contents(const std::string& input) {
  CheckpointContents c;
  c.path = input;
  if (std::filesystem::is_directory(input)) {
    c.path = latest_checkpoint(input);
    if (c.path.empty()) throw InputError("run folder '" + input + "' has no checkpoints (train it first)");
  } else if (!file_exists(input)) {
    throw InputError("'" + input + "' does not exist (give a checkpoint file or a run folder)");
  }
  torch::serialize::InputArchive archive;
  c.header = load_checkpoint(c.path, archive);
  try {
    collect(archive, "", c.entries);
  } catch (const c10::Error&) {
    throw InputError("'" + c.path + "' is not a usable checkpoint: its weights archive is corrupt");
  }
  canonicalize_optimizer_names(c.entries);
  std::sort(c.entries.begin(), c.entries.end(),
            [](const CheckpointEntry& a, const CheckpointEntry& b) { return a.path < b.path; });
  c.run_name = "?";
  try {
    const toml::table config = parse_toml(c.header.config_toml, c.path + " (its config)");
    c.run_name = config["run"]["name"].value_or(std::string("?"));
  } catch (const InputError&) {
    c.run_name = "? (the stored config does not parse)";
  }
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(c.path, ec);
  c.bytes = ec ? 0 : static_cast<std::uint64_t>(bytes);
  // Sections: the top-level names (ema, model, optimizer, skipped), in sorted order.
  std::vector<Fnv1a> hashes;
  for (const CheckpointEntry& e : c.entries) {
    const std::string name = e.path.substr(0, e.path.find('/'));
    if (c.sections.empty() || c.sections.back().name != name) {
      c.sections.push_back(CheckpointSection{name, 0, 0, 0, 0});
      hashes.emplace_back();
    }
    CheckpointSection& s = c.sections.back();
    Fnv1a& h = hashes.back();
    h.add(e.path);
    if (e.tensor) {
      h.add_u64(e.hash);
      ++s.tensors;
      s.values += e.numel;
    } else {
      h.add(e.value);
      ++s.others;
    }
  }
  Fnv1a all;
  for (std::size_t i = 0; i < c.sections.size(); ++i) {
    c.sections[i].hash = hashes[i].h;
    all.add(c.sections[i].name);
    all.add_u64(c.sections[i].hash);
  }
  c.state_hash = all.h;
  return c;
}

}  // namespace factorlab
