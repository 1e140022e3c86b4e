#pragma once
// Sweep designs: a base scenario, factors (registry parameters) and a design that fixes each
// factor's value at every design point. Every point runs `replicates` times with the same run
// indices, so differences between points are paired (common random numbers).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/scenarios/parameters.hpp"
#include "rampart/scenarios/scenario.hpp"

namespace rampart::scenarios {

enum class DesignType { FullFactorial, LatinHypercube, Sobol };

// "full_factorial", "latin_hypercube" or "sobol" (the names used in sweep files).
std::string_view design_type_name(DesignType type);

inline constexpr std::size_t kDefaultMaxPoints = 10000;

// One factor as the sweep file gives it: either a list of values, or a range [low, high]
// (with `levels` for a full factorial).
struct SweepFactor {
  Param parameter{};
  std::vector<double> values;  // explicit levels (category codes for categorical parameters)
  double low = 0.0;
  double high = 0.0;
  int levels = 0;  // full factorial over a range: evenly spaced levels including both ends

  [[nodiscard]] bool has_values() const { return !values.empty(); }
  // The value at unit coordinate u in [0,1): a value list is cut into equal strata, a range
  // is mapped linearly (integral parameters to one of the integers low..high with equal odds).
  [[nodiscard]] double map_unit(double u) const;
  // The levels a full factorial uses: the value list, or `levels` evenly spaced points.
  [[nodiscard]] std::vector<double> factorial_levels() const;
};

struct SweepDesign {
  std::string name;
  std::string description;
  std::filesystem::path file;  // the sweep file ("" if parsed from text)
  std::filesystem::path base;  // resolved base scenario file
  DesignType type = DesignType::FullFactorial;
  std::vector<SweepFactor> factors;
  std::size_t points = 0;        // rows of `matrix`
  std::vector<double> matrix;    // points x factors, row-major: matrix[p * factors + f]
  std::size_t base_samples = 0;  // Sobol: N (points = N * (factors + 2)); else 0
  int replicates = 1;
  std::uint64_t seed = 0;

  [[nodiscard]] std::size_t factor_count() const { return factors.size(); }
  [[nodiscard]] std::vector<Param> factor_parameters() const;
  [[nodiscard]] double value(std::size_t point, std::size_t factor) const {
    return matrix[point * factors.size() + factor];
  }
  [[nodiscard]] std::span<const double> point(std::size_t p) const {
    return std::span<const double>(matrix).subspan(p * factors.size(), factors.size());
  }
  // Total runs: points x replicates.
  [[nodiscard]] std::size_t runs() const { return points * static_cast<std::size_t>(replicates); }
};

struct SweepLoadOptions {
  // Accept designs with more points than the file's max_points.
  bool force = false;
  // Where a base given as a library file or name ("baseline") is looked up when it is not a
  // file relative to the sweep file. Empty: scenario_library_dir().
  std::filesystem::path library_dir;
};

// Reads and validates a sweep file and generates its design. Collects every problem and throws
// InputError (FILE:LINE:COL diagnostics) with all of them.
SweepDesign load_sweep(const std::filesystem::path& file, const SweepLoadOptions& options = {});

// Whether `file` reads as a sweep file rather than a scenario: valid TOML with a top-level
// `design`, `factors` or `base` key (no scenario has them). False for anything unreadable, which
// the scenario loader then reports.
bool is_sweep_file(const std::filesystem::path& file);

// Parses sweep text; `base` is resolved relative to `base_dir`.
SweepDesign parse_sweep(std::string_view toml_text, std::string_view source_name,
                        const std::filesystem::path& base_dir,
                        const SweepLoadOptions& options = {});

// The number of points a design will have, before generating it (for the max_points check).
std::size_t design_point_count(DesignType type, std::span<const SweepFactor> factors,
                               std::size_t lhs_points, std::size_t base_samples);

// --- design generators on the unit cube (pure; exposed for tests and analysis) -------------

// Every combination of level indices exactly once, the first factor varying slowest.
// Returns rows of level indices (points x factors, row-major).
std::vector<std::size_t> full_factorial_indices(std::span<const std::size_t> level_counts);

// Latin hypercube: n points in [0,1)^d, row-major; in each dimension exactly one point falls
// in each stratum [k/n, (k+1)/n). Strata permutations and in-stratum positions come from
// boost::random::mt19937_64 seeded with `seed` (its raw output only: the same on every platform).
std::vector<double> latin_hypercube_unit(std::size_t n, std::size_t d, std::uint64_t seed);

// Saltelli (2010) sampling matrix on [0,1)^d from a 2d-dimensional Sobol sequence
// (boost::random::sobol): A = first d columns, B = last d; rows in the order A, B, AB_1..AB_d
// where AB_i is A with column i taken from B. n_base * (d + 2) rows, row-major.
std::vector<double> saltelli_unit(std::size_t n_base, std::size_t d);

// The base scenario with every factor fixed at point p's values; named "point_00042".
Scenario scenario_for_point(const Scenario& base, const SweepDesign& design, std::size_t p);

}  // namespace rampart::scenarios
