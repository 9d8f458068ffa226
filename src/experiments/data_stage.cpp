// factorlab/experiments/data_stage.cpp — see data_stage.h.
#include "factorlab/experiments/data_stage.h"

#include <chrono>

#include "factorlab/core/json.h"
#include "factorlab/core/log.h"
#include "factorlab/core/run_files.h"
#include "factorlab/data/dataset_io.h"
#include "factorlab/data/preview.h"

namespace factorlab {

Dataset run_data_stage(const DataConfig& config, const std::string& out_dir) {
  const auto t0 = std::chrono::steady_clock::now();
  Dataset d = build_dataset(config);
  const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  save_dataset(in_folder(out_dir, kDataset), d);
  write_preview_png(out_dir + "/preview.png", d, config.preview);
  write_label_map_png(out_dir + "/labels.png", d);
  const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  Json counts = Json::object(), ood = Json::object();
  for (auto k : d.kinds) counts[kind_name(k)] = counts.value(kind_name(k), 0) + 1;
  for (auto r : d.ood_regions) ood[region_name(r)] = ood.value(region_name(r), 0) + 1;
  write_json(in_folder(out_dir, kDataJson), Json{{"N", d.N},
                                          {"margin", d.margin},
                                          {"train", d.size()},
                                          {"ood", d.ood_size()},
                                          {"train_by_kind", counts},
                                          {"ood_by_region", ood},
                                          {"build_seconds", build_s},
                                          {"total_seconds", total_s}});
  log_info("data: ", dataset_summary(config, d));
  log_info("data: built in ", build_s, " s; wrote ", in_folder(out_dir, kDataset), ", preview.png, labels.png");
  return d;
}

}  // namespace factorlab
