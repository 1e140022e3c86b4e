#pragma once
// What identifies a results file: its header (the root attributes, scales and stored scenarios
// of docs/output.md), the format version, and reading them back from an open file.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rampart/io/compression.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/mantissa_rounding.hpp"
#include "rampart/io/results_layout.hpp"
#include "rampart/io/shard.hpp"
#include "rampart/scenarios/calibration_data.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"

namespace rampart::engine {

inline constexpr int kFormatMajor = 1;
// 1.1: calibration_file, calibration_text; 1.2: model_version; 1.3: compression;
// 1.4: block_scenarios (chunks that span several scenarios or sweep points);
// 1.5: keep_bits (the float series rounded to fewer mantissa bits, on request)
inline constexpr int kFormatMinor = 5;
inline constexpr const char* kFileType = "rampart-results";

// What a `rampart sweep` file stores about its design (docs/output.md, "Sweep files").
struct SweepHeader {
  std::string name;        // the sweep's name
  std::string sweep_toml;  // the sweep file's text
  std::string design;      // full_factorial, latin_hypercube or sobol
  std::int64_t replicates = 0;
  std::int64_t base_samples = 0;   // Sobol base samples N; 0 for other designs
  std::string base_scenario_toml;  // the resolved base scenario
  std::vector<std::string> factor_paths;
  std::vector<double> matrix;  // point x factor, row-major: the factor values of each point

  friend bool operator==(const SweepHeader&, const SweepHeader&) = default;
};

// Everything that identifies what a results file holds (a resume must match it exactly).
struct ResultsHeader {
  std::string scenario_dim = kScenarioDim;  // name of the first dimension (kPointDim: sweeps)
  std::vector<std::string> scenario_names;
  // Fully resolved TOML, one per scenario; may be empty when `sweep` is set (the points are
  // then rebuilt from the base scenario and the design, see ResultsReader::stored_scenario).
  std::vector<std::string> scenario_tomls;
  std::optional<SweepHeader> sweep;
  std::vector<std::string> country_iso3;
  std::vector<std::string> country_names;
  // The calibration files' text the country table was built from (empty in format 1.0 files).
  std::vector<scenarios::CalibrationFile> calibration_files;
  std::uint64_t seed = 0;
  std::int64_t runs = 0;                   // per scenario
  int first_year = scenarios::kFirstYear;  // the scenarios' start year (initial condition)
  int horizon = 0;                         // last simulated year
  int block_runs = 0;                      // chunk extent along `run`
  // Chunk extent along the first dimension (1 in files before format 1.4).
  int block_scenarios = 1;
  // How the chunked datasets' chunks are stored (Deflate in files before format 1.3).
  Compression compression = kDefaultCompression;
  // The mantissa bits the float series (state/*, world/*) keep: kAllMantissaBits (as computed;
  // files before format 1.5) or fewer with --keep-bits (mantissa_rounding.hpp).
  int keep_bits = kAllMantissaBits;
  std::string command;  // canonical command reproducing the data
  std::string rampart_version;
  // The model that computed the values (sim::kModelVersion); 0 when the file does not say
  // (format 1.0 and 1.1 files, written by model version 2 or earlier).
  int model_version = sim::kModelVersion;
  std::string git_sha;
  std::string created;  // ISO 8601 UTC
  // Set for a shard's part file: it holds only these blocks (docs/cluster.md).
  std::optional<ShardSpec> shard;

  [[nodiscard]] int years() const { return horizon - first_year + 1; }
};

// "YYYY-MM-DDTHH:MM:SSZ" from SOURCE_DATE_EPOCH when set (reproducible files), else from now.
std::string creation_timestamp();

// Throws FormatError unless `root` (an open file) is a Rampart results file of a readable major
// format version.
void check_format(hid_t root, const std::string& file_name);

// The sweep attributes and design stored in an open sweep file.
SweepHeader read_sweep_header(hid_t root);

// The calibration files stored in an open results file (none in a format 1.0 file).
std::vector<scenarios::CalibrationFile> read_calibration_files(hid_t root);

// The `keep_bits` attribute of an open results file: kAllMantissaBits when absent (before format
// 1.5); H5Error when it is not a float's mantissa bits.
int read_keep_bits(hid_t root);

// Reads back what identifies an open results file (its header attributes and dimensions).
ResultsHeader read_results_header(hid_t root);

}  // namespace rampart::engine
