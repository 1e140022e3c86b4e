#include "rampart/sim/rng.hpp"

#include <cmath>

namespace rampart::sim {

// Word 2m of the slot's overflow is the wedge's height (or the tail's first uniform) after the
// m-th rejected attempt, word 2m + 1 the next attempt's word; the tail, once entered, never
// returns to the strips, so it takes the words after its own start.
double RunRng::rare_normal(const Engine::ctr_type& ctr, std::uint64_t slot,
                           std::uint64_t word) const {
  const double* const tx = boost::random::detail::normal_table<double>::table_x;
  const double* const ty = boost::random::detail::normal_table<double>::table_y;
  // A rejection takes the next word of the block its test used: each block is computed once for
  // the words it gives, not once a word.
  std::uint64_t computed = ~std::uint64_t{0};
  Engine::ctr_type block{};
  const auto overflow_word = [&](std::uint64_t k) {
    if (k / 4 != computed) {
      computed = k / 4;
      block = overflow_block(ctr, slot, computed);
    }
    return block.v[k % 4];
  };
  for (std::uint64_t m = 0;; ++m) {
    const std::uint64_t strip = word & kStripMask;
    const double sign = (word & kSignBit) != 0 ? -1.0 : 1.0;
    const double x = to_unit(word) * tx[strip];
    if (x < tx[strip + 1]) return sign * x;
    const double u = to_open_unit(overflow_word(2 * m));
    if (strip == 0) {
      // Beyond r = x_1 (Marsaglia 1964): x = r + e1 / r with e1, e2 exponential(1), accepted
      // when 2 e2 > (e1 / r)^2.
      const double r = tx[1];
      double v = u;
      for (std::uint64_t j = 1;; ++j) {
        const double t = -std::log(v) / r;
        const double e2 = -std::log(to_open_unit(overflow_word(2 * m + 2 * j - 1)));
        if (2.0 * e2 > t * t) return sign * (r + t);
        v = to_open_unit(overflow_word(2 * m + 2 * j));
      }
    }
    const double y = ty[strip] + u * (ty[strip + 1] - ty[strip]);
    if (y < std::exp(-0.5 * x * x)) return sign * x;
    word = overflow_word(2 * m + 1);
  }
}

}  // namespace rampart::sim
