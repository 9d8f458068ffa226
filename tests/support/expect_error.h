// tests/support/expect_error.h — expect_input_error(f, needle): f() must throw InputError whose
// one-line message contains needle (the bad-input contract of core/error.h).
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "factorlab/core/error.h"

namespace factorlab::test_support {

template <class F>
void expect_input_error(F f, const std::string& needle) {
  try {
    f();
    ADD_FAILURE() << "no InputError (expected one mentioning '" << needle << "')";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

}  // namespace factorlab::test_support
