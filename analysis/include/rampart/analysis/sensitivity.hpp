#pragma once
// Global sensitivity of one outcome to a sweep's factors (`rampart sensitivity`). The method
// follows the sweep's design: Sobol first/total-order indices for a Saltelli design, standardised
// (rank) regression coefficients for a Latin hypercube, and regression plus Morris elementary
// effects for a full factorial grid. Two stages: reading (the outcome of every run, point-major)
// and estimating (a pure function of the design and those outputs), so tests can feed known
// functions through exactly the code path the file goes through.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/table.hpp"
#include "rampart/scenarios/sweep.hpp"
#include "rampart/stats/morris.hpp"
#include "rampart/stats/regression.hpp"
#include "rampart/stats/sobol.hpp"

namespace rampart::analysis {

// What a sweep file says about its design (docs/output.md, "Sweep files").
struct SensitivityDesign {
  scenarios::DesignType type = scenarios::DesignType::FullFactorial;
  std::vector<std::string> factors;  // parameter registry paths
  std::vector<double> matrix;        // points x factors, row-major
  std::size_t base_samples = 0;      // Sobol: N (points = N (factors + 2), rows A, B, AB_1..)
  int replicates = 1;
  [[nodiscard]] std::size_t points() const {
    return factors.empty() ? 0 : matrix.size() / factors.size();
  }
};

struct SensitivityOptions {
  std::size_t bootstrap_samples = 1000;  // Sobol and regression intervals
  double confidence = 0.95;
};

// A regression coefficient with a percentile bootstrap interval over design points.
struct CoefficientEstimate {
  double estimate = 0.0;
  double lower = 0.0;
  double upper = 0.0;
};

struct SensitivityResult {
  scenarios::DesignType design = scenarios::DesignType::FullFactorial;
  std::string outcome;  // the outcome's label
  std::vector<std::string> factors;
  std::size_t points = 0;  // design points analysed
  int replicates = 1;
  double confidence = 0.95;
  std::size_t bootstrap_samples = 0;
  double output_mean = 0.0;      // mean of the point means
  double output_variance = 0.0;  // sample variance of the point means
  // W / (W + B), W the mean within-point (replicate) variance, B the variance of the point
  // means: the share of a single run's variance that is aleatory noise rather than factor
  // effects; NaN with one replicate.
  double noise_variance_share = 0.0;

  std::optional<stats::SobolIndices> sobol;  // Sobol design
  std::vector<CoefficientEstimate> src;      // LHS and factorial (empty otherwise)
  std::vector<CoefficientEstimate> srrc;
  double src_r_squared = 0.0;
  double srrc_r_squared = 0.0;
  std::vector<stats::MorrisEffect> morris;  // full factorial
  // Full factorial: each factor's distinct values (sorted) and the mean outcome of each point at
  // its level indices (points x factors, row-major), so a grid can be shown cell by cell.
  std::vector<std::vector<double>> grid_levels;
  std::vector<std::size_t> grid_index;
  std::vector<double> point_means;
  std::vector<std::string> notes;
};

// The estimator stage. outputs: points x replicates, point-major (outputs[p * R + r]), with no
// NaN. Throws AnalysisError for inconsistent shapes, NaN or a constant outcome.
SensitivityResult sensitivity_from_outputs(const SensitivityDesign& design,
                                           std::span<const double> outputs,
                                           const SensitivityOptions& options = {});

struct SensitivityRequest {
  std::filesystem::path file;
  std::string outcome;      // an Outcome expression (outcome.hpp)
  std::optional<int> year;  // sets or overrides the outcome's @YEAR
  SensitivityOptions options;
  ScanOptions scan;
};

// Reads the sweep file and estimates. RequestError (naming the file) for a run file, an unknown
// outcome, an outcome undefined (NaN) in some run, a constant outcome, or a partial Sobol design.
// A partial file (with scan.allow_partial) analyses the points whose replicates are all complete
// (a Sobol design needs every point).
SensitivityResult sensitivity(const SensitivityRequest& request);

// factor, then the measures of the design with their intervals; notes: design, R^2, noise share.
Table to_table(const SensitivityResult& result);

}  // namespace rampart::analysis
