// factorlab/core/config.cpp — see config.h.
#include "factorlab/core/config.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "factorlab/core/fs.h"

namespace factorlab {

std::string format_number(double v) {
  char buf[64];
  for (int prec = 6; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

toml::table parse_toml(const std::string& text, const std::string& origin) {
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    throw InputError(origin + ":" + std::to_string(src.begin.line) + ": " + std::string(e.description()));
  }
}

toml::table load_toml(const std::string& path) { return parse_toml(read_file(path), path); }

std::string to_toml_string(const toml::table& t) {
  std::ostringstream os;
  os << t << "\n";
  return os.str();
}

namespace {
// A --set value: TOML if it parses as one, else the bare text as a string (so data.shape=sos works).
std::unique_ptr<toml::node> parse_value(const std::string& text) {
  try {
    toml::table t = toml::parse("v = " + text);
    if (toml::node* n = t.get("v")) {
      std::unique_ptr<toml::node> out;
      n->visit([&](auto&& x) { out = std::make_unique<std::decay_t<decltype(x)>>(x); });
      return out;
    }
  } catch (const toml::parse_error&) {
  }
  return std::make_unique<toml::value<std::string>>(text);
}

// TOML text is UTF-8; a bare --set string that is not would be written into config.toml as text
// that does not read back as the same value (found by fuzz/fuzz_config, docs/fuzzing.md).
bool is_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else return false;
    if (s.size() - i <= n) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += n + 1;
  }
  return true;
}

bool is_index(const std::string& s) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
}  // namespace

void apply_override(toml::table& root, const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError("--set '" + assignment + "' is not of the form section.key=value");
  const std::string path = assignment.substr(0, eq), text = assignment.substr(eq + 1);
  if (!is_utf8(assignment)) throw InputError("--set: an assignment is not valid UTF-8 text (config files and values are UTF-8)");
  // A control character (a newline, a NUL) in a bare value did not survive config.toml's round
  // trip either (fuzz/fuzz_config); TOML strings cannot hold them unescaped anyway.
  for (char c : assignment)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
      throw InputError("--set: an assignment contains a control character (only printable text and tabs are allowed)");
  std::vector<std::string> parts;
  std::stringstream ss(path);
  for (std::string p; std::getline(ss, p, '.');) {
    if (p.empty()) throw InputError("--set '" + assignment + "': empty key in '" + path + "'");
    parts.push_back(p);
  }
  toml::node* cur = &root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (toml::table* t = cur->as_table()) {
      if (!t->contains(p)) t->insert(p, toml::table{});
      cur = t->get(p);
    } else if (toml::array* a = cur->as_array()) {
      if (!is_index(p) || std::stoul(p) >= a->size())
        throw InputError("--set '" + assignment + "': '" + p + "' is not an index of an array of size " +
                         std::to_string(a->size()));
      cur = a->get(std::stoul(p));
    } else {
      throw InputError("--set '" + assignment + "': '" + parts[i - 1] + "' is a value, not a table");
    }
  }
  std::unique_ptr<toml::node> value = parse_value(text);
  if (toml::table* t = cur->as_table()) {
    value->visit([&](auto&& x) { t->insert_or_assign(parts.back(), std::move(x)); });
  } else {
    throw InputError("--set '" + assignment + "': the parent of '" + parts.back() + "' is not a table");
  }
}

const toml::node* ConfigReader::find(const char* key) {
  seen_.insert(key);
  const toml::node* n = table_ ? table_->get(key) : nullptr;
  found_last_ = n != nullptr;
  return n;
}

namespace {
std::string describe(const toml::node& n) {
  if (n.is_table()) return "a table";
  std::ostringstream os;
  n.visit([&](auto&& x) { os << x; });
  std::string s = os.str();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}
[[noreturn]] void type_error(const std::string& key, const toml::node& n, const char* want) {
  throw InputError(key + " = " + describe(n) + " has the wrong type (expected " + want + ")");
}
}  // namespace

