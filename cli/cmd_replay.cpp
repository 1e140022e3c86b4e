// rampart replay FILE.h5 --run I [--scenario NAME]: recompute one run from what the file stores
// (resolved scenario TOML, seed, horizon) and compare every stored value of it bit for bit.

#include <algorithm>
#include <array>
#include <boost/program_options.hpp>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "analysis_options.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "rampart/io/block_buffer.hpp"
#include "rampart/io/results_reader.hpp"
#include "rampart/scenarios/calibration_data.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;

// Names a value of a series by its place: "[2031, DEU]", "[2031]" or "[economy.growth]".
using IndexLabel = std::function<std::string(std::size_t)>;

// Appended in steps: GCC 12 at -O3 sees a false -Wrestrict overlap in "[" + to_string(i) + "]".
std::string bracketed(const std::string& inside) {
  std::string text = "[";
  text += inside;
  text += ']';
  return text;
}

std::string plain_index(std::size_t i) {
  return bracketed(std::to_string(i));
}

// Collects comparisons; values are equal when their bits are (so NaN == NaN, 0.0 != -0.0).
class Comparison {
 public:
  template <typename T>
  void values(const std::string& what, const std::vector<T>& stored, const T* recomputed,
              std::size_t count, const IndexLabel& label = plain_index) {
    if (stored.size() != count) {
      mismatch(what + ": " + std::to_string(stored.size()) + " values stored, " +
               std::to_string(count) + " recomputed");
      return;
    }
    for (std::size_t i = 0; i < count; ++i) {
      ++compared_;
      // Bit for bit on purpose: a replay must reproduce the stored bytes, not just equal values.
      // NOLINTNEXTLINE(bugprone-suspicious-memory-comparison)
      if (std::memcmp(&stored[i], &recomputed[i], sizeof(T)) != 0) {
        mismatch(what + label(i) + ": stored " + text(stored[i]) + ", recomputed " +
                 text(recomputed[i]));
      }
    }
  }
  void mismatch(std::string message) {
    ++mismatches_;
    if (shown_.size() < kShown) shown_.push_back(std::move(message));
  }
  [[nodiscard]] std::size_t compared() const { return compared_; }
  [[nodiscard]] std::size_t mismatches() const { return mismatches_; }
  [[nodiscard]] const std::vector<std::string>& shown() const { return shown_; }

 private:
  static constexpr std::size_t kShown = 10;
  template <typename T>
  static std::string text(T v) {
    if constexpr (std::is_floating_point_v<T>) {
      std::array<char, 40> buffer{};
      std::snprintf(buffer.data(), buffer.size(), "%.17g", static_cast<double>(v));
      return buffer.data();
    } else {
      return std::to_string(static_cast<long long>(v));
    }
  }
  std::size_t compared_ = 0;
  std::size_t mismatches_ = 0;
  std::vector<std::string> shown_;
};

// The scenario (or sweep point) asked for by name, else the file's first.
std::size_t scenario_position(const engine::ResultsReader& reader, const po::variables_map& vm,
                              const std::string& file) {
  if (vm.count("scenario") == 0U) return 0;
  const auto names = reader.scenario_names();
  const auto wanted = vm["scenario"].as<std::string>();
  const auto it = std::find(names.begin(), names.end(), wanted);
  if (it == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    if (names.size() > 10) list = names.front() + " .. " + names.back();
    throw UsageError{"no " + reader.scenario_dim() + " '" + wanted + "' in " + file +
                     " (it has: " + list + ")"};
  }
  return static_cast<std::size_t>(it - names.begin());
}

// Refuses a run index outside the file, or a run a partial file does not hold yet.
void check_run_stored(const engine::ResultsReader& reader, std::size_t s, std::int64_t run,
                      const std::string& name) {
  const std::int64_t runs = reader.runs();
  if (run < 0 || run >= runs) {
    throw UsageError{"--run must be between 0 and " + std::to_string(runs - 1) + " (got " +
                     std::to_string(run) + ")"};
  }
  const auto blocks_done = reader.int_attribute("blocks_done");
  if (reader.string_attribute("status") != "complete") {
    const engine::RunPlan plan = reader.plan();
    if (plan.block_of(s, run) >= blocks_done) {
      throw UsageError{"run " + std::to_string(run) + " of " + name +
                       " is not in this partial file yet"};
    }
  }
}

