// factorlab/core/npy.cpp — see npy.h. Zip layout from PKWARE APPNOTE 6.3 (stored entries only).
#include "factorlab/core/npy.h"

#include <array>
#include <cstring>
#include <limits>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/seal.h"

namespace factorlab {

std::size_t dtype_size(DType t) {
  switch (t) {
    case DType::F32: return 4;
    case DType::F64: return 8;
    case DType::I8: return 1;
    case DType::U8: return 1;
    case DType::I32: return 4;
    case DType::I64: return 8;
  }
  return 0;
}

const char* dtype_descr(DType t) {
  switch (t) {
    case DType::F32: return "<f4";
    case DType::F64: return "<f8";
    case DType::I8: return "|i1";
    case DType::U8: return "|u1";
    case DType::I32: return "<i4";
    case DType::I64: return "<i8";
  }
  return "";
}

namespace {

template <class T> DType dtype_of();
template <> DType dtype_of<float>() { return DType::F32; }
template <> DType dtype_of<double>() { return DType::F64; }
template <> DType dtype_of<std::int8_t>() { return DType::I8; }
template <> DType dtype_of<std::uint8_t>() { return DType::U8; }
template <> DType dtype_of<std::int32_t>() { return DType::I32; }
template <> DType dtype_of<std::int64_t>() { return DType::I64; }

template <class T>
NpyArray make_array(std::vector<std::int64_t> shape, const T* values) {
  NpyArray a;
  a.dtype = dtype_of<T>();
  a.shape = std::move(shape);
  a.bytes.resize(a.numel() * sizeof(T));
  if (!a.bytes.empty()) std::memcpy(a.bytes.data(), values, a.bytes.size());
  return a;
}

[[noreturn]] void bad(const std::string& name, const std::string& why) {
  throw InputError("'" + name + "' is not a valid .npy array: " + why);
}

// Finds the value text after 'key': in a header dict, up to the next top-level ',' or '}'.
std::string dict_value(const std::string& header, const std::string& key, const std::string& name) {
  const std::string k1 = "'" + key + "'";
  std::size_t pos = header.find(k1);
  if (pos == std::string::npos) bad(name, "header has no '" + key + "' entry");
  pos = header.find(':', pos + k1.size());
  if (pos == std::string::npos) bad(name, "header entry '" + key + "' has no value");
  ++pos;
  while (pos < header.size() && header[pos] == ' ') ++pos;
  int depth = 0;
  std::size_t end = pos;
  for (; end < header.size(); ++end) {
    const char c = header[end];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth < 0) bad(name, "unbalanced parentheses in header");
    if (depth == 0 && (c == ',' || c == '}')) break;
  }
  if (end >= header.size()) bad(name, "header entry '" + key + "' is not terminated");
  std::string v = header.substr(pos, end - pos);
  while (!v.empty() && v.back() == ' ') v.pop_back();
  return v;
}

DType parse_descr(const std::string& v, const std::string& name) {
  if (v.size() < 2 || (v.front() != '\'' && v.front() != '"') || v.back() != v.front())
    bad(name, "descr " + v + " is not a quoted string");
  const std::string d = v.substr(1, v.size() - 2);
  if (d == "<f4") return DType::F32;
  if (d == "<f8") return DType::F64;
  if (d == "|i1" || d == "<i1" || d == "i1") return DType::I8;
  if (d == "|u1" || d == "<u1" || d == "u1" || d == "|b1") return DType::U8;
  if (d == "<i4") return DType::I32;
  if (d == "<i8") return DType::I64;
  bad(name, "dtype '" + d + "' is not supported (allowed: <f4, <f8, |i1, |u1, <i4, <i8)");
}

std::vector<std::int64_t> parse_shape(const std::string& v, const std::string& name) {
  if (v.size() < 2 || v.front() != '(' || v.back() != ')') bad(name, "shape " + v + " is not a tuple");
  std::vector<std::int64_t> shape;
  std::size_t i = 1;
  const std::size_t end = v.size() - 1;
  while (i < end) {
    while (i < end && (v[i] == ' ' || v[i] == ',')) ++i;
    if (i >= end) break;
    if (v[i] < '0' || v[i] > '9') bad(name, "shape " + v + " has a non-integer entry");
    std::int64_t dim = 0;
    while (i < end && v[i] >= '0' && v[i] <= '9') {
      if (dim > (std::numeric_limits<std::int64_t>::max() - 9) / 10) bad(name, "shape entry too large");
      dim = dim * 10 + (v[i] - '0');
      ++i;
    }
    while (i < end && v[i] == 'L') ++i;  // Python 2 long suffix
    shape.push_back(dim);
    if (shape.size() > 32) bad(name, "more than 32 dimensions");
  }
  return shape;
}

void put_u16(std::string& s, std::uint16_t v) {
  s.push_back(static_cast<char>(v & 0xff));
  s.push_back(static_cast<char>(v >> 8));
}
void put_u32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t get_le(const std::string& s, std::size_t pos, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[pos + i]);
  return v;
}

}  // namespace

