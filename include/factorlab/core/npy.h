// factorlab/core/npy.h — NumPy .npy (format 1.0) and .npz (plain, uncompressed zip) files.
// write_npz puts a checksum of the whole file in the zip comment (core/seal.h); decode_npz checks it
// when it is there (files from numpy have only the zip CRCs of their entries).
// Follows numpy/lib/format.py: magic "\x93NUMPY", version 1.0, a Python-dict header padded to 64
// bytes, C order, little-endian data. Deliberately not supported: Fortran order, big-endian data,
// object arrays, compressed .npz (np.savez_compressed); each is rejected with a clear error.
// The reader never trusts a length it has not checked against the bytes it has.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace factorlab {

enum class DType { F32, F64, I8, U8, I32, I64 };

std::size_t dtype_size(DType t);
const char* dtype_descr(DType t);  // "<f4", "|i1", ...

struct NpyArray {
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;
  std::vector<std::uint8_t> bytes;  // numel * dtype_size, little-endian C order

  std::size_t numel() const;
  template <class T> const T* data() const;  // throws if T does not match dtype
  template <class T> T* data();

  static NpyArray from_f32(std::vector<std::int64_t> shape, const float* values);
  static NpyArray from_f64(std::vector<std::int64_t> shape, const double* values);
  static NpyArray from_i8(std::vector<std::int64_t> shape, const std::int8_t* values);
  static NpyArray from_i64(std::vector<std::int64_t> shape, const std::int64_t* values);
  std::vector<float> to_f32() const;  // any numeric dtype, converted
};

// Serialization to and from bytes; `name` only labels error messages.
std::string encode_npy(const NpyArray& a);
NpyArray decode_npy(const std::string& bytes, const std::string& name);

void write_npy(const std::string& path, const NpyArray& a);  // atomic
NpyArray read_npy(const std::string& path);

using NpzEntries = std::vector<std::pair<std::string, NpyArray>>;  // keys without ".npy"
void write_npz(const std::string& path, const NpzEntries& entries);  // atomic
std::map<std::string, NpyArray> read_npz(const std::string& path);
std::map<std::string, NpyArray> decode_npz(const std::string& bytes, const std::string& name);

std::uint32_t crc32(const void* data, std::size_t size);

}  // namespace factorlab
