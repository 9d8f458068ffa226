// factorlab/experiments/results.cpp — see results.h.
#include "factorlab/experiments/results.h"

#include "factorlab/core/fs.h"
#include "factorlab/core/run_files.h"
#include "factorlab/report/run_numbers.h"

namespace factorlab {

Json collect_run_results(const std::string& run_dir) {
  // One reader of the stage files for both results.json and the report (report/run_numbers.h).
  Json out = Json::object();
  for (const auto& [k, v] : numbers_from_stage_files(run_dir)) out[k] = v;
  return out;
}

Json write_run_results(const std::string& run_dir) {
  Json r = collect_run_results(run_dir);
  write_json(in_folder(run_dir, kResults), r);
  return r;
}

}  // namespace factorlab