std::size_t NpyArray::numel() const {
  std::size_t n = 1;
  for (auto d : shape) n *= static_cast<std::size_t>(d);
  return n;
}

template <class T> const T* NpyArray::data() const {
  if (dtype != dtype_of<T>())
    throw InputError(std::string("array has dtype ") + dtype_descr(dtype) + ", expected " +
                     dtype_descr(dtype_of<T>()));
  return reinterpret_cast<const T*>(bytes.data());
}
template <class T> T* NpyArray::data() {
  return const_cast<T*>(static_cast<const NpyArray*>(this)->data<T>());
}
template const float* NpyArray::data<float>() const;
template const double* NpyArray::data<double>() const;
template const std::int8_t* NpyArray::data<std::int8_t>() const;
template const std::uint8_t* NpyArray::data<std::uint8_t>() const;
template const std::int32_t* NpyArray::data<std::int32_t>() const;
template const std::int64_t* NpyArray::data<std::int64_t>() const;
template float* NpyArray::data<float>();
template double* NpyArray::data<double>();
template std::int8_t* NpyArray::data<std::int8_t>();
template std::uint8_t* NpyArray::data<std::uint8_t>();
template std::int32_t* NpyArray::data<std::int32_t>();
template std::int64_t* NpyArray::data<std::int64_t>();

NpyArray NpyArray::from_f32(std::vector<std::int64_t> s, const float* v) { return make_array(std::move(s), v); }
NpyArray NpyArray::from_f64(std::vector<std::int64_t> s, const double* v) { return make_array(std::move(s), v); }
NpyArray NpyArray::from_i8(std::vector<std::int64_t> s, const std::int8_t* v) { return make_array(std::move(s), v); }
NpyArray NpyArray::from_i64(std::vector<std::int64_t> s, const std::int64_t* v) { return make_array(std::move(s), v); }

std::vector<float> NpyArray::to_f32() const {
  const std::size_t n = numel();
  std::vector<float> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    switch (dtype) {
      case DType::F32: out[i] = data<float>()[i]; break;
      case DType::F64: out[i] = static_cast<float>(data<double>()[i]); break;
      case DType::I8: out[i] = data<std::int8_t>()[i]; break;
      case DType::U8: out[i] = data<std::uint8_t>()[i]; break;
      case DType::I32: out[i] = static_cast<float>(data<std::int32_t>()[i]); break;
      case DType::I64: out[i] = static_cast<float>(data<std::int64_t>()[i]); break;
    }
  }
  return out;
}

std::string encode_npy(const NpyArray& a) {
  std::string shape = "(";
  for (std::size_t i = 0; i < a.shape.size(); ++i) {
    shape += std::to_string(a.shape[i]);
    if (a.shape.size() == 1 || i + 1 < a.shape.size()) shape += ",";
    if (i + 1 < a.shape.size()) shape += " ";
  }
  shape += ")";
  std::string header = std::string("{'descr': '") + dtype_descr(a.dtype) +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad with spaces so that magic(6)+version(2)+len(2)+header+'\n' is a multiple of 64.
  const std::size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  put_u16(out, static_cast<std::uint16_t>(header.size()));
  out += header;
  out.append(reinterpret_cast<const char*>(a.bytes.data()), a.bytes.size());
  return out;
}

