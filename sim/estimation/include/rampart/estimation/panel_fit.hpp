#pragma once
// Maximum-likelihood estimation of the states' spending behaviour from the 2014-2024 panel
// (docs/validation.md, "Estimation"). The likelihood is the model's own one-year-ahead spending
// equation: each year the model runs on the observed lagged world (Model::run with
// ObservedShares) and the observed share is the plan plus a normal budget surprise with standard
// deviation sigma * s_{t-1}. NLopt's BOBYQA maximises it; standard errors come from the
// numerical Hessian (Eigen), the floor-break rate from a moment condition.

#include <string>
#include <utility>
#include <vector>

#include "rampart/scenarios/scenario.hpp"

namespace rampart::estimation {

struct PanelFitOptions {
  int first_year = 2014;   // the first observed (conditioning) year
  int train_until = 2024;  // the last year whose spending enters the likelihood
  int max_evaluations = 40000;
  // Global parameters held at a value instead of estimated (registry path -> value): a profile
  // of the likelihood, or an assumption the user prefers to the data's answer.
  std::vector<std::pair<std::string, double>> fixed;
  // Optional progress: called with the evaluations so far and the best log-likelihood.
  void (*progress)(int evaluations, double log_likelihood, void* context) = nullptr;
  void* progress_context = nullptr;
};

// One estimated global parameter, on the registry's scale.
struct ParameterEstimate {
  std::string path;  // registry path, e.g. "state.adjustment_speed"
  double value = 0.0;
  double se = 0.0;  // delta method from the transformed scale
  double low95 = 0.0, high95 = 0.0;  // the interval on the transformed scale, mapped back
  double min_value = 0.0, max_value = 0.0;  // the registry range (the transform's bounds)
};

// One state's preference: the logit of its security weight at the 2014 threat.
struct PreferenceEstimate {
  std::string iso3;
  double value = 0.0;
  double se = 0.0;
  int observations = 0;
};

struct Residual {
  std::string iso3;
  int year = 0;
  double observed = 0.0;
  double planned = 0.0;   // the model's one-year-ahead prediction (the plan)
  double previous = 0.0;  // the observed share the year before
  double standardized = 0.0;
};

struct PanelFit {
  PanelFitOptions options;
  std::vector<ParameterEstimate> globals;
  std::vector<PreferenceEstimate> preferences;
  std::vector<std::string> correlation_names;  // globals then preferences
  std::vector<double> correlation;             // row-major, correlation_names.size()^2
  double log_likelihood = 0.0;
  int observations = 0;
  int parameters = 0;
  double aic = 0.0, bic = 0.0;
  double rmse = 0.0;              // one-year-ahead, percentage points
  double rmse_persistence = 0.0;  // s_t = s_{t-1}, the same observations
  std::vector<Residual> residuals;
  // Residual diagnostics (standardized residuals).
  double residual_mean = 0.0, residual_sd = 0.0, residual_skewness = 0.0,
         residual_excess_kurtosis = 0.0, residual_lag1_autocorrelation = 0.0;
  // The floor-break rate: observed crossings of a reached guideline line over those the
  // equation without a floor expects.
  double floor_break_rate = 0.0, floor_break_se = 0.0;
  int floor_crossings = 0;
  double expected_crossings = 0.0;
  int evaluations = 0;
  bool hessian_positive_definite = false;
  std::vector<std::string> fixed_assumptions;  // "path = value" held at their central values
};

// Fits the behaviour of the panel's states on `base` (its assumptions held at the medians of
// their distributions). Throws std::invalid_argument when the history is not loaded or the
// years are outside the record.
PanelFit fit_panel(const scenarios::Scenario& base, const PanelFitOptions& options);

// The estimates as a scenario fragment (TOML) that library scenarios `extends`: each global
// parameter a normal distribution truncated to its range, each state's preference and standard
// error; the fit's statistics as comments.
std::string estimates_toml(const PanelFit& fit, const std::string& command);

// The registry paths fit_panel estimates, in order.
const std::vector<std::string>& estimated_paths();

}  // namespace rampart::estimation
