#pragma once
// The registry of global model parameters (see parameters.def for the table itself).

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace rampart::scenarios {

enum class Param : std::size_t {
#define RAMPART_PARAM(id, path, unit, def, lo, hi, meaning) id,
#include "rampart/scenarios/parameters.def"
#undef RAMPART_PARAM
};

inline constexpr std::size_t kNumParams = 0
// NOLINTNEXTLINE(bugprone-macro-parentheses): the expansion is one term of a sum.
#define RAMPART_PARAM(id, path, unit, def, lo, hi, meaning) +1
#include "rampart/scenarios/parameters.def"
#undef RAMPART_PARAM
    ;

struct ParameterSpec {
  Param id;
  std::string_view path;  // dotted TOML path, e.g. "us.presence_floor"
  std::string_view unit;  // "1", "1/year", "GDP share", "year", "category", ...
  double default_value;
  double min_value;  // inclusive
  double max_value;  // inclusive
  std::string_view meaning;
  std::span<const std::string_view> categories;  // names of codes 0..n-1; empty unless categorical

  [[nodiscard]] bool categorical() const { return !categories.empty(); }
  [[nodiscard]] bool integral() const {
    return unit == "year" || unit == "years" || unit == "degrees of freedom" || categorical();
  }
};

// Every parameter in declaration order; index i has id Param(i).
std::span<const ParameterSpec> parameter_specs();
const ParameterSpec& spec(Param p);
std::optional<Param> find_parameter(std::string_view path);

// US policy codes (us.policy).
enum class UsPolicy : int { Committed = 0, Transactional = 1, Disengaging = 2 };

// One run's values of every global parameter, indexed by Param.
struct ParameterValues {
  std::array<double, kNumParams> values{};
  double operator[](Param p) const { return values[static_cast<std::size_t>(p)]; }
  double& operator[](Param p) { return values[static_cast<std::size_t>(p)]; }
};

ParameterValues default_parameter_values();

}  // namespace rampart::scenarios
