#include "rampart/stats/regression.hpp"

#include <cmath>
#include <string>

#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/errors.hpp"
#include "rampart/stats/spearman.hpp"

namespace rampart::stats {

namespace {

// A column centred and scaled to unit sample standard deviation. Centring every column removes
// the intercept, and on standardised columns the least-squares coefficients are the SRCs.
std::vector<double> standardized(std::vector<double> values, const std::string& what) {
  const Moments m = describe(values);
  if (!(m.standard_deviation > 0.0)) throw StatisticsError(what + " is constant");
  for (double& v : values) v = (v - m.mean) / m.standard_deviation;
  return values;
}

void check_shapes(std::span<const double> inputs, std::size_t columns,
                  std::span<const double> output) {
  if (columns == 0) throw StatisticsError("regression needs at least one input column");
  if (inputs.size() != output.size() * columns) {
    throw StatisticsError("regression inputs are not rows x columns for the output's rows");
  }
  if (output.size() <= columns + 1) {
    throw StatisticsError("regression needs more rows (" + std::to_string(output.size()) +
                          ") than input columns + 1 (" + std::to_string(columns + 1) + ")");
  }
  for (const double v : inputs) {
    if (std::isnan(v)) throw StatisticsError("regression input contains NaN");
  }
  for (const double v : output) {
    if (std::isnan(v)) throw StatisticsError("regression output contains NaN");
  }
}

// Least squares by Householder QR (Golub & Van Loan, alg. 5.3.2): stable even when inputs are
// correlated, unlike the normal equations. x: column-major, rows x columns; y is overwritten.
RegressionRanking least_squares(std::vector<std::vector<double>> x, std::vector<double> y) {
  const std::size_t rows = y.size();
  const std::size_t columns = x.size();
  double total = 0.0;
  for (const double v : y) total += v * v;  // y is centred: this is the total sum of squares
  for (std::size_t k = 0; k < columns; ++k) {
    std::vector<double>& col = x[k];
    double norm = 0.0;
    for (std::size_t i = k; i < rows; ++i) norm += col[i] * col[i];
    norm = std::sqrt(norm);
    // A column (nearly) in the span of the earlier ones: its coefficient is not identified.
    if (!(norm > 1e-10 * std::sqrt(static_cast<double>(rows)))) {
      throw StatisticsError("regression input column " + std::to_string(k + 1) +
                            " is a linear combination of the others");
    }
    const double alpha = col[k] > 0.0 ? -norm : norm;
    std::vector<double> v(col.begin() + static_cast<std::ptrdiff_t>(k), col.end());
    v[0] -= alpha;
    double vnorm2 = 0.0;
    for (const double e : v) vnorm2 += e * e;
    const auto reflect = [&](std::vector<double>& target) {
      double dot = 0.0;
      for (std::size_t i = k; i < rows; ++i) dot += v[i - k] * target[i];
      const double scale = 2.0 * dot / vnorm2;
      for (std::size_t i = k; i < rows; ++i) target[i] -= scale * v[i - k];
    };
    for (std::size_t j = k; j < columns; ++j) reflect(x[j]);
    reflect(y);
  }
  // Back substitution R b = (Q^T y)[0..columns).
  RegressionRanking result;
  result.coefficients.assign(columns, 0.0);
  for (std::size_t kk = columns; kk-- > 0;) {
    double s = y[kk];
    for (std::size_t j = kk + 1; j < columns; ++j) s -= x[j][kk] * result.coefficients[j];
    result.coefficients[kk] = s / x[kk][kk];
  }
  double residual = 0.0;
  for (std::size_t i = columns; i < rows; ++i) residual += y[i] * y[i];
  result.r_squared = 1.0 - residual / total;
  return result;
}

RegressionRanking regression_of(std::span<const double> inputs, std::size_t columns,
                                std::span<const double> output, bool ranks) {
  check_shapes(inputs, columns, output);
  const std::size_t rows = output.size();
  std::vector<std::vector<double>> x(columns);
  for (std::size_t j = 0; j < columns; ++j) {
    std::vector<double> col(rows);
    for (std::size_t i = 0; i < rows; ++i) col[i] = inputs[i * columns + j];
    if (ranks) col = average_ranks(col);
    x[j] = standardized(std::move(col), "regression input column " + std::to_string(j + 1));
  }
  std::vector<double> y(output.begin(), output.end());
  if (ranks) y = average_ranks(y);
  y = standardized(std::move(y), "regression output");
  return least_squares(std::move(x), std::move(y));
}

}  // namespace

RegressionRanking standardized_regression(std::span<const double> inputs, std::size_t columns,
                                          std::span<const double> output) {
  return regression_of(inputs, columns, output, false);
}

RegressionRanking standardized_rank_regression(std::span<const double> inputs, std::size_t columns,
                                               std::span<const double> output) {
  return regression_of(inputs, columns, output, true);
}

}  // namespace rampart::stats
