#include "rampart/analysis/sensitivity.hpp"

#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <cmath>
#include <limits>

#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/outcome.hpp"
#include "rampart/stats/descriptive.hpp"
#include "rampart/support/text_format.hpp"

namespace rampart::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint64_t kBootstrapSeed = 20240101;  // the same as stats::SobolOptions' default

// Four significant digits: what a reader compares in these tables' notes.
std::string number(double v) {
  return support::format_significant(v, 4);
}

// SRC and SRRC with percentile bootstrap intervals over design points (rows resampled with
// replacement; a resample the regression cannot fit, e.g. one with a constant column, is
// skipped).
void regression_rankings(std::span<const double> x, std::size_t columns, std::span<const double> y,
                         const SensitivityOptions& options, SensitivityResult& result) {
  const stats::RegressionRanking src = stats::standardized_regression(x, columns, y);
  const stats::RegressionRanking srrc = stats::standardized_rank_regression(x, columns, y);
  result.src_r_squared = src.r_squared;
  result.srrc_r_squared = srrc.r_squared;
  const std::size_t rows = y.size();
  std::vector<std::vector<double>> src_draws(columns);
  std::vector<std::vector<double>> srrc_draws(columns);
  boost::random::mt19937_64 engine(kBootstrapSeed);
  std::vector<double> bx(x.size());
  std::vector<double> by(rows);
  for (std::size_t b = 0; b < options.bootstrap_samples; ++b) {
    for (std::size_t i = 0; i < rows; ++i) {
      const double u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
      const auto row = std::min(rows - 1, static_cast<std::size_t>(u * static_cast<double>(rows)));
      by[i] = y[row];
      std::copy_n(x.begin() + static_cast<std::ptrdiff_t>(row * columns), columns,
                  bx.begin() + static_cast<std::ptrdiff_t>(i * columns));
    }
    try {
      const stats::RegressionRanking s = stats::standardized_regression(bx, columns, by);
      const stats::RegressionRanking r = stats::standardized_rank_regression(bx, columns, by);
      for (std::size_t j = 0; j < columns; ++j) {
        src_draws[j].push_back(s.coefficients[j]);
        srrc_draws[j].push_back(r.coefficients[j]);
      }
    } catch (const stats::StatisticsError&) {
      // A degenerate resample: leave it out of the interval.
    }
  }
  const double tail = (1.0 - options.confidence) / 2.0;
  const auto interval = [&](double estimate, std::vector<double>& draws) {
    // Fewer than half the resamples usable: no honest interval.
    if (draws.size() * 2 < options.bootstrap_samples || draws.empty()) {
      return CoefficientEstimate{estimate, kNaN, kNaN};
    }
    std::sort(draws.begin(), draws.end());
    return CoefficientEstimate{estimate, stats::quantile_sorted(draws, tail),
                               stats::quantile_sorted(draws, 1.0 - tail)};
  };
  for (std::size_t j = 0; j < columns; ++j) {
    result.src.push_back(interval(src.coefficients[j], src_draws[j]));
    result.srrc.push_back(interval(srrc.coefficients[j], srrc_draws[j]));
  }
}

// Level index of every design value: its position among the column's distinct sorted values.
void factorial_grid(const SensitivityDesign& design, std::size_t points,
                    std::vector<std::vector<double>>& levels, std::vector<std::size_t>& index) {
  const std::size_t d = design.factors.size();
  levels.assign(d, {});
  for (std::size_t f = 0; f < d; ++f) {
    for (std::size_t p = 0; p < points; ++p) levels[f].push_back(design.matrix[p * d + f]);
    std::sort(levels[f].begin(), levels[f].end());
    levels[f].erase(std::unique(levels[f].begin(), levels[f].end()), levels[f].end());
  }
  index.resize(points * d);
  for (std::size_t p = 0; p < points; ++p) {
    for (std::size_t f = 0; f < d; ++f) {
      const auto it =
          std::lower_bound(levels[f].begin(), levels[f].end(), design.matrix[p * d + f]);
      index[p * d + f] = static_cast<std::size_t>(it - levels[f].begin());
    }
  }
}

