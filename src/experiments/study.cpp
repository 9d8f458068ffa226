// factorlab/experiments/study.cpp — see study.h.
#include "factorlab/experiments/study.h"

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/run_files.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/study_summary.h"

namespace factorlab {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split_top_level(const std::string& s) {
  // Commas inside [...] or "..." do not split: grid values may be TOML arrays or strings.
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  bool quoted = false;
  for (char c : s) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '[') ++depth;
    if (!quoted && c == ']') --depth;
    if (c == ',' && depth == 0 && !quoted) {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(trim(cur));
  return out;
}

std::string safe_name(const std::string& s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '-';
  return out;
}

bool is_study_override(const std::string& s) { return s.rfind("study.", 0) == 0; }

}  // namespace

void StudyConfig::validate() const {
  require(!name.empty() && name.find('/') == std::string::npos, "study.name = '" + name + "' must be a non-empty name without '/'");
  require(!runs.empty(), "study.runs is empty: a study needs at least one [[study.runs]]");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string p = "study.runs." + std::to_string(i);
    require(!runs[i].name.empty() && runs[i].name.find('/') == std::string::npos,
            p + ".name = '" + runs[i].name + "' must be a non-empty name without '/'");
    for (const auto& l : runs[i].labels)
      require(l.find('=') != std::string::npos && l.find('=') > 0, p + ".labels: '" + l + "' is not key=value");
    for (const auto& g : runs[i].grid) parse_grid_axis(g, p + ".grid");
  }
  require(seeds >= 1, "study.seeds = " + std::to_string(seeds) + " must be >= 1 (replicates of every member; 1 = no replication)");
  if (simulation) percolation.validate();
}

GridAxis parse_grid_axis(const std::string& text, const std::string& what) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(what + ": '" + text + "' is not [label:]key=v1,v2,... (e.g. data.N=8,16)");
  GridAxis a;
  std::string lhs = trim(text.substr(0, eq));
  const auto colon = lhs.find(':');
  if (colon != std::string::npos) {
    a.label = trim(lhs.substr(0, colon));
    lhs = trim(lhs.substr(colon + 1));
  }
  a.key = lhs;
  if (a.label.empty()) a.label = a.key;
  if (a.key.empty() || a.key.find_first_of(" \t") != std::string::npos)
    throw InputError(what + ": '" + text + "' has no key before '='");
  a.values = split_top_level(text.substr(eq + 1));
  std::set<std::string> seen;
  for (const auto& v : a.values) {
    if (v.empty()) throw InputError(what + ": '" + text + "' has an empty value");
    if (!seen.insert(v).second) throw InputError(what + ": '" + text + "' lists '" + v + "' twice");
  }
  return a;
}

bool is_study_source(const std::string& source) {
  const toml::table root = load_config_source(source.empty() ? "default" : source);
  return root.contains("study");
}

LoadedStudy load_study(const std::string& source, const std::vector<std::string>& cli_sets) {
  toml::table root = load_config_source(source);
  if (!root.contains("study") || !root["study"].is_table())
    throw InputError("'" + source + "' has no [study] table (it is a single run: use factorlab run)");
  for (const auto& s : cli_sets)
    if (is_study_override(s)) apply_override(root, s);
  LoadedStudy out;
  for (const auto& [k, v] : root)
    if (k.str() != "study") throw InputError("'" + source + "': a study file holds only [study] (found [" + std::string(k.str()) + "])");
  ConfigReader r(root["study"].as_table(), "study");
  out.config.visit(r);
  r.finish();
  out.config.validate();
  std::error_code ec;
  if (std::filesystem::is_regular_file(source, ec)) out.base_dir = std::filesystem::path(source).parent_path().string();
  return out;
}

LoadedStudy replicated_run_study(const std::string& source, const std::vector<std::string>& cli_sets, int seeds) {
  const RunConfig base = load_run_config(source, cli_sets);
  LoadedStudy s;
  s.config.name = base.run.name + "_seeds";
  s.config.kind = StudyKind::Factorization;
  s.config.seeds = seeds;
  StudyRunSpec spec;
  spec.name = base.run.name;
  spec.config = source.empty() ? "default" : source;
  s.config.runs.push_back(spec);
  s.config.validate();
  return s;
}

