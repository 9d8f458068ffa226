// factorlab/data/dataset_io.cpp — see dataset_io.h.
#include "factorlab/data/dataset_io.h"

#include <cstring>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/seal.h"

namespace factorlab {

namespace {
NpyArray scalar(std::int64_t v) { return NpyArray::from_i64({}, &v); }

const NpyArray& need(const std::map<std::string, NpyArray>& z, const std::string& key, const std::string& path) {
  auto it = z.find(key);
  if (it == z.end()) throw InputError("'" + path + "' has no array '" + key + "' (not a factorlab dataset?)");
  return it->second;
}

template <class T>
std::vector<T> take(const std::map<std::string, NpyArray>& z, const std::string& key, const std::string& path,
                    const std::vector<std::int64_t>& shape) {
  const NpyArray& a = need(z, key, path);
  if (a.shape != shape) {
    std::string want, got;
    for (auto s : shape) want += std::to_string(s) + ",";
    for (auto s : a.shape) got += std::to_string(s) + ",";
    throw InputError("'" + path + "': array '" + key + "' has shape (" + got + ") but (" + want + ") was expected");
  }
  const T* p = a.data<T>();
  return std::vector<T>(p, p + a.numel());
}

std::int64_t take_scalar(const std::map<std::string, NpyArray>& z, const std::string& key, const std::string& path) {
  const NpyArray& a = need(z, key, path);
  if (a.numel() != 1) throw InputError("'" + path + "': '" + key + "' must be a scalar");
  return a.data<std::int64_t>()[0];
}
}  // namespace

void save_dataset(const std::string& path, const Dataset& d) {
  const std::int64_t n = d.size(), m = d.ood_size(), N = d.N;
  write_npz(path, {
                      {"images", NpyArray::from_f32({n, N, N}, d.images.data())},
                      {"labels", NpyArray::from_f32({n, 2}, d.labels.data())},
                      {"kind", NpyArray::from_i8({n}, d.kinds.data())},
                      {"part", NpyArray::from_i8({n}, d.parts.data())},
                      {"ood_images", NpyArray::from_f32({m, N, N}, d.ood_images.data())},
                      {"ood_labels", NpyArray::from_f32({m, 2}, d.ood_labels.data())},
                      {"ood_kind", NpyArray::from_i8({m}, d.ood_kinds.data())},
                      {"ood_region", NpyArray::from_i8({m}, d.ood_regions.data())},
                      {"ood_part", NpyArray::from_i8({m}, d.ood_parts.data())},
                      {"N", scalar(N)},
                      {"margin", scalar(d.margin)},
                      {"format", scalar(kDatasetFormat)},
                  });
}

Dataset load_dataset(const std::string& path) {
  // Our own file, so its checksum trailer is required (core/seal.h); decode_npz would accept its absence.
  const std::string bytes = read_file(path);
  check_seal(bytes, path);
  const auto z = decode_npz(bytes, path);
  const std::int64_t format = take_scalar(z, "format", path);
  if (format != kDatasetFormat)
    throw InputError("'" + path + "' is dataset format " + std::to_string(format) + "; this factorlab reads format " +
                     std::to_string(kDatasetFormat));
  Dataset d;
  const std::int64_t N = take_scalar(z, "N", path);
  if (N < 1 || N > 4096) throw InputError("'" + path + "': N = " + std::to_string(N) + " is out of range");
  d.N = static_cast<int>(N);
  d.margin = static_cast<int>(take_scalar(z, "margin", path));
  const auto& kind = need(z, "kind", path);
  const auto& ood_kind = need(z, "ood_kind", path);
  if (kind.shape.size() != 1 || ood_kind.shape.size() != 1)
    throw InputError("'" + path + "': 'kind' and 'ood_kind' must be 1D");
  const std::int64_t n = kind.shape[0], m = ood_kind.shape[0];
  d.images = take<float>(z, "images", path, {n, N, N});
  d.labels = take<float>(z, "labels", path, {n, 2});
  d.kinds = take<std::int8_t>(z, "kind", path, {n});
  d.parts = take<std::int8_t>(z, "part", path, {n});
  d.ood_images = take<float>(z, "ood_images", path, {m, N, N});
  d.ood_labels = take<float>(z, "ood_labels", path, {m, 2});
  d.ood_kinds = take<std::int8_t>(z, "ood_kind", path, {m});
  d.ood_regions = take<std::int8_t>(z, "ood_region", path, {m});
  d.ood_parts = take<std::int8_t>(z, "ood_part", path, {m});
  return d;
}

}  // namespace factorlab
