#pragma once
// The full double-precision state of one simulated year (struct of arrays over states). The
// model keeps two, last year's and this year's, so every decision reads only last year.

#include <array>
#include <cstddef>

namespace rampart::sim {

inline constexpr std::size_t kMaxStates = 40;

using StateArray = std::array<double, kMaxStates>;

struct World {
  int year = 2024;  // calendar year
  int states = 0;   // number of states in use

  // Per state (index = file order of countries_2024.csv).
  StateArray gdp{};                // Y, USD bn (constant 2024)
  StateArray share{};              // s, core defence spending share of GDP
  StateArray related_share{};      // r, defence-related spending share of GDP
  StateArray spending{};           // D = s Y, USD bn
  StateArray capability{};         // K, USD bn-equivalent
  StateArray aid_share{};          // a, military aid to Ukraine, share of GDP
  StateArray commitment{};         // k, 0..1
  StateArray security_weight{};    // w this year
  StateArray perceived_threat{};   // exposure (T - 1 + shock)
  StateArray security_received{};  // Q_-i used in this year's decision
  StateArray allied_security{};    // the non-US part of Q_-i from this year's end-of-year world
  StateArray desired_share{};      // s* this year
  StateArray planned_share{};      // the plan: s_{t-1} moved towards s* within the frictions
  StateArray deterrence_ratio{};   // (K + Q) / (local share R), end of year
  StateArray populism{};           // this year's populist pressure
  StateArray assessed_share{};     // the US's assessment of the share (its trend) used this year
  StateArray capacity{};           // industrial capacity C: spending absorbed at full efficiency

  // World.
  double russia_gdp = 0.0;         // USD bn
  double russia_capability = 0.0;  // R, USD bn-equivalent
  double threat = 1.0;             // T = R_{t-1} / R_2014 used this year (history.hpp)
  double threat_shock = 0.0;       // crisis shock carried into next year's perception
  double us_presence = 1.0;        // P
  double ukraine_aid = 0.0;        // A, USD bn
  int war_state = 0;               // 0 active, 1 ceasefire, 2 frozen
  int crisis_target = -1;          // state index probed this year, -1 none
  int crisis_outcome = 0;          // 0 none, 1 deterred, 2 contained, 3 failed
  bool us_aid_ended = false;
};

}  // namespace rampart::sim