void ConfigReader::operator()(const char* key, bool& out) {
  if (const toml::node* n = find(key)) {
    if (!n->is_boolean()) type_error(name(key), *n, "true or false");
    out = n->as_boolean()->get();
  }
}
void ConfigReader::operator()(const char* key, std::int64_t& out) {
  if (const toml::node* n = find(key)) {
    if (n->is_integer()) out = n->as_integer()->get();
    else if (n->is_floating_point() && std::floor(n->as_floating_point()->get()) == n->as_floating_point()->get() &&
             std::fabs(n->as_floating_point()->get()) < 9e15)
      out = static_cast<std::int64_t>(n->as_floating_point()->get());
    else type_error(name(key), *n, "an integer");
  }
}
void ConfigReader::operator()(const char* key, int& out) {
  std::int64_t v = out;
  (*this)(key, v);
  if (v < INT32_MIN || v > INT32_MAX)
    throw InputError(name(key) + " = " + std::to_string(v) + " is out of range for an integer");
  out = static_cast<int>(v);
}
void ConfigReader::operator()(const char* key, double& out) {
  if (const toml::node* n = find(key)) {
    if (n->is_floating_point()) out = n->as_floating_point()->get();
    else if (n->is_integer()) out = static_cast<double>(n->as_integer()->get());
    else type_error(name(key), *n, "a number");
    if (!std::isfinite(out)) throw InputError(name(key) + " must be a finite number");
  }
}
void ConfigReader::operator()(const char* key, std::string& out) {
  if (const toml::node* n = find(key)) {
    if (!n->is_string()) type_error(name(key), *n, "a string");
    out = n->as_string()->get();
  }
}
void ConfigReader::operator()(const char* key, std::vector<double>& out) {
  if (const toml::node* n = find(key)) {
    const toml::array* a = n->as_array();
    if (!a) type_error(name(key), *n, "an array of numbers");
    out.clear();
    for (const auto& e : *a) {
      if (e.is_floating_point()) out.push_back(e.as_floating_point()->get());
      else if (e.is_integer()) out.push_back(static_cast<double>(e.as_integer()->get()));
      else type_error(name(key), *n, "an array of numbers");
      if (!std::isfinite(out.back())) throw InputError(name(key) + " must hold finite numbers");
    }
  }
}
void ConfigReader::operator()(const char* key, std::vector<int>& out) {
  if (const toml::node* n = find(key)) {
    const toml::array* a = n->as_array();
    if (!a) type_error(name(key), *n, "an array of integers");
    out.clear();
    for (const auto& e : *a) {
      if (!e.is_integer() || e.as_integer()->get() < INT32_MIN || e.as_integer()->get() > INT32_MAX)
        type_error(name(key), *n, "an array of integers");
      out.push_back(static_cast<int>(e.as_integer()->get()));
    }
  }
}
void ConfigReader::operator()(const char* key, std::vector<std::string>& out) {
  if (const toml::node* n = find(key)) {
    const toml::array* a = n->as_array();
    if (!a) type_error(name(key), *n, "an array of strings");
    out.clear();
    for (const auto& e : *a) {
      if (!e.is_string()) type_error(name(key), *n, "an array of strings");
      out.push_back(e.as_string()->get());
    }
  }
}

void ConfigReader::finish() const {
  if (!table_) return;
  for (const auto& [k, v] : *table_) {
    const std::string key(k.str());
    if (!seen_.count(key)) {
      std::string allowed;
      for (const auto& s : seen_) allowed += (allowed.empty() ? "" : ", ") + s;
      throw InputError("unknown config key '" + (path_.empty() ? key : path_ + "." + key) + "' (allowed here: " +
                       allowed + ")");
    }
  }
}

void ConfigWriter::operator()(const char* key, const std::vector<double>& v) {
  toml::array a;
  for (double x : v) a.push_back(x);
  table_.insert_or_assign(key, std::move(a));
}
void ConfigWriter::operator()(const char* key, const std::vector<int>& v) {
  toml::array a;
  for (int x : v) a.push_back(static_cast<std::int64_t>(x));
  table_.insert_or_assign(key, std::move(a));
}
void ConfigWriter::operator()(const char* key, const std::vector<std::string>& v) {
  toml::array a;
  for (const auto& x : v) a.push_back(x);
  table_.insert_or_assign(key, std::move(a));
}

void check_range(const std::string& key, double value, double lo, double hi) {
  if (!(value >= lo && value <= hi))
    throw InputError(key + " = " + format_number(value) + " is out of range (allowed: " + format_number(lo) + " .. " +
                     format_number(hi) + ")");
}
void check_positive(const std::string& key, double value) {
  if (!(value > 0)) throw InputError(key + " = " + format_number(value) + " must be positive");
}

}  // namespace factorlab
