#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <numbers>
#include <vector>

#include "../engine/fake_model.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/sensitivity.hpp"
#include "rampart/engine/run_to_file.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/sweep.hpp"
#include "rampart/stats/descriptive.hpp"

namespace rampart::analysis {
namespace {

double ishigami(double x1, double x2, double x3) {
  constexpr double a = 7.0;
  constexpr double b = 0.1;
  return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
}

// The project's own Saltelli design (scenarios::saltelli_unit, rows A, B, AB_1..AB_3) mapped to
// [-pi, pi]^3, evaluated through the estimator stage the file path uses.
SensitivityDesign ishigami_design(std::size_t n, int replicates) {
  SensitivityDesign design;
  design.type = scenarios::DesignType::Sobol;
  design.factors = {"x1", "x2", "x3"};
  design.base_samples = n;
  design.replicates = replicates;
  for (const double u : scenarios::saltelli_unit(n, 3)) {
    design.matrix.push_back(-std::numbers::pi + 2.0 * std::numbers::pi * u);
  }
  return design;
}

// Analytic indices (Ishigami & Homma 1990; Saltelli et al. 2008, p. 179): S1 = 0.3139,
// 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
TEST(Sensitivity, IshigamiSobolIndicesLieInTheirBootstrapIntervals) {
  const SensitivityDesign design = ishigami_design(4096, 1);
  std::vector<double> outputs;
  for (std::size_t p = 0; p < design.points(); ++p) {
    outputs.push_back(
        ishigami(design.matrix[p * 3], design.matrix[p * 3 + 1], design.matrix[p * 3 + 2]));
  }
  SensitivityOptions options;
  options.bootstrap_samples = 400;
  const SensitivityResult result = sensitivity_from_outputs(design, outputs, options);
  ASSERT_TRUE(result.sobol.has_value());
  const double s1[] = {0.3139, 0.4424, 0.0};
  const double st[] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    const stats::IndexEstimate& f = result.sobol->first_order[i];
    const stats::IndexEstimate& t = result.sobol->total_order[i];
    EXPECT_LE(f.lower, s1[i]) << "S1 of x" << i + 1;
    EXPECT_GE(f.upper, s1[i]) << "S1 of x" << i + 1;
    EXPECT_LE(t.lower, st[i]) << "ST of x" << i + 1;
    EXPECT_GE(t.upper, st[i]) << "ST of x" << i + 1;
    EXPECT_LT(f.upper - f.lower, 0.15);  // and the intervals are informative
  }
  EXPECT_TRUE(std::isnan(result.noise_variance_share));
  const Table table = to_table(result);
  EXPECT_EQ(table.rows().size(), 3U);
  EXPECT_EQ(table.columns()[1], "S1");
}

// The whole file path: a real sweep file written by the engine (run_to_file), whose design is
// the project's Saltelli design on [-pi, pi]^3 and whose `crises` summary of every run is the
// Ishigami value of its point, read back by sensitivity() through ResultsScan and Outcome.
TEST(Sensitivity, IshigamiSweepFileThroughTheFilePath) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("rampart_sensitivity_ishigami_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  constexpr std::size_t kBase = 512;
  const SensitivityDesign design = ishigami_design(kBase, 1);
  const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
  const scenarios::Scenario base =
      scenarios::load_scenario(scenarios::scenario_library_dir() / "baseline.toml", countries);

  engine::RunToFileRequest request;
  engine::ResultsHeader& header = request.header;
  header.scenario_dim = engine::kPointDim;
  for (std::size_t p = 0; p < design.points(); ++p) {
    header.scenario_names.push_back("point_" + std::to_string(100000 + p).substr(1));
  }
  engine::SweepHeader sweep;
  sweep.name = "ishigami";
  sweep.sweep_toml = "# test";
  sweep.design = "sobol";
  sweep.replicates = 1;
  sweep.base_samples = static_cast<std::int64_t>(kBase);
  sweep.base_scenario_toml = scenarios::to_toml(base);
  sweep.factor_paths = {"us.presence_floor", "russia.rebuild_multiplier",
                        "state.threat_sensitivity"};
  sweep.matrix = design.matrix;
  header.sweep = sweep;
  for (const auto& c : base.countries) {
    header.country_iso3.push_back(c.iso3);
    header.country_names.push_back(c.name);
  }
  header.seed = 1;
  header.runs = 1;
  header.horizon = scenarios::kFirstYear + 1;
  header.block_runs = engine::default_block_runs(1);
  header.command = "test";
  header.rampart_version = "test";
  header.git_sha = "test";
  header.created = "2025-01-01T00:00:00Z";
  request.shape = sim::RecordShape{header.years(), static_cast<int>(header.country_iso3.size())};
  request.output = dir / "ishigami.h5";
  request.threads = 2;
  const engine::SimulateRun simulate = [&](std::size_t p, const sim::RunRng& rng,
                                           scenarios::ParameterValues& params,
                                           const sim::RunRecordView& out) {
    engine::testing::fake_run(p, rng, params, out);
    out.at(sim::SummaryVar::Crises) = static_cast<float>(
        ishigami(design.matrix[p * 3], design.matrix[p * 3 + 1], design.matrix[p * 3 + 2]));
  };
  ASSERT_TRUE(engine::run_to_file(request, simulate).complete);

  SensitivityRequest sensitivity_request;
  sensitivity_request.file = request.output;
  sensitivity_request.outcome = "crises";
  sensitivity_request.options.bootstrap_samples = 300;
  const SensitivityResult result = sensitivity(sensitivity_request);
  fs::remove_all(dir);
  ASSERT_TRUE(result.sobol.has_value());
  EXPECT_EQ(result.points, design.points());
  EXPECT_EQ(result.factors, sweep.factor_paths);
  const double s1[] = {0.3139, 0.4424, 0.0};
  const double st[] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    const stats::IndexEstimate& f = result.sobol->first_order[i];
    const stats::IndexEstimate& t = result.sobol->total_order[i];
    EXPECT_LE(f.lower, s1[i]) << "S1 of x" << i + 1;
    EXPECT_GE(f.upper, s1[i]) << "S1 of x" << i + 1;
    EXPECT_LE(t.lower, st[i]) << "ST of x" << i + 1;
    EXPECT_GE(t.upper, st[i]) << "ST of x" << i + 1;
  }
}

