#include "rampart/io/mantissa_rounding.hpp"

#include <bit>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace rampart::engine {

void round_mantissas(std::span<float> values, int keep_bits) {
  if (keep_bits < kFewestMantissaBits || keep_bits > kAllMantissaBits) {
    throw std::invalid_argument("keep_bits must be between " + std::to_string(kFewestMantissaBits) +
                                " and " + std::to_string(kAllMantissaBits) + " (got " +
                                std::to_string(keep_bits) + ")");
  }
  if (keep_bits == kAllMantissaBits) return;
  const auto drop = static_cast<std::uint32_t>(kAllMantissaBits - keep_bits);
  const std::uint32_t kept_mask = ~((std::uint32_t{1} << drop) - 1U);
  const std::uint32_t half_below = (std::uint32_t{1} << (drop - 1U)) - 1U;
  // Rounding in the integer domain: adding just under half a kept unit, plus the kept part's
  // lowest bit, rounds to nearest with ties to even; a carry into the exponent is the correctly
  // rounded power of two.
  const auto round = [&](std::uint32_t bits) {
    return (bits + half_below + ((bits >> drop) & 1U)) & kept_mask;
  };
  // Only a value of the two top exponents (infinities, NaNs, and finite values of 2^127 or more
  // that may round past the largest float) needs care; the model's values never come near, so
  // one branch-free pass looks for them (as int32: SSE2 compares signed) and the rounding pass
  // is branch-free too. Both vectorise.
  constexpr std::int32_t kExponentMask = 0x7F800000;
  constexpr std::int32_t kTopExponents = 0x7F000000;
  std::int32_t near_the_top = 0;
  for (const float value : values) {
    near_the_top |= static_cast<std::int32_t>(
        (std::bit_cast<std::int32_t>(value) & kExponentMask) >= kTopExponents);
  }
  if (near_the_top == 0) {
    for (float& value : values)
      value = std::bit_cast<float>(round(std::bit_cast<std::uint32_t>(value)));
    return;
  }
  for (float& value : values) {
    const auto bits = std::bit_cast<std::uint32_t>(value);
    if ((bits & 0x7F800000U) == 0x7F800000U) continue;  // infinity or NaN: left alone
    const std::uint32_t rounded = round(bits);
    // Past the largest finite float: cut instead (the largest float of `keep_bits` bits).
    value =
        std::bit_cast<float>((rounded & 0x7F800000U) == 0x7F800000U ? bits & kept_mask : rounded);
  }
}

}  // namespace rampart::engine
