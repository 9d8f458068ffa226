// Tests for model/encoding: the timestep encoding, the periodic Fourier label encoding (mu and
// mu + N encode alike), the Fourier periods and the coordinate channels.
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/model/encoding.h"

using namespace factorlab;

TEST(Encoding, TimestepAndFourierEncodings) {
  auto e = timestep_encoding(torch::tensor({0.f, 10.f}), 8);
  EXPECT_EQ(e.sizes(), (std::vector<int64_t>{2, 8}));
  EXPECT_FLOAT_EQ(e[0][0].item<float>(), 1.f);  // cos(0)
  EXPECT_FLOAT_EQ(e[0][4].item<float>(), 0.f);  // sin(0)
  EXPECT_NEAR(e[1][0].item<float>(), std::cos(10.f), 1e-6);
  // Periodic Fourier encodings are the same for mu and mu + N.
  auto a = label_encoding(torch::tensor({3.f}), 16, LabelEncoding::Fourier, 16, true);
  auto b = label_encoding(torch::tensor({19.f}), 16, LabelEncoding::Fourier, 16, true);
  EXPECT_LT((a - b).abs().max().item<double>(), 1e-5);
  const auto periods = fourier_periods(8, 44, false);
  EXPECT_NEAR(periods.front(), 88, 1e-9);
  EXPECT_NEAR(periods.back(), 2, 1e-9);
  auto coords = coordinate_channels(8, 2);
  EXPECT_EQ(coords.sizes(), (std::vector<int64_t>{8, 8, 8}));
  EXPECT_NEAR(coords[0][5][2].item<float>(), std::cos(2 * M_PI * 2 / 8), 1e-6);  // cos along columns
}