std::string with_year(const std::string& outcome, std::optional<int> year) {
  if (!year) return outcome;
  const std::size_t at = outcome.find('@');
  return (at == std::string::npos ? outcome : outcome.substr(0, at)) + "@" + std::to_string(*year);
}

}  // namespace

SensitivityResult sensitivity_from_outputs(const SensitivityDesign& design,
                                           std::span<const double> outputs,
                                           const SensitivityOptions& options) {
  const std::size_t d = design.factors.size();
  if (d == 0) throw AnalysisError("sensitivity needs at least one factor");
  if (design.matrix.size() % d != 0) throw AnalysisError("design is not points x factors");
  if (design.replicates < 1) throw AnalysisError("replicates per point must be at least 1");
  if (!(options.confidence > 0.0 && options.confidence < 1.0)) {
    throw AnalysisError("confidence level must lie in (0, 1)");
  }
  const auto replicates = static_cast<std::size_t>(design.replicates);
  const std::size_t points = outputs.size() / replicates;
  if (outputs.size() % replicates != 0 || points > design.points() || points == 0) {
    throw AnalysisError("outputs are not (design points) x replicates");
  }
  SensitivityResult result;
  result.design = design.type;
  result.factors = design.factors;
  result.points = points;
  result.replicates = design.replicates;
  result.confidence = options.confidence;
  result.bootstrap_samples = options.bootstrap_samples;

  // Point means, and the replicate noise share W / (W + B): W the mean within-point variance
  // (the noise variance), B the variance of the point means. Not W over the variance of all
  // single runs: replicate r of every point shares its random numbers (common random numbers),
  // so with few replicates that pooled variance sees only R noise draws and underestimates the
  // noise, and the ratio can exceed 1.
  std::vector<double> means(points);
  double within = 0.0;
  for (std::size_t p = 0; p < points; ++p) {
    stats::RunningMoments point;
    for (std::size_t r = 0; r < replicates; ++r) {
      const double v = outputs[p * replicates + r];
      if (std::isnan(v)) throw AnalysisError("sensitivity outputs contain NaN");
      point.add(v);
    }
    means[p] = point.mean();
    if (replicates > 1) within += point.variance();
  }
  const stats::Moments of_means = stats::describe(means);
  result.output_mean = of_means.mean;
  result.output_variance = of_means.standard_deviation * of_means.standard_deviation;
  if (!(result.output_variance > 0.0)) {
    throw AnalysisError(
        "the outcome has the same mean at every design point: nothing to rank (the factors do not "
        "move it in these runs)");
  }
  const double noise = within / static_cast<double>(points);
  result.noise_variance_share = replicates > 1 ? noise / (noise + result.output_variance) : kNaN;

  const std::span<const double> x(design.matrix.data(), points * d);
  switch (design.type) {
    case scenarios::DesignType::Sobol: {
      const std::size_t n = design.base_samples;
      if (n < 2 || points != n * (d + 2)) {
        throw AnalysisError("a Sobol design needs N (factors + 2) points with N >= 2");
      }
      const std::size_t block = n * replicates;
      stats::SobolOptions sobol_options;
      sobol_options.bootstrap_samples = options.bootstrap_samples;
      sobol_options.confidence = options.confidence;
      result.sobol = stats::sobol_indices_replicated(
          outputs.subspan(0, block), outputs.subspan(block, block),
          outputs.subspan(2 * block, d * block), design.replicates, sobol_options);
      result.notes.push_back(
          "Sobol indices (Saltelli 2010 first order, Jansen 1999 total order) from N = " +
          std::to_string(n) + " base samples; intervals: percentile bootstrap over base samples (" +
          std::to_string(options.bootstrap_samples) + " resamples)");
      result.notes.push_back(
          "S1: share of the variance of the point means due to the factor alone; ST: "
          "including its interactions; ST - S1 large means interactions matter");
      break;
    }
    case scenarios::DesignType::LatinHypercube:
      regression_rankings(x, d, means, options, result);
      break;
    case scenarios::DesignType::FullFactorial: {
      if (points > d + 1)
        regression_rankings(x, d, means, options, result);
      else
        result.notes.push_back("too few grid points for a regression (need more than factors + 1)");
      std::vector<std::vector<double>> levels;
      std::vector<std::size_t> index;
      factorial_grid(design, points, levels, index);
      result.morris = stats::morris_on_grid(levels, index, means);
      result.grid_levels = std::move(levels);
      result.grid_index = std::move(index);
      result.point_means = means;
      result.notes.push_back(
          "Morris elementary effects on the grid (Campolongo et al. 2007): mu* = mean |EE| ranks "
          "importance, mu its signed mean, sigma = sd of EE (interactions or non-linearity); "
          "EE per unit of the factor's range");
      break;
    }
  }
  if (!result.src.empty()) {
    result.notes.push_back(
        "SRC: standardised regression coefficient (R^2 = " + number(result.src_r_squared) +
        "); SRRC: on ranks (R^2 = " + number(result.srrc_r_squared) +
        "); intervals: percentile bootstrap over design points (" +
        std::to_string(options.bootstrap_samples) + " resamples)");
    if (std::min(result.src_r_squared, result.srrc_r_squared) < 0.7) {
      result.notes.push_back(
          "R^2 below 0.7: the (rank-)linear model misses much of the variance, so this ranking "
          "is unreliable; a Sobol design (design = \"sobol\") measures interactions");
    }
  }
  return result;
}

