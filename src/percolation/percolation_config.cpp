// factorlab/percolation/percolation_config.cpp — see percolation_config.h.
#include "factorlab/percolation/percolation_config.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "factorlab/core/error.h"
#include "factorlab/percolation/overlap.h"

namespace factorlab {
namespace {
constexpr double kMaxRangeValues = 1e6;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

double parse_number(const std::string& option, const std::string& text, const std::string& item) {
  const std::string t = trim(item);
  char* end = nullptr;
  const double v = t.empty() ? 0.0 : std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v))
    throw InputError(option + " = '" + text + "': '" + t + "' is not a finite number");
  return v;
}

double round12(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return std::strtod(buf, nullptr);
}
}  // namespace

std::vector<double> range_values(double lo, double hi, double step, const std::string& option) {
  if (!(step > 0)) throw InputError(option + ": step " + format_number(step) + " must be positive");
  if (!(hi >= lo))
    throw InputError(option + ": end " + format_number(hi) + " is below start " + format_number(lo));
  const double count = std::floor((hi - lo) / step + 1e-9) + 1;
  if (!(count <= kMaxRangeValues))
    throw InputError(option + ": " + format_number(lo) + ":" + format_number(hi) + ":" + format_number(step) +
                     " has too many values (allowed: at most 1000000)");
  std::vector<double> v;
  for (int k = 0; k < static_cast<int>(count); ++k) v.push_back(round12(lo + k * step));
  return v;
}

std::vector<double> parse_number_list(const std::string& option, const std::string& text) {
  std::vector<double> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string item = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (item.empty()) throw InputError(option + " = '" + text + "': empty item (expected e.g. 0.1,0.5 or 0:1:0.02)");
    if (item.find(':') == std::string::npos) {
      out.push_back(parse_number(option, text, item));
    } else {
      std::vector<std::string> parts;
      std::size_t s = 0;
      for (std::size_t c; (c = item.find(':', s)) != std::string::npos; s = c + 1) parts.push_back(item.substr(s, c - s));
      parts.push_back(item.substr(s));
      if (parts.size() != 3)
        throw InputError(option + " = '" + text + "': range '" + item + "' must be lo:hi:step");
      const std::vector<double> r = range_values(parse_number(option, text, parts[0]),
                                                 parse_number(option, text, parts[1]),
                                                 parse_number(option, text, parts[2]), option + " = '" + text + "'");
      out.insert(out.end(), r.begin(), r.end());
      if (out.size() > kMaxRangeValues) throw InputError(option + " = '" + text + "': more than 1000000 values");
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

void PercolationConfig::validate() const {
  require(!sigma.empty() && sigma.size() <= 64,
          "sigma: give 1 .. 64 values (got " + std::to_string(sigma.size()) + ")");
  for (double s : sigma) {
    check_positive("sigma", s);
    require(std::isfinite(s), "sigma = " + format_number(s) + " must be finite");
  }
  check_positive("d", d);
  require(std::isfinite(d), "d = " + format_number(d) + " must be finite");
  check_range("L", L, 1, 4096);
  require(!lambda.empty(), "lambda: give at least one value in [0, 1]");
  for (std::size_t k = 0; k < lambda.size(); ++k) {
    check_range("lambda", lambda[k], 0.0, 1.0);
    if (k > 0)
      require(lambda[k] > lambda[k - 1], "lambda values must be strictly increasing (got " +
                                             format_number(lambda[k]) + " after " + format_number(lambda[k - 1]) + ")");
  }
  check_range("trials", trials, 1, 10000000);
  require(threshold > 0 && threshold < 1,
          "threshold = " + format_number(threshold) + " is out of range (allowed: 0 < threshold < 1)");
  check_range("N", N, 4, 1024);
  if (overlap == OverlapModel::Pixel) {
    for (double s : sigma) {
      const double reach = pixel_search_radius(s, threshold);
      const double fit = N / 2.0;
      require(reach <= fit, "N = " + std::to_string(N) + " is too small for the pixel overlap of sigma = " +
                                format_number(s) + ": links are searched out to " +
                                format_number(std::round(reach * 100) / 100) +
                                " pixels, which needs N >= " + std::to_string(static_cast<int>(std::ceil(2 * reach))));
    }
  }
}

}  // namespace factorlab
