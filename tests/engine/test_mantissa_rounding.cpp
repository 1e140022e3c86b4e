// round_mantissas (--keep-bits) against an independent rounding (frexp, nearbyint to even, ldexp)
// on values of every magnitude and sign, with its error bound, ties to even, the carry into the
// exponent, and the values it must leave alone.

#include <gtest/gtest.h>

#include <bit>
#include <cfenv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "rampart/io/mantissa_rounding.hpp"

namespace rampart::engine {
namespace {

std::uint32_t bits_of(float x) {
  return std::bit_cast<std::uint32_t>(x);
}

float rounded(float x, int keep) {
  std::vector<float> v{x};
  round_mantissas(v, keep);
  return v.front();
}

// The nearest float with keep + 1 significant bits (the implicit one included), ties to even,
// for a normal float: x = m 2^e with 0.5 <= |m| < 1, so m 2^(keep+1) is an integer once rounded.
float reference(float x, int keep) {
  int e = 0;
  const double m = std::frexp(static_cast<double>(x), &e);
  const double scaled = std::nearbyint(std::ldexp(m, keep + 1));  // the default mode: to even
  return static_cast<float>(std::ldexp(scaled, e - (keep + 1)));
}

TEST(MantissaRounding, AgreesWithAnIndependentRoundingAndItsErrorBound) {
  ASSERT_EQ(std::fegetround(), FE_TONEAREST);
  std::mt19937 rng(17);
  std::uniform_real_distribution<float> mantissa(1.0F, 2.0F);
  std::uniform_int_distribution<int> exponent(-120, 120);
  std::vector<float> values;
  for (int i = 0; i < 20000; ++i) {
    const float x = std::ldexp(mantissa(rng), exponent(rng));
    values.push_back(i % 2 == 0 ? x : -x);
  }
  for (const int keep : {1, 2, 5, 7, 10, 15, 16, 22}) {
    std::vector<float> v = values;
    round_mantissas(v, keep);
    const double bound = std::ldexp(1.0, -(keep + 1));
    for (std::size_t i = 0; i < v.size(); ++i) {
      ASSERT_EQ(bits_of(v[i]), bits_of(reference(values[i], keep)))
          << values[i] << " keep " << keep;
      EXPECT_LE(std::abs(static_cast<double>(v[i]) - values[i]) / std::abs(values[i]), bound);
      // The dropped bits are zero, and rounding again changes nothing.
      EXPECT_EQ(bits_of(v[i]) & ((1U << (kAllMantissaBits - keep)) - 1U), 0U);
      EXPECT_EQ(bits_of(rounded(v[i], keep)), bits_of(v[i]));
    }
  }
  // kAllMantissaBits keeps every value as it is.
  std::vector<float> v = values;
  round_mantissas(v, kAllMantissaBits);
  for (std::size_t i = 0; i < v.size(); ++i) ASSERT_EQ(bits_of(v[i]), bits_of(values[i]));
}

TEST(MantissaRounding, TiesGoToTheEvenNeighbourAndCarriesReachTheExponent) {
  // One kept bit: 1.0 (1.0b) and 1.5 (1.1b) are the neighbours of 1.25, 1.5 and 2.0 of 1.75.
  EXPECT_EQ(rounded(1.25F, 1), 1.0F);
  EXPECT_EQ(rounded(1.75F, 1), 2.0F);
  EXPECT_EQ(rounded(-1.75F, 1), -2.0F);
  EXPECT_EQ(rounded(1.2499999F, 1), 1.0F);
  EXPECT_EQ(rounded(1.2500001F, 1), 1.5F);
  // Just under a power of two rounds up into the next exponent.
  EXPECT_EQ(rounded(std::nextafter(8.0F, 0.0F), 7), 8.0F);
  // Zeros keep their sign; subnormals round in the same integer domain.
  EXPECT_EQ(bits_of(rounded(0.0F, 3)), bits_of(0.0F));
  EXPECT_EQ(bits_of(rounded(-0.0F, 3)), bits_of(-0.0F));
  const float tiny = std::numeric_limits<float>::denorm_min() * 3.0F;  // mantissa 0b11
  EXPECT_EQ(rounded(tiny, 21), std::numeric_limits<float>::denorm_min() * 4.0F);
}

TEST(MantissaRounding, TheTopOfTheRangeStaysFiniteAndSpecialValuesStay) {
  const float largest = std::numeric_limits<float>::max();
  for (const int keep : {1, 7, 15}) {
    const float r = rounded(largest, keep);
    EXPECT_TRUE(std::isfinite(r)) << keep;
    EXPECT_EQ(bits_of(r) & ((1U << (kAllMantissaBits - keep)) - 1U), 0U);
    EXPECT_LE(r, largest);
    EXPECT_TRUE(std::isfinite(rounded(-largest, keep)));
  }
  const float inf = std::numeric_limits<float>::infinity();
  // A NaN whose payload lies only in the bits that would be dropped.
  const float low_nan = std::bit_cast<float>(0x7F800001U);
  std::vector<float> v{inf, -inf, low_nan, 3.0F, 1e38F};
  round_mantissas(v, 7);
  EXPECT_EQ(v[0], inf);
  EXPECT_EQ(v[1], -inf);
  EXPECT_EQ(bits_of(v[2]), 0x7F800001U);
  EXPECT_EQ(v[3], 3.0F);  // the other values of the span are still rounded
  EXPECT_EQ(bits_of(v[4]), bits_of(reference(1e38F, 7)));
}

TEST(MantissaRounding, KeepBitsOutsideAFloatsMantissaAreRefused) {
  std::vector<float> v{1.0F};
  EXPECT_THROW(round_mantissas(v, 0), std::invalid_argument);
  EXPECT_THROW(round_mantissas(v, 24), std::invalid_argument);
  EXPECT_THROW(round_mantissas(v, -3), std::invalid_argument);
}

}  // namespace
}  // namespace rampart::engine