NpyArray decode_npy(const std::string& b, const std::string& name) {
  if (b.size() < 10 || b.compare(0, 6, "\x93NUMPY") != 0) bad(name, "missing the \\x93NUMPY magic");
  const int major = static_cast<unsigned char>(b[6]);
  std::size_t header_len = 0, offset = 0;
  if (major == 1) {
    header_len = get_le(b, 8, 2);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (b.size() < 12) bad(name, "truncated header");
    header_len = get_le(b, 8, 4);
    offset = 12;
  } else {
    bad(name, "format version " + std::to_string(major) + " is not supported (allowed: 1, 2, 3)");
  }
  if (header_len > b.size() - offset) bad(name, "truncated header");
  const std::string header = b.substr(offset, header_len);
  const DType dtype = parse_descr(dict_value(header, "descr", name), name);
  if (dict_value(header, "fortran_order", name) != "False") bad(name, "Fortran-order arrays are not supported");
  NpyArray a;
  a.dtype = dtype;
  a.shape = parse_shape(dict_value(header, "shape", name), name);
  // Checked product: a forged shape must not overflow into a small allocation.
  std::size_t numel = 1;
  for (auto d : a.shape) {
    if (d != 0 && numel > std::numeric_limits<std::size_t>::max() / 16 / static_cast<std::size_t>(d))
      bad(name, "shape is too large");
    numel *= static_cast<std::size_t>(d);
  }
  const std::size_t nbytes = numel * dtype_size(dtype);
  const std::size_t data_at = offset + header_len;
  if (b.size() - data_at < nbytes)
    bad(name, "truncated data: expected " + std::to_string(nbytes) + " bytes, found " +
                  std::to_string(b.size() - data_at));
  if (b.size() - data_at > nbytes) bad(name, "trailing bytes after the data");
  a.bytes.assign(b.begin() + static_cast<std::ptrdiff_t>(data_at), b.end());
  return a;
}

void write_npy(const std::string& path, const NpyArray& a) { write_file_atomic(path, encode_npy(a)); }
NpyArray read_npy(const std::string& path) { return decode_npy(read_file(path), path); }

