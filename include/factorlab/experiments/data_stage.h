// factorlab/experiments/data_stage.h — the data stage of a run: build the dataset and write
// dataset.npz, preview.png, labels.png and data.json (summary, counts, generation time) into a folder.
#pragma once
#include <string>

#include "factorlab/data/data_config.h"
#include "factorlab/data/dataset.h"

namespace factorlab {

Dataset run_data_stage(const DataConfig& config, const std::string& out_dir);

}  // namespace factorlab