SensitivityResult sensitivity(const SensitivityRequest& request) {
  const ResultsScan scan(request.file, request.scan);
  const engine::ResultsReader& reader = scan.reader();
  if (!reader.is_sweep()) {
    throw RequestError(scan.path(),
                       "sensitivity needs a sweep file (rampart sweep); " +
                           scan.path().filename().string() +
                           " was written by rampart run (sweep definitions: scenarios/sweeps/)");
  }
  if (!(request.options.confidence > 0.0 && request.options.confidence < 1.0)) {
    throw RequestError(scan.path(), "the confidence level must lie strictly between 0 and 1");
  }
  SensitivityDesign design;
  const std::string type = reader.string_attribute("design");
  if (type == "sobol") {
    design.type = scenarios::DesignType::Sobol;
    design.base_samples = static_cast<std::size_t>(reader.int_attribute("base_samples"));
  } else if (type == "latin_hypercube") {
    design.type = scenarios::DesignType::LatinHypercube;
  } else if (type == "full_factorial") {
    design.type = scenarios::DesignType::FullFactorial;
  } else {
    throw RequestError(scan.path(), "unknown sweep design '" + type + "'");
  }
  design.factors = reader.factor_paths();
  design.matrix = reader.design();
  design.replicates = static_cast<int>(scan.runs());
  const Outcome outcome = Outcome::parse(with_year(request.outcome, request.year), scan);

  // Points whose replicates were all committed (every point of a complete file).
  const std::size_t all_points = scan.scenario_names().size();
  std::size_t points = 0;
  while (points < all_points && scan.complete_runs(points) == scan.runs()) ++points;
  if (points < all_points && design.type == scenarios::DesignType::Sobol) {
    throw RequestError(scan.path(), "a Sobol design needs every point, and only " +
                                        std::to_string(points) + " of " +
                                        std::to_string(all_points) +
                                        " are complete: resume the sweep first (--resume)");
  }
  if (points < design.factors.size() + 2) {
    throw RequestError(scan.path(), "only " + std::to_string(points) +
                                        " complete design points: too few to rank " +
                                        std::to_string(design.factors.size()) + " factors");
  }
  const auto replicates = static_cast<std::size_t>(design.replicates);
  std::vector<double> outputs(points * replicates, kNaN);
  scan.for_each_block_all(outcome.needs(), [&](const RunBlock& block) {
    if (block.scenario >= points) return;
    for (int r = 0; r < block.runs; ++r) {
      const auto run = static_cast<std::size_t>(block.first_run + r);
      outputs[block.scenario * replicates + run] = outcome.evaluate(block, r);
    }
  });
  const auto undefined = static_cast<std::size_t>(
      std::count_if(outputs.begin(), outputs.end(), [](double v) { return std::isnan(v); }));
  if (undefined > 0) {
    const auto first = static_cast<std::size_t>(
        std::find_if(outputs.begin(), outputs.end(), [](double v) { return std::isnan(v); }) -
        outputs.begin());
    throw RequestError(
        scan.path(),
        "outcome '" + outcome.label() + "' is undefined (NaN) in " + std::to_string(undefined) +
            " of " + std::to_string(outputs.size()) +
            " runs (first: " + scan.scenario_names()[first / replicates] + " run " +
            std::to_string(first % replicates) +
            "); sensitivity needs a value in every run: choose an outcome defined in every run "
            "(e.g. crises, deterrence_failures, a series at a year)");
  }
  SensitivityResult result;
  try {
    result = sensitivity_from_outputs(design, outputs, request.options);
  } catch (const stats::StatisticsError& e) {
    throw RequestError(scan.path(), "outcome '" + outcome.label() + "': " + e.what());
  }
  result.outcome = outcome.label();
  if (points < all_points) {
    result.notes.insert(result.notes.begin(), "partial file: " + std::to_string(points) + " of " +
                                                  std::to_string(all_points) +
                                                  " design points analysed");
  }
  return result;
}