// Replicates carry pure noise: the indices of the point means stay, and the aleatory share is
// the noise variance over the single-run variance.
TEST(Sensitivity, ReplicatedDesignReportsTheNoiseShare) {
  const SensitivityDesign design = ishigami_design(1024, 4);
  std::vector<double> outputs;
  for (std::size_t p = 0; p < design.points(); ++p) {
    const double y =
        ishigami(design.matrix[p * 3], design.matrix[p * 3 + 1], design.matrix[p * 3 + 2]);
    for (const double e : {-1.0, 1.0, -1.0, 1.0}) outputs.push_back(y + e);
  }
  SensitivityOptions options;
  options.bootstrap_samples = 200;
  const SensitivityResult result = sensitivity_from_outputs(design, outputs, options);
  // Ishigami variance a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.845; noise variance 4/3 (the
  // sample variance of -1, 1, -1, 1) and exactly 0 in the point means.
  const double v = 13.845;
  EXPECT_NEAR(result.noise_variance_share, (4.0 / 3.0) / (4.0 / 3.0 + v), 0.01);
  EXPECT_NEAR(result.sobol->first_order[1].estimate, 0.4424, 0.05);
}

// A linear function on a Latin hypercube: SRC_i = b_i sd_i / sd_y (sample standard deviations:
// an exact identity when R^2 = 1) and about b_i / sqrt(b_1^2 + b_2^2) as the sample grows.
TEST(Sensitivity, LatinHypercubeGivesRegressionRankings) {
  SensitivityDesign design;
  design.type = scenarios::DesignType::LatinHypercube;
  design.factors = {"a", "b"};
  design.matrix = scenarios::latin_hypercube_unit(500, 2, 9);
  std::vector<double> outputs;
  for (std::size_t p = 0; p < 500; ++p) {
    outputs.push_back(2.0 * design.matrix[p * 2] + 1.0 * design.matrix[p * 2 + 1]);
  }
  SensitivityOptions options;
  options.bootstrap_samples = 200;
  const SensitivityResult result = sensitivity_from_outputs(design, outputs, options);
  ASSERT_EQ(result.src.size(), 2U);
  EXPECT_NEAR(result.src_r_squared, 1.0, 1e-9);
  std::vector<double> column0;
  std::vector<double> column1;
  for (std::size_t p = 0; p < 500; ++p) {
    column0.push_back(design.matrix[p * 2]);
    column1.push_back(design.matrix[p * 2 + 1]);
  }
  const double sd_y = stats::describe(outputs).standard_deviation;
  EXPECT_NEAR(result.src[0].estimate, 2.0 * stats::describe(column0).standard_deviation / sd_y,
              1e-9);
  EXPECT_NEAR(result.src[1].estimate, 1.0 * stats::describe(column1).standard_deviation / sd_y,
              1e-9);
  EXPECT_NEAR(result.src[0].estimate, 2.0 / std::sqrt(5.0), 0.05);
  EXPECT_NEAR(result.src[1].estimate, 1.0 / std::sqrt(5.0), 0.05);
  EXPECT_LE(result.src[0].lower, result.src[0].estimate);
  EXPECT_GE(result.src[0].upper, result.src[0].estimate);
  EXPECT_TRUE(result.morris.empty());
  EXPECT_FALSE(result.sobol.has_value());
}

