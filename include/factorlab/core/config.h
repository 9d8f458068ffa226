// factorlab/core/config.h — TOML configs read into plain structs, with --set overrides.
// Each config struct lists its fields once, in a visit() template:
//     template <class V> void visit(V& v) { v("N", N); v("shape", shape, kShapeNames); v("parts", parts); }
// The same list drives reading (ConfigReader: types checked, unknown keys rejected) and writing
// (ConfigWriter: the resolved config, every default explicit). Range rules live in each struct's
// validate(), which runs before any work. Pattern: nanoGPT's configurator, made strict.
// Deliberately not supported: TOML dates, inline key paths with dots inside quoted keys in --set.
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "factorlab/core/error.h"

namespace factorlab {

template <class E>
using EnumNames = std::vector<std::pair<std::string, E>>;

template <class E>
std::string enum_name(E value, const EnumNames<E>& names) {
  for (const auto& [n, v] : names)
    if (v == value) return n;
  return "?";
}
template <class E>
std::string enum_choices(const EnumNames<E>& names) {
  std::string s;
  for (const auto& [n, v] : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}
template <class E>
E parse_enum(const std::string& key, const std::string& text, const EnumNames<E>& names) {
  for (const auto& [n, v] : names)
    if (n == text) return v;
  throw InputError(key + " = '" + text + "' is not allowed (allowed: " + enum_choices(names) + ")");
}

// Parses TOML text; errors name the origin (file) and line.
toml::table parse_toml(const std::string& text, const std::string& origin);
toml::table load_toml(const std::string& path);
// Applies "a.b.c=value" to the table; value is TOML (42, 0.5, true, [1, 2], "s") or a bare string.
// Array-of-table elements are addressed by index: data.parts.1.sigma=2.
void apply_override(toml::table& root, const std::string& assignment);
std::string to_toml_string(const toml::table& t);

std::string format_number(double v);  // shortest text that round-trips, for messages

// Reads a struct's fields from one TOML table. `path` is the table's dotted name for messages.
class ConfigReader {
 public:
  ConfigReader(const toml::table* table, std::string path) : table_(table), path_(std::move(path)) {}

  void operator()(const char* key, bool& out);
  void operator()(const char* key, int& out);
  void operator()(const char* key, std::int64_t& out);
  void operator()(const char* key, double& out);
  void operator()(const char* key, std::string& out);
  void operator()(const char* key, std::vector<double>& out);
  void operator()(const char* key, std::vector<int>& out);
  void operator()(const char* key, std::vector<std::string>& out);

  template <class E>
  void operator()(const char* key, E& out, const EnumNames<E>& names) {
    std::string text;
    (*this)(key, text);
    if (found_last_) out = parse_enum(name(key), text, names);
  }
  // A nested table, read into a struct with its own visit().
  template <class S, class = decltype(&S::template visit<ConfigReader>)>
  void operator()(const char* key, S& out) {
    seen_.insert(key);
    const toml::node* n = table_ ? table_->get(key) : nullptr;
    if (!n) return;
    if (!n->is_table()) throw InputError(name(key) + " must be a table");
    ConfigReader sub(n->as_table(), name(key));
    out.visit(sub);
    sub.finish();
  }
  // An array of tables; each element is a fresh default S, then read.
  template <class S>
  void operator()(const char* key, std::vector<S>& out) {
    seen_.insert(key);
    const toml::node* n = table_ ? table_->get(key) : nullptr;
    if (!n) return;
    const toml::array* arr = n->as_array();
    if (!arr) throw InputError(name(key) + " must be an array of tables ([[" + name(key) + "]])");
    out.clear();
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const toml::table* t = arr->get(i)->as_table();
      const std::string p = name(key) + "." + std::to_string(i);
      if (!t) throw InputError(p + " must be a table");
      S s;
      ConfigReader sub(t, p);
      s.visit(sub);
      sub.finish();
      out.push_back(std::move(s));
    }
  }
  // Throws on any key present in the table that no field claimed.
  void finish() const;
  bool found_last() const { return found_last_; }

 private:
  std::string name(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  const toml::node* find(const char* key);
  const toml::table* table_;
  std::string path_;
  std::set<std::string> seen_;
  bool found_last_ = false;
};

// Writes a struct's fields into a TOML table (the resolved config).
class ConfigWriter {
 public:
  explicit ConfigWriter(toml::table& table) : table_(table) {}
  void operator()(const char* key, bool v) { table_.insert_or_assign(key, v); }
  void operator()(const char* key, int v) { table_.insert_or_assign(key, static_cast<std::int64_t>(v)); }
  void operator()(const char* key, std::int64_t v) { table_.insert_or_assign(key, v); }
  void operator()(const char* key, double v) { table_.insert_or_assign(key, v); }
  void operator()(const char* key, const std::string& v) { table_.insert_or_assign(key, v); }
  void operator()(const char* key, const std::vector<double>& v);
  void operator()(const char* key, const std::vector<int>& v);
  void operator()(const char* key, const std::vector<std::string>& v);
  template <class E>
  void operator()(const char* key, const E& v, const EnumNames<E>& names) {
    table_.insert_or_assign(key, enum_name(v, names));
  }
  template <class S, class = decltype(&S::template visit<ConfigWriter>)>
  void operator()(const char* key, const S& s) {
    toml::table t;
    ConfigWriter sub(t);
    const_cast<S&>(s).visit(sub);
    table_.insert_or_assign(key, std::move(t));
  }
  template <class S>
  void operator()(const char* key, const std::vector<S>& v) {
    toml::array arr;
    for (const auto& s : v) {
      toml::table t;
      ConfigWriter sub(t);
      const_cast<S&>(s).visit(sub);
      arr.push_back(std::move(t));
    }
    table_.insert_or_assign(key, std::move(arr));
  }

 private:
  toml::table& table_;
};

// Reads a whole struct from a root table (its fields are the root's keys), rejecting unknown keys.
template <class S>
void read_config(const toml::table& root, S& out) {
  ConfigReader r(&root, "");
  out.visit(r);
  r.finish();
}
template <class S>
toml::table write_config(const S& s) {
  toml::table t;
  ConfigWriter w(t);
  const_cast<S&>(s).visit(w);
  return t;
}

// Range checks for validate(): "data.N = 3 is out of range (allowed: 4 .. 512)".
void check_range(const std::string& key, double value, double lo, double hi);
void check_positive(const std::string& key, double value);

}  // namespace factorlab
