#pragma once
// Counter-based random streams: a draw is a pure function of (seed, run, stream, year, agent, k),
// never of thread, rank or call order (Philox4x64-10, Random123). There is no state to seed.

#include <Random123/philox.h>

#include <array>
#include <bit>
#include <boost/random/normal_distribution.hpp>
#include <cstdint>

namespace rampart::sim {

// One purpose per stream, so that adding draws for one purpose never shifts another's.
enum class Stream : std::uint64_t {
  Parameters = 1,  // agent = parameter index
  // 2, 3, 4: retired (GDP, spending and commitment noise drew one stream each before v0.1).
  UsProtection = 5,  // transactional US: does it defend this laggard this year
  Probe = 6,
  CrisisResponse = 7,
  UkraineWar = 8,
  // 9: retired (model 1 drew which EU members activate the escape clause; model 2 reads it).
  StateShocks = 10,        // normals4: [0] GDP growth, [1] spending noise, [2] commitment
                           // noise, [3] whether a surprise breaks a guideline line
  RelatedCompliance = 11,  // year 0, agent i: the ally's spread around its related target
  Preference = 12,         // year 0, agent i: the draw of its estimated preference
  SpendingTail = 13,       // year, agent i, block k: the chi-square of the t surprise's scale
};
// A normal's rare extra words are keyed by the stream in the low 8 bits of the counter's first word
// (RunRng::SlotWords), so stream numbers stay below 256.
inline constexpr std::uint64_t kStreamBits = 8;

class RunRng {
 public:
  // `run` is the replicate index: run i of every scenario and design point shares its draws
  // (common random numbers).
  RunRng(std::uint64_t seed, std::uint64_t run) : key_{{seed, run}} {}

  // Uniform on the open interval (0, 1), 53 bits.
  [[nodiscard]] double uniform(Stream s, std::uint64_t year, std::uint64_t agent,
                               std::uint64_t k = 0) const {
    const auto out = block(s, year, agent, k);
    return to_open_unit(out.v[0]);
  }

  // Standard normal: a ziggurat (slot_normal) on the block's first word.
  [[nodiscard]] double normal(Stream s, std::uint64_t year, std::uint64_t agent,
                              std::uint64_t k = 0) const {
    const Engine::ctr_type ctr{{static_cast<std::uint64_t>(s), year, agent, k}};
    return slot_normal(ctr, Engine{}(ctr, key_), 0);
  }

  // Four independent standard normals from one block, one per 64-bit word: the cheap way to draw
  // an agent's several yearly shocks, each purpose keeping its own fixed slot.
  [[nodiscard]] std::array<double, 4> normals4(Stream s, std::uint64_t year, std::uint64_t agent,
                                               std::uint64_t k = 0) const {
    const Engine::ctr_type ctr{{static_cast<std::uint64_t>(s), year, agent, k}};
    const auto out = Engine{}(ctr, key_);
    return {slot_normal(ctr, out, 0), slot_normal(ctr, out, 1), slot_normal(ctr, out, 2),
            slot_normal(ctr, out, 3)};
  }

  [[nodiscard]] std::uint64_t seed() const { return key_.v[0]; }
  [[nodiscard]] std::uint64_t run() const { return key_.v[1]; }

 private:
  using Engine = r123::Philox4x64;

  // Word m of slot `slot`'s overflow: the ziggurat's rare rejections and tail (about 1.2 % of
  // draws) take their words from blocks keyed by (stream, slot, overflow block) in the counter's
  // first word, so a slot's value never depends on how many words another slot needed.
  // Words m = 4b .. 4b + 3 are block b's.
  [[nodiscard]] Engine::ctr_type overflow_block(Engine::ctr_type ctr, std::uint64_t slot,
                                                std::uint64_t b) const {
    ctr.v[0] |= ((slot + 1) << kStreamBits) | (b << (kStreamBits + 4));
    return Engine{}(ctr, key_);
  }

  // Marsaglia & Tsang's ziggurat (J. Stat. Softw. 5(8), 2000) with 128 strips on Boost.Random's
  // tables (boost/random/normal_distribution.hpp: x_i and f(x_i) = exp(-x_i^2/2), strips of equal
  // area). A word gives the strip (7 bits), the sign (1 bit) and a 53-bit uniform; the value is
  // accepted at once when it lies under the next strip (98.8 % of draws), else `rare_normal`
  // decides with further words. Inline with a branch-free sign: every run's hot path.
  [[nodiscard]] double slot_normal(const Engine::ctr_type& ctr, const Engine::ctr_type& out,
                                   std::uint64_t slot) const {
    const double* const tx = boost::random::detail::normal_table<double>::table_x;
    const std::uint64_t word = out.v[slot];
    const std::uint64_t strip = word & kStripMask;
    const double x = to_unit(word) * tx[strip];
    if (x < tx[strip + 1]) [[likely]]
      return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) ^ ((word & kSignBit) << 56));
    return rare_normal(ctr, slot, word);
  }

  // The wedge's exact test and the tail beyond x_1 (rng.cpp), out of line.
  [[nodiscard]] double rare_normal(const Engine::ctr_type& ctr, std::uint64_t slot,
                                   std::uint64_t word) const;
  static constexpr std::uint64_t kStripMask = 0x7F;
  static constexpr std::uint64_t kSignBit = 0x80;

  [[nodiscard]] Engine::ctr_type block(Stream s, std::uint64_t year, std::uint64_t agent,
                                       std::uint64_t k) const {
    const Engine::ctr_type ctr{{static_cast<std::uint64_t>(s), year, agent, k}};
    return Engine{}(ctr, key_);
  }

  // [0, 1) from the 53 bits above the strip and sign bits.
  static double to_unit(std::uint64_t x) { return static_cast<double>(x >> 11) * 0x1.0p-53; }
  static double to_open_unit(std::uint64_t x) {
    return (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53;
  }
  Engine::key_type key_;
};

}  // namespace rampart::sim