// A full factorial grid: Morris mu* = |slope| x range for linear terms, and SRC too.
TEST(Sensitivity, FullFactorialGivesMorrisAndRegression) {
  SensitivityDesign design;
  design.type = scenarios::DesignType::FullFactorial;
  design.factors = {"a", "b"};
  const std::vector<double> la = {0.1, 0.2, 0.3};
  const std::vector<double> lb = {1.0, 2.0, 3.0, 4.0};
  std::vector<double> outputs;
  for (const std::size_t i : scenarios::full_factorial_indices(std::vector<std::size_t>{3, 4})) {
    design.matrix.push_back(static_cast<double>(i));  // replaced below
  }
  const std::vector<std::size_t> idx =
      scenarios::full_factorial_indices(std::vector<std::size_t>{3, 4});
  for (std::size_t p = 0; p < 12; ++p) {
    design.matrix[p * 2] = la[idx[p * 2]];
    design.matrix[p * 2 + 1] = lb[idx[p * 2 + 1]];
    outputs.push_back(10.0 * design.matrix[p * 2] - design.matrix[p * 2 + 1]);
  }
  SensitivityOptions options;
  options.bootstrap_samples = 100;
  const SensitivityResult result = sensitivity_from_outputs(design, outputs, options);
  ASSERT_EQ(result.morris.size(), 2U);
  EXPECT_NEAR(result.morris[0].mu_star, 10.0 * 0.2, 1e-9);
  EXPECT_NEAR(result.morris[1].mu, -3.0, 1e-9);
  EXPECT_NEAR(result.morris[1].sigma, 0.0, 1e-9);
  EXPECT_NEAR(result.src_r_squared, 1.0, 1e-9);
  EXPECT_EQ(to_table(result).columns().size(), 1U + 6U + 4U);
  // The grid as a report shows it: each factor's levels and every point's mean at its cell.
  ASSERT_EQ(result.grid_levels.size(), 2U);
  EXPECT_EQ(result.grid_levels[0], la);
  EXPECT_EQ(result.grid_levels[1], lb);
  ASSERT_EQ(result.point_means.size(), 12U);
  for (std::size_t p = 0; p < 12; ++p) {
    EXPECT_EQ(result.grid_index[p * 2], idx[p * 2]);
    EXPECT_EQ(result.grid_index[p * 2 + 1], idx[p * 2 + 1]);
    EXPECT_DOUBLE_EQ(result.point_means[p], outputs[p]);
  }
}

TEST(Sensitivity, RejectsNaNConstantOutcomesAndBadShapes) {
  const SensitivityDesign design = ishigami_design(8, 1);
  std::vector<double> outputs(design.points(), 1.0);
  EXPECT_THROW((void)sensitivity_from_outputs(design, outputs), AnalysisError);
  outputs[3] = NAN;
  EXPECT_THROW((void)sensitivity_from_outputs(design, outputs), AnalysisError);
  outputs.pop_back();
  EXPECT_THROW((void)sensitivity_from_outputs(design, outputs), AnalysisError);
}

}  // namespace
}  // namespace rampart::analysis
