// factorlab/data/dataset_io.h — dataset.npz, readable with numpy.load:
//   images f4 [n, N, N], labels f4 [n, 2], kind i1 [n], part i1 [n],
//   ood_images f4 [m, N, N], ood_labels f4 [m, 2], ood_kind i1 [m], ood_region i1 [m], ood_part i1 [m],
//   N i8 [], margin i8 [], format i8 [] (= kDatasetFormat).
// load_dataset checks the file's checksum (write_npz seals it, core/seal.h), then every shape against
// the others, and fails with a message naming the file or the key.
#pragma once
#include <string>

#include "factorlab/data/dataset.h"

namespace factorlab {

inline constexpr std::int64_t kDatasetFormat = 1;

void save_dataset(const std::string& path, const Dataset& d);  // atomic
Dataset load_dataset(const std::string& path);

}  // namespace factorlab
