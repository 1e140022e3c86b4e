#pragma once
// Scores of ensemble forecasts against the observed panel, per method, origin and horizon
// (h = year - origin): the median's absolute error, the CRPS, the coverage and width of the
// central 50 % and 90 % intervals, the rank correlation across states, and the count of states
// at or above a threshold (2 % of GDP) against the ensemble's interval for that count
// (docs/analysis.md, "Forecast scoring"). Observations that are NaN, and states whose members
// are NaN, are skipped.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "rampart/analysis/forecast.hpp"
#include "rampart/analysis/table.hpp"

namespace rampart::analysis {

// The sample CRPS of the ensemble `sorted` (ascending) for the observation y:
// mean |x_i - y| - (1 / m^2) sum_i (2 i - m + 1) x_(i)  (i = 0..m-1), which equals
// E|X - y| - 0.5 E|X - X'| for X, X' drawn from the members; O(m). Throws AnalysisError for an
// empty ensemble.
double crps_sorted(std::span<const double> sorted, double y);
// Sorts a copy, then crps_sorted: O(m log m).
double crps(std::span<const double> members, double y);

struct ForecastScoreOptions {
  double threshold = 0.02;  // the count of states at or above this share
};

// One method and horizon, from one origin (origins == 1) or pooled over origins.
struct ForecastScore {
  std::string method;
  int origin = 0;   // 0 in pooled rows
  int origins = 1;  // origins pooled (with at least one scored observation)
  int horizon = 0;
  std::int64_t n = 0;       // scored (state, origin) pairs
  double mae = 0.0;         // mean |median - observed|
  double crps = 0.0;        // mean CRPS
  double coverage50 = 0.0;  // share of observations in [q25, q75] of the members
  double width50 = 0.0;     // mean q75 - q25
  double coverage90 = 0.0;  // [q05, q95]
  double width90 = 0.0;
  // Spearman's rho between the median forecast and the observed across states (NaN for fewer
  // than 3 states or constant values); pooled: the mean over origins where it is defined.
  double spearman = 0.0;
  // Over the scored states: observed count at or above the threshold, the count of medians at
  // or above it, and the 5th and 95th percentiles (type 7) of the per-run count. Pooled rows
  // hold the means over origins. Members and medians are compared with the threshold rounded to
  // float (the members' precision), observations with the threshold itself.
  double count_observed = 0.0;
  double count_median = 0.0;
  double count_lower90 = 0.0;
  double count_upper90 = 0.0;
  // 1 if count_lower90 <= count_observed <= count_upper90, else 0; pooled: share of origins.
  double count_inside90 = 0.0;
};

// One row per ensemble and horizon with at least one scored observation, ordered as the
// ensembles, then by horizon. Quantiles are type 7 over the members. Throws AnalysisError when
// an ensemble does not fit the panel (ForecastEnsemble::validate) or two share a method and
// origin.
std::vector<ForecastScore> score_forecasts(const Panel& panel,
                                           const std::vector<ForecastEnsemble>& ensembles,
                                           const ForecastScoreOptions& options = {});

// Pools per-origin rows by method and horizon: n-weighted means of MAE, CRPS, coverage and
// width (that is, the means over every pooled observation), the mean Spearman and counts over
// origins. Methods in order of first appearance, then by horizon.
std::vector<ForecastScore> pool_forecast_scores(const std::vector<ForecastScore>& by_origin);

// One model against one benchmark at one horizon, over the origins both were scored at.
struct ForecastSkill {
  std::string model;
  std::string benchmark;
  int horizon = 0;
  int origins = 0;
  double mae_model = 0.0;
  double mae_benchmark = 0.0;
  double mae_ratio = 0.0;  // model / benchmark: below 1 means the model is better
  double crps_model = 0.0;
  double crps_benchmark = 0.0;
  double crps_ratio = 0.0;
};

// Every benchmark (each method other than `model` in `by_origin`) against `model`, per horizon;
// both sides pooled (n-weighted) over the origins they share.
std::vector<ForecastSkill> forecast_skill(const std::vector<ForecastScore>& by_origin,
                                          const std::string& model);

// One state's forecast of one year against its observation (what the fan charts show, as
// numbers: which states a forecast gets on the right side of the threshold).
struct StateForecast {
  std::string iso3;
  double observed = 0.0;  // NaN where not observed
  double median = 0.0;    // type 7 over the members; NaN where the members are NaN
  double lower50 = 0.0;
  double upper50 = 0.0;
  double lower90 = 0.0;
  double upper90 = 0.0;
  // The probability integral transform: (members below + half the members equal to the
  // observation) / members. Uniform over many observations for a calibrated forecast; near 0 or
  // 1 where the record falls outside the fan. NaN where not observed.
  double pit = 0.0;
};

// Every state of the panel, in panel order, for `year` (first_year..last_year of the ensemble).
// Throws AnalysisError for a year the ensemble does not forecast or an ensemble that does not
// fit the panel.
std::vector<StateForecast> state_forecasts(const Panel& panel, const ForecastEnsemble& ensemble,
                                           int year);

// Tables (shares written as fractions of GDP, like the other commands):
// pooled rows: method, horizon, origins, n, mae, crps, coverage50, width50, coverage90, width90,
// spearman, count_observed, count_median, count_inside90;
Table pooled_forecast_table(const std::vector<ForecastScore>& pooled);
// per-origin rows: method, origin, horizon, n, the same scores, count_lower90, count_upper90,
// count_inside90;
Table origin_forecast_table(const std::vector<ForecastScore>& by_origin);
// skill rows: model, benchmark, horizon, origins, mae_model, mae_benchmark, mae_ratio,
// crps_model, crps_benchmark, crps_ratio.
Table forecast_skill_table(const std::vector<ForecastSkill>& skill);
// per-state rows of one forecast year: iso3, observed, median, error (median - observed),
// lower90, upper90, inside90 (1/0, empty where not observed), pit, side ("right" where the
// median and the observation lie on the same side of the threshold, else "wrong"; empty where not
// observed). The title names the method, origin and year.
Table state_forecast_table(const std::vector<StateForecast>& states, const std::string& method,
                           int origin, int year, double threshold = 0.02);

}  // namespace rampart::analysis
