// factorlab/probe/map.cpp — see map.h.
#include "factorlab/probe/map.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/probe/probe_config.h"

namespace factorlab {
namespace {

constexpr int kMaxTimesteps = 1000;
constexpr double kFirst = 0.05, kLast = 0.95;  // the default timesteps span this fraction of T

// Where each column is in analysis.json (a JSON pointer); "" for the ones filled by map_cell itself.
struct Column {
  const char* name;
  const char* pointer;
};
const Column kColumns[] = {
    {"participation_ratio", "/pca/participation_ratio"},
    {"betti0", "/persistence/betti/0"},
    {"betti1", "/persistence/betti/1"},
    {"betti2", "/persistence/betti/2"},
    {"x_on_y_mean", "/factorization/model/x_on_y/mean"},
    {"x_opposite_mean", "/factorization/model/x_opposite/mean"},
    {"y_opposite_mean", "/factorization/model/y_opposite/mean"},
    {"n_components_95", "/pca/n_components_95"},
    {"x_curve_pr_mean", "/factorization/model/x_curve_pr/mean"},
    {"y_curve_pr_mean", "/factorization/model/y_curve_pr/mean"},
    {"x_parallel_mean", "/factorization/model/x_parallel/mean"},
    {"y_parallel_mean", "/factorization/model/y_parallel/mean"},
    {"persistence_exact", "/persistence/exact"},
    {"persistence_threshold", "/persistence/threshold"},
    {"n_landmarks", "/persistence/n_landmarks"},
    {"n_features", "/n_features"},
    {"seconds", "/timing_s/total"},
};

double number_at(const Json& j, const char* pointer) {
  const Json::json_pointer p(pointer);
  if (!j.contains(p)) return std::numeric_limits<double>::quiet_NaN();
  const Json& v = j.at(p);
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  if (v.is_number()) return v.get<double>();
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

void MapConfig::validate() const {
  check_range("map.n_t", n_t, 1, 100);
  require(t.size() <= static_cast<std::size_t>(kMaxTimesteps),
          "map.t lists " + std::to_string(t.size()) + " timesteps (allowed: at most " + std::to_string(kMaxTimesteps) + ")");
  for (std::size_t i = 0; i < t.size(); ++i) {
    require(t[i] >= 0, "map.t = " + std::to_string(t[i]) + " is out of range (allowed: timesteps 0 .. T-1)");
    for (std::size_t k = 0; k < i; ++k)
      require(t[k] != t[i], "map.t lists the timestep " + std::to_string(t[i]) + " twice");
  }
}

std::vector<int> MapConfig::resolved_t(int T) const {
  validate();
  require(T >= 1, "map: the diffusion has T = " + std::to_string(T) + " steps");
  std::vector<int> out = t;
  if (out.empty()) {
    for (int k = 0; k < n_t; ++k) {
      const double f = n_t == 1 ? 0.5 : kFirst + (kLast - kFirst) * k / (n_t - 1.0);
      const int step = std::clamp(static_cast<int>(std::lround(f * T)), 0, T - 1);
      if (std::find(out.begin(), out.end(), step) == out.end()) out.push_back(step);  // small T: fewer
    }
  }
  for (int s : out)
    require(s < T, "map.t = " + std::to_string(s) + " is out of range (allowed: 0 .. " + std::to_string(T - 1) +
                       " for T = " + std::to_string(T) + ")");
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> map_blocks() {
  std::vector<std::string> names;
  for (const auto& [name, layer] : kProbeLayerNames) names.push_back(name);
  return names;
}

const std::vector<std::string>& map_columns() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const Column& c : kColumns) n.push_back(c.name);
    return n;
  }();
  return names;
}

double MapCell::value(const std::string& column) const {
  const auto& cols = map_columns();
  const auto it = std::find(cols.begin(), cols.end(), column);
  if (it == cols.end() || static_cast<std::size_t>(it - cols.begin()) >= values.size())
    return std::numeric_limits<double>::quiet_NaN();
  return values[static_cast<std::size_t>(it - cols.begin())];
}

MapCell map_cell(const std::string& block, int t, const Json& analysis) {
  MapCell c;
  c.block = block;
  c.t = t;
  for (const Column& col : kColumns) c.values.push_back(number_at(analysis, col.pointer));
  return c;
}

void write_map(const std::string& out_dir, const std::vector<MapCell>& cells, const Json& meta) {
  const auto& cols = map_columns();
  std::ostringstream csv;
  csv << "block,t";
  for (const std::string& c : cols) csv << ',' << c;
  csv << '\n';
  Json jcells = Json::array();
  for (const MapCell& cell : cells) {
    csv << cell.block << ',' << cell.t;
    Json jc{{"block", cell.block}, {"t", cell.t}};
    for (std::size_t k = 0; k < cols.size(); ++k) {
      const double v = k < cell.values.size() ? cell.values[k] : std::numeric_limits<double>::quiet_NaN();
      csv << ',' << (std::isfinite(v) ? format_number(v) : "");
      jc[cols[k]] = number_or_null(v);
    }
    csv << '\n';
    jcells.push_back(jc);
  }
  make_dirs(out_dir);
  write_file_atomic(out_dir + "/map.csv", csv.str());
  Json j = meta;
  j["columns"] = cols;
  j["cells"] = jcells;
  write_json(out_dir + "/map.json", j);
}

std::string map_cell_dir(const std::string& map_dir, const std::string& block, int t) {
  char name[64];
  std::snprintf(name, sizeof name, "_t%04d", t);
  return map_dir + "/cells/" + block + name;
}

}  // namespace factorlab