std::vector<StudyMember> expand_study(const LoadedStudy& study, const std::vector<std::string>& cli_sets) {
  std::vector<StudyMember> members;
  for (std::size_t r = 0; r < study.config.runs.size(); ++r) {
    const StudyRunSpec& spec = study.config.runs[r];
    std::vector<GridAxis> axes;
    for (const auto& g : spec.grid) axes.push_back(parse_grid_axis(g, "study.runs." + std::to_string(r) + ".grid"));
    std::string config = spec.config;
    if (!study.base_dir.empty() && !file_exists(config) && file_exists(study.base_dir + "/" + config))
      config = study.base_dir + "/" + config;
    std::size_t total = 1;
    for (const auto& a : axes) total *= a.values.size();
    for (std::size_t cell = 0; cell < total; ++cell) {
      StudyMember m;
      m.name = spec.name;
      m.config = config;
      m.overrides = spec.set;
      for (const auto& l : spec.labels) {
        const auto eq = l.find('=');
        m.labels.emplace_back(trim(l.substr(0, eq)), trim(l.substr(eq + 1)));
      }
      std::size_t rest = cell;
      std::vector<std::size_t> idx(axes.size());
      for (std::size_t k = axes.size(); k-- > 0;) {
        idx[k] = rest % axes[k].values.size();
        rest /= axes[k].values.size();
      }
      for (const auto& s : study.config.set) m.overrides.push_back(s);
      for (const auto& s : cli_sets) {
        if (is_study_override(s)) continue;
        for (const auto& a : axes)
          if (s.substr(0, s.find('=')) == a.key)
            throw InputError("--set " + s + " conflicts with the grid axis '" + a.key + "' of study run '" + spec.name +
                             "' (change the grid instead)");
        m.overrides.push_back(s);
      }
      // The grid comes last: its values win over every `set`.
      for (std::size_t k = 0; k < axes.size(); ++k) {
        const std::string& v = axes[k].values[idx[k]];
        m.overrides.push_back(axes[k].key + "=" + v);
        m.labels.emplace_back(axes[k].label, v);
        m.name += "_" + safe_name(axes[k].label.substr(axes[k].label.rfind('.') + 1)) + safe_name(v);
      }
      m.group = m.name;
      if (study.config.seeds == 1) {
        m.overrides.push_back("run.name=\"" + m.name + "\"");
        members.push_back(std::move(m));
        continue;
      }
      // Replicates: the seed keys of each are read off the member's resolved config.
      const RunConfig base = load_run_config(m.config, m.overrides);
      for (int seed = 0; seed < study.config.seeds; ++seed) {
        StudyMember r = m;
        r.name = m.name + "_seed" + std::to_string(seed);
        r.labels.emplace_back("seed", std::to_string(seed));
        for (const auto& o : seed_overrides(base, seed)) r.overrides.push_back(o);
        r.overrides.push_back("run.name=\"" + r.name + "\"");
        members.push_back(std::move(r));
      }
    }
  }
  std::set<std::string> names;
  for (const auto& m : members)
    if (!names.insert(m.name).second)
      throw InputError("study '" + study.config.name + "': two runs are named '" + m.name + "' (give the runs distinct names)");
  return members;
}

std::vector<std::string> seed_overrides(const RunConfig& base, int s) {
  const std::int64_t k = s;
  return {"data.seed=" + std::to_string(base.data.seed + k), "train.seed=" + std::to_string(base.train.seed + k),
          "sample.seed=" + std::to_string(base.sample.sampling.seed + k), "eval.seed=" + std::to_string(base.eval.sampling.seed + k),
          "probe.seed=" + std::to_string(base.probe.seed + k * base.probe.seeds)};
}

int parse_jobs(const std::string& text) {
  auto bad = [&] { return InputError("--jobs = '" + text + "' must be a whole number from 1 to 256 (e.g. --jobs 2)"); };
  try {
    std::size_t p = 0;
    const int j = std::stoi(text, &p);
    if (p != text.size() || j < 1 || j > 256) throw bad();
    return j;
  } catch (const std::logic_error&) {
    throw bad();
  }
}

int parse_seeds(const std::string& text) {
  auto bad = [&] { return InputError("--seeds = '" + text + "' must be a whole number >= 1 (e.g. --seeds 3)"); };
  try {
    std::size_t p = 0;
    const int k = std::stoi(text, &p);
    if (p != text.size() || k < 1) throw bad();
    return k;
  } catch (const std::logic_error&) {
    throw bad();
  }
}