// The labels of a run's values from the file's scales: parameter paths, years, countries.
struct ValueLabels {
  IndexLabel parameter;
  IndexLabel year_country;  // state series, [year][country] flattened
  IndexLabel year;          // world series and codes
};

ValueLabels value_labels(const engine::ResultsReader& reader) {
  auto parameters =
      std::make_shared<std::vector<std::string>>(reader.strings(engine::kParameterDim));
  auto countries = std::make_shared<std::vector<std::string>>(reader.strings(engine::kCountryDim));
  const auto first_year = reader.int_attribute("first_year");
  const auto year_of = [first_year](std::size_t i) {
    return std::to_string(first_year + static_cast<std::int64_t>(i));
  };
  ValueLabels labels;
  labels.parameter = [parameters](std::size_t i) {
    return i < parameters->size() ? bracketed((*parameters)[i]) : plain_index(i);
  };
  labels.year_country = [countries, year_of](std::size_t i) {
    if (countries->empty()) return plain_index(i);
    return bracketed(year_of(i / countries->size()) + ", " + (*countries)[i % countries->size()]);
  };
  labels.year = [year_of](std::size_t i) { return bracketed(year_of(i)); };
  return labels;
}

// Every stored value of run `run` of scenario `s` against the recomputed one in `buffer`.
Comparison compare_run(const engine::ResultsReader& reader, std::size_t s, std::int64_t run,
                       const engine::BlockBuffer& buffer) {
  Comparison cmp;
  const ValueLabels labels = value_labels(reader);
  const scenarios::ParameterValues& params = buffer.parameters().front();
  cmp.values("parameters", reader.parameters(s, run), params.values.data(), params.values.size(),
             labels.parameter);
  for (std::size_t v = 0; v < sim::kNumStateVars; ++v) {
    const auto var = static_cast<sim::StateVar>(v);
    const auto recomputed = buffer.state(var);
    cmp.values("state/" + std::string(sim::state_var_info()[v].name), reader.state(var, s, run),
               recomputed.data(), recomputed.size(), labels.year_country);
  }
  for (std::size_t v = 0; v < sim::kNumWorldVars; ++v) {
    const auto var = static_cast<sim::WorldVar>(v);
    const auto recomputed = buffer.world(var);
    cmp.values("world/" + std::string(sim::world_var_info()[v].name), reader.world(var, s, run),
               recomputed.data(), recomputed.size(), labels.year);
  }
  for (std::size_t c = 0; c < sim::kNumWorldCodes; ++c) {
    const auto code = static_cast<sim::WorldCode>(c);
    const auto recomputed = buffer.codes(code);
    cmp.values("world/" + std::string(sim::world_code_info()[c].name), reader.codes(code, s, run),
               recomputed.data(), recomputed.size(), labels.year);
  }
  for (std::size_t v = 0; v < sim::kNumSummaryVars; ++v) {
    const auto var = static_cast<sim::SummaryVar>(v);
    const float recomputed = buffer.summary(0, var);
    cmp.values("summary/" + std::string(sim::summary_var_info()[v].name),
               std::vector<float>{reader.summary(var, s, run)}, &recomputed, 1);
  }
  const auto stored_events = reader.events(s, run);
  const auto recomputed_events = buffer.events(0);
  if (stored_events.size() != recomputed_events.size()) {
    cmp.mismatch("events: " + std::to_string(stored_events.size()) + " stored, " +
                 std::to_string(recomputed_events.size()) + " recomputed");
    return cmp;
  }
  for (std::size_t i = 0; i < stored_events.size(); ++i) {
    const auto& a = stored_events[i];
    const auto& b = recomputed_events[i];
    const std::string at = "events[" + std::to_string(i) + "].";
    cmp.values(at + "year", std::vector<std::int16_t>{a.year}, &b.year, 1);
    cmp.values(at + "kind", std::vector<std::int8_t>{a.kind}, &b.kind, 1);
    cmp.values(at + "country", std::vector<std::int8_t>{a.country}, &b.country, 1);
    cmp.values(at + "value", std::vector<float>{a.value}, &b.value, 1);
  }
  return cmp;
}

