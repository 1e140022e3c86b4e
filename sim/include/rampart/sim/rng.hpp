#pragma once
// Counter-based random streams: a draw is a pure function of (seed, run, stream, year, agent, k),
// never of thread, rank or call order (Philox4x64-10, Random123). There is no state to seed.

#include <Random123/philox.h>

#include <Random123/boxmuller.hpp>
#include <array>
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

  // Standard normal (Box-Muller on two 64-bit words of the same block).
  [[nodiscard]] double normal(Stream s, std::uint64_t year, std::uint64_t agent,
                              std::uint64_t k = 0) const {
    const auto out = block(s, year, agent, k);
    return r123::boxmuller(out.v[0], out.v[1]).x;
  }

  // Four independent standard normals from one block (two Box-Muller pairs): the cheap way to
  // draw an agent's several yearly shocks, each purpose keeping its own fixed slot.
  [[nodiscard]] std::array<double, 4> normals4(Stream s, std::uint64_t year, std::uint64_t agent,
                                               std::uint64_t k = 0) const {
    const auto out = block(s, year, agent, k);
    const auto a = r123::boxmuller(out.v[0], out.v[1]);
    const auto b = r123::boxmuller(out.v[2], out.v[3]);
    return {a.x, a.y, b.x, b.y};
  }

  [[nodiscard]] std::uint64_t seed() const { return key_.v[0]; }
  [[nodiscard]] std::uint64_t run() const { return key_.v[1]; }

 private:
  using Engine = r123::Philox4x64;
  [[nodiscard]] Engine::ctr_type block(Stream s, std::uint64_t year, std::uint64_t agent,
                                       std::uint64_t k) const {
    const Engine::ctr_type ctr{{static_cast<std::uint64_t>(s), year, agent, k}};
    return Engine{}(ctr, key_);
  }
  static double to_open_unit(std::uint64_t x) {
    return (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53;
  }
  Engine::key_type key_;
};

}  // namespace rampart::sim