std::pair<int, int> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  auto bad = [&] { return InputError("--shard = '" + text + "' is not i/n with 0 <= i < n (e.g. 0/4)"); };
  if (slash == std::string::npos) throw bad();
  int i = 0, n = 0;
  try {
    std::size_t p1 = 0, p2 = 0;
    const std::string a = text.substr(0, slash), b = text.substr(slash + 1);
    i = std::stoi(a, &p1);
    n = std::stoi(b, &p2);
    if (p1 != a.size() || p2 != b.size()) throw bad();
  } catch (const std::logic_error&) {
    throw bad();
  }
  if (n < 1 || i < 0 || i >= n) throw bad();
  return {i, n};
}

std::vector<std::size_t> shard_indices(std::size_t count, int i, int n) {
  std::vector<std::size_t> out;
  for (std::size_t k = static_cast<std::size_t>(i); k < count; k += static_cast<std::size_t>(n)) out.push_back(k);
  return out;
}

Json study_json(const StudyConfig& config, const std::vector<StudyMember>& members) {
  Json runs = Json::array();
  for (const auto& m : members) {
    Json labels = Json::object();
    for (const auto& [k, v] : m.labels) {
      // Numbers stay numbers, so tables and figures can sort and plot them.
      try {
        std::size_t p = 0;
        const double d = std::stod(v, &p);
        labels[k] = p == v.size() ? Json(d) : Json(v);
      } catch (const std::logic_error&) {
        labels[k] = v.size() >= 2 && v.front() == '"' && v.back() == '"' ? v.substr(1, v.size() - 2) : v;
      }
    }
    runs.push_back({{"name", m.name}, {"dir", in_folder(kMembersDir, m.name)}, {"config", m.config}, {"labels", labels}, {"overrides", m.overrides}});
    if (!m.group.empty() && m.group != m.name) runs.back()["group"] = m.group;
  }
  Json j{{"name", config.name}, {"kind", enum_name(config.kind, kStudyKindNames)}, {"runs", runs}};
  if (config.simulation) j["percolation"] = "percolation";
  if (config.seeds > 1) j["seeds"] = config.seeds;
  return j;
}

namespace {

std::string csv_cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  }
  if (v.is_number_float()) return format_number(v.get<double>());
  return v.dump();
}

}  // namespace

std::vector<std::string> collect_study(const std::string& study_dir) {
  const std::string path = study_dir + "/study.json";
  if (!file_exists(path)) throw InputError("'" + study_dir + "' is not a study folder (no study.json)");
  const Json study = read_json(path);
  if (!study.contains("runs") || !study["runs"].is_array()) throw InputError(path + ": no \"runs\" array");
  Json rows = Json::array();
  std::vector<std::string> missing;
  std::vector<std::string> label_keys, result_keys;
  std::set<std::string> seen_labels, seen_results;
  for (const auto& r : study["runs"]) {
    const std::string name = r.value("name", "");
    const std::string results = in_folder(study_dir, r.value("dir", in_folder(kMembersDir, name)), kResults);
    if (!file_exists(results)) {
      missing.push_back(name);
      continue;
    }
    Json row{{"run", name}};
    if (r.contains("labels") && r["labels"].is_object())
      for (const auto& [k, v] : r["labels"].items()) {
        row["label." + k] = v;
        if (seen_labels.insert(k).second) label_keys.push_back(k);
      }
    const Json numbers = read_json(results);  // named: items() of a temporary would dangle
    for (const auto& [k, v] : numbers.items()) {
      row[k] = v;
      seen_results.insert(k);
    }
    rows.push_back(row);
  }
  result_keys.assign(seen_results.begin(), seen_results.end());
  std::ostringstream csv;
  csv << "run";
  for (const auto& k : label_keys) csv << ",label." << k;
  for (const auto& k : result_keys) csv << "," << k;
  csv << "\n";
  for (const auto& row : rows) {
    csv << csv_cell(row["run"]);
    for (const auto& k : label_keys) csv << "," << (row.contains("label." + k) ? csv_cell(row["label." + k]) : "");
    for (const auto& k : result_keys) csv << "," << (row.contains(k) ? csv_cell(row[k]) : "");
    csv << "\n";
  }
  write_file_atomic(study_dir + "/results.csv", csv.str());
  write_json(in_folder(study_dir, kResults), rows);
  write_results_summary(study_dir, study, rows);
  log_info("collect: ", rows.size(), " of ", study["runs"].size(), " runs into ", study_dir, "/results.csv",
           missing.empty() ? std::string() : " (" + std::to_string(missing.size()) + " without results yet)");
  return missing;
}

}  // namespace factorlab