// The country table the run is recomputed with: built from the calibration data stored in the
// file, saying when the library's differ; the library's for a file that stores none (format
// 1.0) or when `use_library` asks for them.
scenarios::CountryTable replay_countries(const engine::ResultsReader& reader,
                                         const std::string& file, bool use_library) {
  const auto library_dir = scenarios::scenario_library_dir();
  auto library = std::make_shared<const scenarios::CalibrationData>(
      scenarios::read_calibration_data(library_dir));
  auto stored_table = reader.stored_country_table();
  if (!stored_table) {
    std::cerr << "note: " << file
              << " does not store its calibration data (written before format 1.1); replaying "
                 "with the library's ("
              << (library_dir / "data").string() << ")\n";
    return scenarios::load_country_table(library);
  }
  std::string differing;
  for (const auto& path : scenarios::differing_files(*stored_table->data, *library)) {
    differing += (differing.empty() ? "" : ", ") + path;
  }
  if (use_library) {
    if (!differing.empty()) {
      std::cerr << "note: replaying with the library's calibration data, which differ from the "
                   "file's in "
                << differing << "\n";
    }
    return scenarios::load_country_table(library);
  }
  if (!differing.empty()) {
    std::cerr << "note: the calibration data differ from the file's (" << differing << " in "
              << library_dir.string()
              << "); replaying with the data stored in the file (--library-data replays with "
                 "the library's)\n";
  }
  return std::move(*stored_table);
}

// A file from another model version is replayed with this build's model: say why values differ.
void note_model_version(int file_version, const std::string& file) {
  if (file_version == sim::kModelVersion) return;
  std::cerr << "note: " << file << " was written by model version "
            << (file_version == 0 ? std::string("2 or earlier (not recorded before format 1.2)")
                                  : std::to_string(file_version))
            << "; this build runs model version " << sim::kModelVersion
            << ", whose values differ for the same seed and run (docs/model.md, \"Model "
               "versions\"): replay it with the rampart version that wrote it ("
            << "rampart_version and git_sha in the file)\n";
}

}  // namespace

// Options, the run asked for, its recomputation from the file alone, then the comparison.
int cmd_replay(const Args& args) {
  po::options_description visible(
      "Usage: rampart replay FILE.h5 --run I [--scenario NAME]\n\n"
      "Recomputes run I of a scenario (or of a sweep point, NAME = point_00003) from the file\n"
      "alone (its resolved scenario TOML or sweep design, calibration data, seed and horizon):\n"
      "re-samples the parameters, re-runs the model and compares every stored value of that run\n"
      "bit for bit. Exit status 0 on a match, 1 on any difference.\n\nOptions");
  visible.add_options()("help,h", "show this help")("run,r", po::value<std::int64_t>(),
                                                    "run index (0-based)")(
      "scenario", po::value<std::string>(),
      "scenario or sweep point name (default: the file's first)")(
      "library-data",
      "recompute with the scenario library's calibration data instead of the file's (shows "
      "what a change of the data does to the run)");
  const auto parsed = parse_options(args, "", visible, {"file", -1});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  const std::string file = single_results_file(vm);
  if (vm.count("run") == 0U) throw UsageError{"--run is required"};
  const std::int64_t run = vm["run"].as<std::int64_t>();

  const engine::ResultsReader reader(file);
  const auto names = reader.scenario_names();
  const std::size_t s = scenario_position(reader, vm, file);
  check_run_stored(reader, s, run, names[s]);

  const auto countries = replay_countries(reader, file, vm.count("library-data") != 0U);
  note_model_version(reader.model_version(), file);
  // A run file stores each resolved scenario; a sweep file rebuilds the point from its base
  // scenario and design row.
  const scenarios::Scenario scenario = reader.stored_scenario(s, countries);
  const sim::Model model(scenario, reader.horizon());
  engine::BlockBuffer buffer(model.shape(), 1);
  buffer.assign(s, run, 1);
  model.sample_and_run(sim::RunRng(reader.seed(), static_cast<std::uint64_t>(run)),
                       buffer.parameters(0), buffer.view(0));
  // A file written with --keep-bits stores the series rounded: so is the recomputed run.
  buffer.round_series(reader.keep_bits());

  const Comparison cmp = compare_run(reader, s, run, buffer);
  if (cmp.mismatches() == 0) {
    std::cout << "run " << run << " of " << names[s] << ": match (" << cmp.compared()
              << " values)\n";
    return 0;
  }
  std::cout << "run " << run << " of " << names[s] << ": " << cmp.mismatches() << " of "
            << cmp.compared() << " values differ; first:\n";
  for (const auto& m : cmp.shown()) std::cout << "  " << m << '\n';
  return 1;
}

}  // namespace rampart::cli
