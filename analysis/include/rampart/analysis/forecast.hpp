#pragma once
// Out-of-sample forecasts of defence spending shares (`rampart validate`): the observed panel,
// an ensemble forecast from one origin, and the two benchmarks every model forecast is scored
// against (persistence and a per-state linear trend), built from the panel alone and only from
// the years up to the origin (docs/analysis.md, "Forecast scoring").

#include <string>
#include <vector>

namespace rampart::analysis {

// Observed defence spending, fraction of GDP, one row per state and one column per year.
struct Panel {
  std::vector<std::string> iso3;  // states, in the order every ensemble uses
  int first_year = 0;
  int years = 0;
  std::vector<double> values;  // [state * years + (year - first_year)], NaN = missing

  [[nodiscard]] int states() const { return static_cast<int>(iso3.size()); }
  [[nodiscard]] int last_year() const { return first_year + years - 1; }
  // NaN for a year outside the panel; throws AnalysisError for a state index out of range.
  [[nodiscard]] double at(int state, int year) const;
  // Throws AnalysisError unless values.size() == states * years and years > 0.
  void validate() const;
};

// Predictive samples of every state's share in the years after `origin`.
struct ForecastEnsemble {
  std::string method;  // e.g. "model", "persistence", "trend"
  int origin = 0;      // the last observed year the forecast conditions on
  int first_year = 0;  // origin + 1
  int years = 0;
  int runs = 0;
  std::vector<float> samples;  // [(run * years + y) * states + s], states in Panel order

  [[nodiscard]] int last_year() const { return first_year + years - 1; }
  // samples.size() / (runs * years); 0 for an empty ensemble.
  [[nodiscard]] int states() const;
  [[nodiscard]] float sample(int run, int year, int state) const {
    return samples[(static_cast<std::size_t>(run) * years + (year - first_year)) * states() +
                   state];
  }
  // The runs' values for one state and year (year in first_year..last_year), as doubles.
  [[nodiscard]] std::vector<double> members(int state, int year) const;
  // Throws AnalysisError unless runs, years > 0, first_year == origin + 1 and samples.size() ==
  // runs * years * states.
  void validate(int states) const;
};

// Member k of a Normal(mean, sd) ensemble of `runs` members on the deterministic quantile grid:
// mean + sd * z((k + 0.5) / runs), clamped at 0 (a share cannot be negative). sd = 0 gives a
// point ensemble; NaN mean gives NaN members.
std::vector<double> normal_quantile_grid(double mean, double sd, int runs);

// Persistence: every year after the origin equals the state's last observation up to the
// origin, with predictive spread sd_h = sqrt(h) * sigma, sigma the root mean square of the
// one-year changes pooled over all states and training years (a driftless random walk).
// Forecasts origin + 1 .. last_year. Throws AnalysisError when the origin is outside the panel,
// last_year <= origin, runs < 1, or the training years hold no one-year change.
ForecastEnsemble persistence_forecast(const Panel& panel, int origin, int last_year, int runs);

// Per-state linear trend: OLS of the share on the year over the state's observed years among
// the last `window` training years (origin - window + 1 .. origin), extrapolated. Predictive
// spread: the OLS prediction error sd_h = s * sqrt(1 + 1/n + (t - tbar)^2 / Sxx), with s^2 the
// residual variance pooled over states (sum of squared residuals / sum of (n - 2)) and t - origin
// = h. A state with one observation in the window is carried forward as persistence does (same
// spread); when no state has three, s is the persistence sigma. Throws like
// persistence_forecast, and for window < 2.
ForecastEnsemble trend_forecast(const Panel& panel, int origin, int last_year, int runs,
                                int window = 5);

}  // namespace rampart::analysis
