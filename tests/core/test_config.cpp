// Tests for core/config: strict reading through visit(), overrides, and one-line errors.
#include <gtest/gtest.h>

#include "factorlab/core/config.h"

using namespace factorlab;

namespace {
enum class Mode { Fast, Slow };
const EnumNames<Mode> kModes = {{"fast", Mode::Fast}, {"slow", Mode::Slow}};

struct Inner {
  double w = 1.5;
  template <class V> void visit(V& v) { v("w", w); }
};
struct Item {
  int k = 0;
  template <class V> void visit(V& v) { v("k", k); }
};
struct Demo {
  int n = 3;
  std::int64_t big = 0;
  double x = 0.5;
  bool flag = false;
  std::string s = "a";
  Mode mode = Mode::Fast;
  std::vector<double> range;
  Inner inner;
  std::vector<Item> items;
  template <class V> void visit(V& v) {
    v("n", n);
    v("big", big);
    v("x", x);
    v("flag", flag);
    v("s", s);
    v("mode", mode, kModes);
    v("range", range);
    v("inner", inner);
    v("items", items);
  }
};

Demo read(const std::string& text, const std::vector<std::string>& sets = {}) {
  toml::table t = parse_toml(text, "demo.toml");
  for (const auto& s : sets) apply_override(t, s);
  Demo d;
  read_config(t, d);
  return d;
}

std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    read(text, sets);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(Config, ReadsEveryTypeAndKeepsDefaults) {
  Demo d = read("n = 7\nx = 2\nmode = 'slow'\nrange = [1, 2.5]\n[inner]\nw = 3.0\n[[items]]\nk = 1\n[[items]]\nk = 2\n");
  EXPECT_EQ(d.n, 7);
  EXPECT_DOUBLE_EQ(d.x, 2.0);  // an integer is a valid number
  EXPECT_EQ(d.mode, Mode::Slow);
  EXPECT_EQ(d.range, (std::vector<double>{1, 2.5}));
  EXPECT_DOUBLE_EQ(d.inner.w, 3.0);
  ASSERT_EQ(d.items.size(), 2u);
  EXPECT_EQ(d.items[1].k, 2);
  EXPECT_EQ(d.s, "a");  // untouched default
}

TEST(Config, OverridesApplyInOrderAndInferTypes) {
  Demo d = read("n = 1\n[[items]]\nk = 1\n",
                {"n=5", "n=6", "s=plain words", "flag=true", "inner.w=0.25", "items.0.k=9", "range=[3, 4]", "mode=slow"});
  EXPECT_EQ(d.n, 6);
  EXPECT_EQ(d.s, "plain words");
  EXPECT_TRUE(d.flag);
  EXPECT_DOUBLE_EQ(d.inner.w, 0.25);
  EXPECT_EQ(d.items[0].k, 9);
  EXPECT_EQ(d.range, (std::vector<double>{3, 4}));
  EXPECT_EQ(d.mode, Mode::Slow);
}

TEST(Config, WriterRoundTrips) {
  Demo d = read("n = 9\nmode = 'slow'\n[[items]]\nk = 4\n");
  const std::string text = to_toml_string(write_config(d));
  Demo e = read(text);
  EXPECT_EQ(e.n, 9);
  EXPECT_EQ(e.mode, Mode::Slow);
  EXPECT_EQ(e.items.at(0).k, 4);
  EXPECT_DOUBLE_EQ(e.inner.w, 1.5);
}

TEST(Config, BadInputsGiveOneLineErrorsNamingKeyAndValue) {
  struct Case {
    std::string text;
    std::vector<std::string> sets;
    std::vector<std::string> want;  // substrings the message must contain
  };
  const std::vector<Case> cases = {
      {"nn = 1\n", {}, {"unknown config key 'nn'", "allowed here"}},
      {"[inner]\nq = 1\n", {}, {"inner.q"}},
      {"n = 'seven'\n", {}, {"n = 'seven'", "expected an integer"}},
      {"n = 2.5\n", {}, {"n = 2.5", "integer"}},
      {"n = 99999999999\n", {}, {"out of range"}},
      {"x = 'a'\n", {}, {"x", "a number"}},
      {"flag = 1\n", {}, {"flag", "true or false"}},
      {"mode = 'medium'\n", {}, {"mode = 'medium'", "fast, slow"}},
      {"range = [1, 'b']\n", {}, {"range", "array of numbers"}},
      {"inner = 3\n", {}, {"inner must be a table"}},
      {"items = 3\n", {}, {"items must be an array of tables"}},
      {"n = \n", {}, {"demo.toml:1"}},
      {"", {"n"}, {"not of the form"}},
      {"", {"=3"}, {"not of the form"}},
      {"", {"inner..w=1"}, {"empty key"}},
      {"n = 1\n", {"n.k=1"}, {"parent of 'k' is not a table"}},
      {"n = 1\n", {"n.k.j=1"}, {"value, not a table"}},
      {"", {"n.k=1"}, {"n = a table", "expected an integer"}},
      {"[[items]]\nk = 1\n", {"items.5.k=1"}, {"not an index"}},
      {"", {"nope=1"}, {"unknown config key 'nope'"}},
      {"", {"x=inf"}, {"finite"}},
  };
  for (const auto& c : cases) {
    const std::string msg = error_of(c.text, c.sets);
    EXPECT_FALSE(msg.empty()) << "no error for: " << c.text;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << "not one line: " << msg;
    for (const auto& w : c.want) EXPECT_NE(msg.find(w), std::string::npos) << "'" << msg << "' lacks '" << w << "'";
  }
}

TEST(Config, RangeChecksNameKeyValueAndBounds) {
  try {
    check_range("data.N", 3, 4, 512);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "data.N = 3 is out of range (allowed: 4 .. 512)");
  }
  EXPECT_NO_THROW(check_range("data.N", 4, 4, 512));
  EXPECT_THROW(check_positive("train.lr", 0), InputError);
}