Table to_table(const SensitivityResult& result) {
  const std::string level = number(100.0 * result.confidence) + "%";
  std::vector<std::string> columns = {"factor"};
  const bool sobol = result.sobol.has_value();
  const bool regression = !result.src.empty();
  const bool morris = !result.morris.empty();
  if (sobol) {
    for (const char* c : {"S1", "S1_lower", "S1_upper", "ST", "ST_lower", "ST_upper"}) {
      columns.emplace_back(c);
    }
  }
  if (regression) {
    for (const char* c : {"SRC", "SRC_lower", "SRC_upper", "SRRC", "SRRC_lower", "SRRC_upper"}) {
      columns.emplace_back(c);
    }
  }
  if (morris) {
    for (const char* c : {"mu_star", "mu", "sigma", "effects"}) columns.emplace_back(c);
  }
  Table table("Sensitivity of " + result.outcome + " (" +
                  std::string(scenarios::design_type_name(result.design)) + " design, " +
                  std::to_string(result.points) + " points x " + std::to_string(result.replicates) +
                  " replicates)",
              columns);
  for (std::size_t f = 0; f < result.factors.size(); ++f) {
    std::vector<Cell> row = {result.factors[f]};
    if (sobol) {
      const stats::IndexEstimate& s1 = result.sobol->first_order[f];
      const stats::IndexEstimate& st = result.sobol->total_order[f];
      row.insert(row.end(), {s1.estimate, s1.lower, s1.upper, st.estimate, st.lower, st.upper});
    }
    if (regression) {
      const CoefficientEstimate& a = result.src[f];
      const CoefficientEstimate& b = result.srrc[f];
      row.insert(row.end(), {a.estimate, a.lower, a.upper, b.estimate, b.lower, b.upper});
    }
    if (morris) {
      const stats::MorrisEffect& m = result.morris[f];
      row.insert(row.end(), {m.mu_star, m.mu, m.sigma, static_cast<std::int64_t>(m.effects)});
    }
    table.add_row(std::move(row));
  }
  table.add_note("outcome per design point: the mean over its " +
                 std::to_string(result.replicates) + " replicates (mean of point means " +
                 number(result.output_mean) + ", variance " + number(result.output_variance) +
                 "); intervals at " + level + " confidence");
  if (!std::isnan(result.noise_variance_share)) {
    table.add_note("replicate (aleatory) share of the variance of single runs: " +
                   number(result.noise_variance_share) +
                   " (noise the factors do not explain; the indices describe the point means)");
  }
  for (const std::string& note : result.notes) table.add_note(note);
  return table;
}

}  // namespace rampart::analysis
