#include "rampart/io/results_header.hpp"

#include <array>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

#include "rampart/io/run_plan.hpp"

namespace rampart::engine {

using h5::check_status;
using h5::Handle;

std::string creation_timestamp() {
  std::time_t seconds = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    seconds = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
  }
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text.data();
}

SweepHeader read_sweep_header(hid_t root) {
  SweepHeader sweep;
  sweep.name = h5::read_string_attribute(root, "sweep_name");
  sweep.sweep_toml = h5::read_string_attribute(root, "sweep_toml");
  sweep.design = h5::read_string_attribute(root, "design");
  sweep.replicates = h5::read_int_attribute(root, "replicates");
  if (h5::has_attribute(root, "base_samples")) {
    sweep.base_samples = h5::read_int_attribute(root, "base_samples");
  }
  sweep.base_scenario_toml = h5::read_string_attribute(root, "base_scenario_toml");
  const Handle factors(H5Dopen2(root, kFactorDim, H5P_DEFAULT), "open factor");
  sweep.factor_paths = h5::read_strings(factors.id());
  const Handle design(H5Dopen2(root, kDesignDataset, H5P_DEFAULT), "open design");
  const auto dims = h5::extent(design.id());
  sweep.matrix.resize(static_cast<std::size_t>(dims.at(0) * dims.at(1)));
  if (!sweep.matrix.empty()) {
    check_status(
        H5Dread(design.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, sweep.matrix.data()),
        "read design");
  }
  return sweep;
}

void check_format(hid_t root, const std::string& file_name) {
  auto refuse = [&](std::string message) {
    throw FormatError(file_diagnostic(file_name, std::move(message)));
  };
  if (!h5::has_attribute(root, "filetype") ||
      h5::read_string_attribute(root, "filetype") != kFileType) {
    refuse("not a Rampart results file (no filetype=\"rampart-results\" attribute)");
  }
  const std::string version = h5::read_string_attribute(root, "format_version");
  const auto dot = version.find('.');
  const std::string major = version.substr(0, dot);
  if (major != std::to_string(kFormatMajor)) {
    refuse("format version " + version + " is not readable by this build (it reads " +
           std::to_string(kFormatMajor) + ".x)");
  }
}

std::vector<scenarios::CalibrationFile> read_calibration_files(hid_t root) {
  std::vector<scenarios::CalibrationFile> files;
  if (H5Lexists(root, kCalibrationFileDim, H5P_DEFAULT) <= 0) return files;
  const Handle paths_ds(H5Dopen2(root, kCalibrationFileDim, H5P_DEFAULT), "open calibration_file");
  const Handle texts_ds(H5Dopen2(root, kCalibrationTextDataset, H5P_DEFAULT),
                        "open calibration_text");
  auto paths = h5::read_strings(paths_ds.id());
  auto texts = h5::read_strings(texts_ds.id());
  if (paths.size() != texts.size()) {
    throw H5Error("calibration_file and calibration_text differ in length");
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    files.push_back({std::move(paths[i]), std::move(texts[i])});
  }
  return files;
}

int read_keep_bits(hid_t root) {
  if (!h5::has_attribute(root, "keep_bits")) return kAllMantissaBits;
  const std::int64_t keep_bits = h5::read_int_attribute(root, "keep_bits");
  if (keep_bits < kFewestMantissaBits || keep_bits > kAllMantissaBits) {
    throw H5Error("keep_bits " + std::to_string(keep_bits) + " is not a float's mantissa bits (" +
                  std::to_string(kFewestMantissaBits) + " to " + std::to_string(kAllMantissaBits) +
                  ")");
  }
  return static_cast<int>(keep_bits);
}

ResultsHeader read_results_header(hid_t root) {
  ResultsHeader header;
  header.scenario_dim = H5Lexists(root, kPointDim, H5P_DEFAULT) > 0 ? kPointDim : kScenarioDim;
  {
    const Handle names(H5Dopen2(root, header.scenario_dim.c_str(), H5P_DEFAULT),
                       "open " + header.scenario_dim);
    header.scenario_names = h5::read_strings(names.id());
  }
  if (H5Lexists(root, kScenarioTomlDataset, H5P_DEFAULT) > 0) {
    const Handle tomls(H5Dopen2(root, kScenarioTomlDataset, H5P_DEFAULT), "open scenario_toml");
    header.scenario_tomls = h5::read_strings(tomls.id());
  }
  if (h5::has_attribute(root, "sweep_toml")) header.sweep = read_sweep_header(root);
  {
    const Handle iso3(H5Dopen2(root, kCountryDim, H5P_DEFAULT), "open country");
    header.country_iso3 = h5::read_strings(iso3.id());
    const Handle names(H5Dopen2(root, "country_name", H5P_DEFAULT), "open country_name");
    header.country_names = h5::read_strings(names.id());
  }
  header.calibration_files = read_calibration_files(root);
  header.seed = h5::read_uint_attribute(root, "seed");
  header.runs = h5::read_int_attribute(root, "runs");
  header.horizon = static_cast<int>(h5::read_int_attribute(root, "horizon"));
  header.first_year = static_cast<int>(h5::read_int_attribute(root, "first_year"));
  header.block_runs = static_cast<int>(h5::read_int_attribute(root, "block_runs"));
  if (h5::has_attribute(root, "block_scenarios")) {
    header.block_scenarios = static_cast<int>(h5::read_int_attribute(root, "block_scenarios"));
  }
  if (header.block_runs <= 0 || header.block_scenarios <= 0 ||
      (header.block_scenarios > 1 && header.block_runs != header.runs)) {
    throw H5Error("an inconsistent chunk grid (block_runs " + std::to_string(header.block_runs) +
                  ", block_scenarios " + std::to_string(header.block_scenarios) + ", runs " +
                  std::to_string(header.runs) + ")");
  }
  if (h5::has_attribute(root, "compression")) {
    const std::string name = h5::read_string_attribute(root, "compression");
    const auto compression = parse_compression(name);
    if (!compression) {
      throw H5Error("unknown compression '" + name + "' (this version reads " +
                    compression_names() + ")");
    }
    header.compression = *compression;
  }
  header.keep_bits = read_keep_bits(root);
  header.command = h5::read_string_attribute(root, "command");
  header.rampart_version = h5::read_string_attribute(root, "rampart_version");
  header.model_version = h5::has_attribute(root, "model_version")
                             ? static_cast<int>(h5::read_int_attribute(root, "model_version"))
                             : 0;
  header.git_sha = h5::read_string_attribute(root, "git_sha");
  header.created = h5::read_string_attribute(root, "created");
  if (h5::has_attribute(root, "shard")) {
    const std::string label = h5::read_string_attribute(root, "shard");
    ShardSpec shard;
    try {
      shard = parse_shard(label, plan_of(header).total_blocks());
    } catch (const std::invalid_argument&) {
      throw H5Error("unreadable shard attribute '" + label + "'");
    }
    if (h5::read_int_attribute(root, "shard_first_block") != shard.first_block ||
        h5::read_int_attribute(root, "shard_end_block") != shard.end_block) {
      throw H5Error("the shard's block range does not match shard " + label);
    }
    header.shard = shard;
  }
  return header;
}

}  // namespace rampart::engine