std::uint32_t crc32(const void* data, std::size_t size) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void write_npz(const std::string& path, const NpzEntries& entries) {
  std::string out, central;
  for (const auto& [key, arr] : entries) {
    const std::string name = key + ".npy";
    const std::string data = encode_npy(arr);
    if (data.size() >= 0xFFFFFFFFu) throw std::runtime_error("array '" + key + "' is too large for a zip32 .npz");
    const std::uint32_t crc = crc32(data.data(), data.size());
    const auto offset = static_cast<std::uint32_t>(out.size());
    auto header = [&](std::string& s, bool is_central) {
      put_u32(s, is_central ? 0x02014b50u : 0x04034b50u);
      if (is_central) put_u16(s, 20);  // version made by
      put_u16(s, 20);                   // version needed
      put_u16(s, 0);                    // flags
      put_u16(s, 0);                    // method: stored
      put_u16(s, 0);                    // time
      put_u16(s, 0x21);                 // date: 1980-01-01
      put_u32(s, crc);
      put_u32(s, static_cast<std::uint32_t>(data.size()));
      put_u32(s, static_cast<std::uint32_t>(data.size()));
      put_u16(s, static_cast<std::uint16_t>(name.size()));
      put_u16(s, 0);  // extra
      if (is_central) {
        put_u16(s, 0);  // comment
        put_u16(s, 0);  // disk
        put_u16(s, 0);  // internal attrs
        put_u32(s, 0);  // external attrs
        put_u32(s, offset);
      }
      s += name;
    };
    header(out, false);
    out += data;
    header(central, true);
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put_u32(out, 0x06054b50u);
  put_u16(out, 0);
  put_u16(out, 0);
  put_u16(out, static_cast<std::uint16_t>(entries.size()));
  put_u16(out, static_cast<std::uint16_t>(entries.size()));
  put_u32(out, static_cast<std::uint32_t>(central.size()));
  put_u32(out, cd_offset);
  // The zip comment is the checksum trailer (seal.h): 16 bytes covering everything before them.
  put_u16(out, static_cast<std::uint16_t>(kSealSize));
  out += seal_of(out);
  write_file_atomic(path, out);
}

std::map<std::string, NpyArray> decode_npz(const std::string& b, const std::string& name) {
  auto fail = [&](const std::string& why) -> void {
    throw InputError("'" + name + "' is not a valid .npz file: " + why);
  };
  if (b.size() < 22) fail("too short to be a zip file");
  if (has_seal(b)) check_seal(b, name);  // ours (write_npz); other writers' files have only the zip CRCs
  // The end-of-central-directory record sits within the last 22 + 65535 bytes.
  std::size_t eocd = std::string::npos;
  const std::size_t lo = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
  for (std::size_t i = b.size() - 22 + 1; i-- > lo;) {
    if (get_le(b, i, 4) == 0x06054b50u) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string::npos) fail("no end-of-central-directory record (truncated?)");
  if (eocd + 22 + get_le(b, eocd + 20, 2) != b.size()) fail("its zip comment does not end the file (truncated?)");
  const std::size_t count = get_le(b, eocd + 10, 2);
  std::size_t pos = get_le(b, eocd + 16, 4);
  std::map<std::string, NpyArray> out;
  for (std::size_t e = 0; e < count; ++e) {
    if (pos > b.size() || b.size() - pos < 46 || get_le(b, pos, 4) != 0x02014b50u) fail("corrupt central directory");
    const std::size_t method = get_le(b, pos + 10, 2);
    const std::uint32_t crc = static_cast<std::uint32_t>(get_le(b, pos + 16, 4));
    std::uint64_t csize = get_le(b, pos + 20, 4);
    std::uint64_t usize = get_le(b, pos + 24, 4);
    const std::size_t nlen = get_le(b, pos + 28, 2), xlen = get_le(b, pos + 30, 2), clen = get_le(b, pos + 32, 2);
    std::uint64_t local = get_le(b, pos + 42, 4);
    if (b.size() - pos - 46 < nlen + xlen + clen) fail("corrupt central directory entry");
    const std::string entry = b.substr(pos + 46, nlen);
    // Zip64 extra field (numpy writes it with force_zip64): sizes/offset that were 0xFFFFFFFF.
    for (std::size_t x = pos + 46 + nlen; x + 4 <= pos + 46 + nlen + xlen;) {
      const std::size_t id = get_le(b, x, 2), len = get_le(b, x + 2, 2);
      if (x + 4 + len > pos + 46 + nlen + xlen) fail("corrupt extra field in '" + entry + "'");
      if (id == 1) {
        std::size_t f = x + 4;
        auto take = [&](std::uint64_t& v) {
          if (v != 0xFFFFFFFFu) return;
          if (f + 8 > x + 4 + len) fail("corrupt zip64 field in '" + entry + "'");
          v = get_le(b, f, 8);
          f += 8;
        };
        take(usize);
        take(csize);
        take(local);
      }
      x += 4 + len;
    }
    if (method != 0) fail("entry '" + entry + "' is compressed (method " + std::to_string(method) +
                          "); only np.savez (uncompressed) files are supported");
    if (csize != usize) fail("entry '" + entry + "' has inconsistent sizes");
    if (local > b.size() || b.size() - local < 30 || get_le(b, local, 4) != 0x04034b50u)
      fail("corrupt local header for '" + entry + "'");
    const std::size_t data_at = local + 30 + get_le(b, local + 26, 2) + get_le(b, local + 28, 2);
    if (data_at > b.size() || b.size() - data_at < csize) fail("entry '" + entry + "' is truncated");
    const std::string data = b.substr(data_at, csize);
    if (crc32(data.data(), data.size()) != crc) fail("CRC mismatch in '" + entry + "'");
    std::string key = entry;
    if (key.size() > 4 && key.compare(key.size() - 4, 4, ".npy") == 0) key.resize(key.size() - 4);
    out[key] = decode_npy(data, name + ":" + entry);
    pos += 46 + nlen + xlen + clen;
  }
  return out;
}

std::map<std::string, NpyArray> read_npz(const std::string& path) { return decode_npz(read_file(path), path); }

}  // namespace factorlab
