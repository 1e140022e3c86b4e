#pragma once
// Reads a results file (docs/output.md): header attributes, the stored scenarios, and any run's
// series, parameters and events. Refuses files that are not Rampart results or whose format
// major version differs from this build's.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rampart/io/h5.hpp"
#include "rampart/io/results_layout.hpp"
#include "rampart/io/run_plan.hpp"
#include "rampart/scenarios/calibration_data.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/run_record.hpp"

namespace rampart::engine {

class ResultsReader {
 public:
  explicit ResultsReader(const std::filesystem::path& path);

  [[nodiscard]] std::string string_attribute(const char* name) const;
  [[nodiscard]] std::int64_t int_attribute(const char* name) const;
  [[nodiscard]] std::uint64_t seed() const;
  // The model version that computed the values; 0 when the file does not record it (format < 1.2).
  [[nodiscard]] int model_version() const;
  // The mantissa bits its float series keep (kAllMantissaBits before format 1.5); H5Error when
  // the attribute is out of range.
  [[nodiscard]] int keep_bits() const;
  [[nodiscard]] std::int64_t runs() const { return int_attribute("runs"); }
  [[nodiscard]] int horizon() const { return static_cast<int>(int_attribute("horizon")); }
  // The file's chunk grid (block_runs, block_scenarios: 1 before format 1.4); H5Error when
  // the attributes are missing or inconsistent.
  [[nodiscard]] RunPlan plan() const;
  // The first dimension: "scenario" (rampart run) or "point" (rampart sweep); either way
  // scenario_names() lists its entries and the `scenario` arguments below index it.
  [[nodiscard]] const std::string& scenario_dim() const { return scenario_dim_; }
  [[nodiscard]] std::vector<std::string> scenario_names() const;
  // The stored resolved TOML of every scenario (run files; a sweep file has none, see
  // stored_scenario).
  [[nodiscard]] std::vector<std::string> scenario_tomls() const;
  // A sweep file (it has the sweep_toml attribute and the `design` dataset)?
  [[nodiscard]] bool is_sweep() const;
  [[nodiscard]] std::vector<std::string> factor_paths() const;
  // point x factor, row-major.
  [[nodiscard]] std::vector<double> design() const;
  // The scenario that was run as entry `scenario` of the first dimension: parsed from its
  // stored TOML, or for a sweep rebuilt from the base scenario and the point's design row.
  [[nodiscard]] scenarios::Scenario stored_scenario(std::size_t scenario,
                                                    const scenarios::CountryTable& countries) const;
  [[nodiscard]] std::vector<std::string> strings(const char* dataset) const;
  // The calibration data the runs were computed from, as stored in the file (format 1.1 on);
  // nullopt for an older file, which did not store them.
  [[nodiscard]] std::optional<scenarios::CalibrationData> calibration_data() const;
  // The country table built from the stored calibration data (nullopt for an older file). Data
  // that do not load (a damaged file) throw FormatError naming the first problem.
  [[nodiscard]] std::optional<scenarios::CountryTable> stored_country_table() const;

  // One run's slice; series are [year][country] (state) or [year] (world).
  [[nodiscard]] std::vector<double> parameters(std::size_t scenario, std::int64_t run) const;
  [[nodiscard]] std::vector<float> state(sim::StateVar v, std::size_t scenario,
                                         std::int64_t run) const;
  [[nodiscard]] std::vector<float> world(sim::WorldVar v, std::size_t scenario,
                                         std::int64_t run) const;
  [[nodiscard]] std::vector<std::int8_t> codes(sim::WorldCode c, std::size_t scenario,
                                               std::int64_t run) const;
  [[nodiscard]] float summary(sim::SummaryVar v, std::size_t scenario, std::int64_t run) const;
  [[nodiscard]] std::vector<EventRow> events(std::size_t scenario, std::int64_t run) const;
  [[nodiscard]] std::vector<EventRow> all_events() const;

  // One value of every run of a scenario (run order), for statistics across runs: a state
  // series at (year index, country index), a world series or code at a year index, a summary,
  // one parameter.
  [[nodiscard]] std::vector<float> state_over_runs(sim::StateVar v, std::size_t scenario,
                                                   int year_index, int country) const;
  [[nodiscard]] std::vector<float> world_over_runs(sim::WorldVar v, std::size_t scenario,
                                                   int year_index) const;
  [[nodiscard]] std::vector<std::int8_t> codes_over_runs(sim::WorldCode c, std::size_t scenario,
                                                         int year_index) const;
  [[nodiscard]] std::vector<float> summary_over_runs(sim::SummaryVar v, std::size_t scenario) const;
  [[nodiscard]] std::vector<double> parameter_over_runs(std::size_t parameter,
                                                        std::size_t scenario) const;

  // Every numeric dataset of the layout (state/..., world/..., summary/..., parameters), and one
  // of them read whole in its stored type, for exact comparisons.
  [[nodiscard]] static std::vector<std::string> numeric_datasets();
  [[nodiscard]] std::vector<unsigned char> raw(const std::string& dataset) const;

  [[nodiscard]] hid_t file() const { return file_.id(); }

 private:
  void read_over_runs(const std::string& dataset, std::size_t scenario,
                      const std::vector<hsize_t>& trailing, hid_t memory_type, void* out) const;
  template <typename T>
  std::vector<T> run_values(const std::string& dataset, std::size_t scenario, std::int64_t run,
                            hid_t memory_type) const;
  void read_run_slab(const std::string& dataset, std::size_t scenario, std::int64_t run,
                     hid_t memory_type, void* out) const;
  std::filesystem::path path_;
  h5::Handle file_;
  std::string scenario_dim_;
};

}  // namespace rampart::engine
