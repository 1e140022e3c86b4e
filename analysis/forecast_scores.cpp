#include "rampart/analysis/forecast_scores.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "rampart/analysis/errors.hpp"
#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/spearman.hpp"

namespace rampart::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sums over the scored observations of one ensemble and horizon.
struct HorizonSums {
  std::int64_t n = 0;
  double abs_error = 0.0;
  double crps = 0.0;
  double in50 = 0.0;
  double width50 = 0.0;
  double in90 = 0.0;
  double width90 = 0.0;
  std::vector<double> medians;
  std::vector<double> observed;
  std::vector<int> run_counts;  // per run: members at or above the threshold
};

// Members are floats: a member "at" the threshold is compared with the threshold rounded to
// float, so a share stored from exactly 0.02 counts as at 0.02.
double member_threshold(double threshold) {
  return static_cast<double>(static_cast<float>(threshold));
}

ForecastScore score_horizon(const ForecastEnsemble& e, int horizon, HorizonSums& sums,
                            double threshold) {
  ForecastScore r;
  r.method = e.method;
  r.origin = e.origin;
  r.origins = 1;
  r.horizon = horizon;
  r.n = sums.n;
  const auto n = static_cast<double>(sums.n);
  r.mae = sums.abs_error / n;
  r.crps = sums.crps / n;
  r.coverage50 = sums.in50 / n;
  r.width50 = sums.width50 / n;
  r.coverage90 = sums.in90 / n;
  r.width90 = sums.width90 / n;
  r.spearman = stats::spearman(sums.medians, sums.observed).rho;
  r.count_observed = static_cast<double>(std::count_if(sums.observed.begin(), sums.observed.end(),
                                                       [&](double v) { return v >= threshold; }));
  r.count_median =
      static_cast<double>(std::count_if(sums.medians.begin(), sums.medians.end(), [&](double v) {
        return v >= member_threshold(threshold);
      }));
  std::vector<double> counts(sums.run_counts.begin(), sums.run_counts.end());
  std::sort(counts.begin(), counts.end());
  r.count_lower90 = stats::quantile_sorted(counts, 0.05);
  r.count_upper90 = stats::quantile_sorted(counts, 0.95);
  r.count_inside90 =
      r.count_lower90 <= r.count_observed && r.count_observed <= r.count_upper90 ? 1.0 : 0.0;
  return r;
}

struct PoolSums {
  int origins = 0;
  std::int64_t n = 0;
  double mae = 0.0;
  double crps = 0.0;
  double coverage50 = 0.0;
  double width50 = 0.0;
  double coverage90 = 0.0;
  double width90 = 0.0;
  double spearman = 0.0;
  int spearman_origins = 0;
  double count_observed = 0.0;
  double count_median = 0.0;
  double count_inside90 = 0.0;

  void add(const ForecastScore& r) {
    const auto w = static_cast<double>(r.n);
    ++origins;
    n += r.n;
    mae += w * r.mae;
    crps += w * r.crps;
    coverage50 += w * r.coverage50;
    width50 += w * r.width50;
    coverage90 += w * r.coverage90;
    width90 += w * r.width90;
    if (!std::isnan(r.spearman)) {
      spearman += r.spearman;
      ++spearman_origins;
    }
    count_observed += r.count_observed;
    count_median += r.count_median;
    count_inside90 += r.count_inside90;
  }
};

Cell number(double v) {
  return std::isnan(v) ? Cell{} : Cell{v};
}

std::string percent_text(double share) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%g", share * 100.0);
  return buffer.data();
}

}  // namespace

double crps_sorted(std::span<const double> sorted, double y) {
  if (sorted.empty()) throw AnalysisError("the CRPS needs at least one ensemble member");
  const auto m = static_cast<double>(sorted.size());
  double to_observation = 0.0;
  double spread = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    to_observation += std::abs(sorted[i] - y);
    spread += (2.0 * static_cast<double>(i) - m + 1.0) * sorted[i];
  }
  return to_observation / m - spread / (m * m);
}

double crps(std::span<const double> members, double y) {
  std::vector<double> sorted(members.begin(), members.end());
  std::sort(sorted.begin(), sorted.end());
  return crps_sorted(sorted, y);
}

std::vector<ForecastScore> score_forecasts(const Panel& panel,
                                           const std::vector<ForecastEnsemble>& ensembles,
                                           const ForecastScoreOptions& options) {
  panel.validate();
  std::set<std::pair<std::string, int>> seen;
  for (const auto& e : ensembles) {
    e.validate(panel.states());
    if (!seen.emplace(e.method, e.origin).second) {
      throw AnalysisError("two forecasts '" + e.method + "' from " + std::to_string(e.origin));
    }
  }
  std::vector<ForecastScore> rows;
  std::vector<double> sorted;
  const double at_threshold = member_threshold(options.threshold);
  for (const auto& e : ensembles) {
    for (int year = e.first_year; year <= e.last_year(); ++year) {
      HorizonSums sums;
      sums.run_counts.assign(static_cast<std::size_t>(e.runs), 0);
      for (int s = 0; s < panel.states(); ++s) {
        const double y = panel.at(s, year);
        if (std::isnan(y)) continue;
        sorted = e.members(s, year);
        if (std::any_of(sorted.begin(), sorted.end(), [](double v) { return std::isnan(v); })) {
          continue;
        }
        for (int k = 0; k < e.runs; ++k) {
          if (sorted[k] >= at_threshold) ++sums.run_counts[k];
        }
        std::sort(sorted.begin(), sorted.end());
        const double median = stats::quantile_sorted(sorted, 0.5);
        const double q05 = stats::quantile_sorted(sorted, 0.05);
        const double q25 = stats::quantile_sorted(sorted, 0.25);
        const double q75 = stats::quantile_sorted(sorted, 0.75);
        const double q95 = stats::quantile_sorted(sorted, 0.95);
        ++sums.n;
        sums.abs_error += std::abs(median - y);
        sums.crps += crps_sorted(sorted, y);
        sums.in50 += q25 <= y && y <= q75 ? 1.0 : 0.0;
        sums.width50 += q75 - q25;
        sums.in90 += q05 <= y && y <= q95 ? 1.0 : 0.0;
        sums.width90 += q95 - q05;
        sums.medians.push_back(median);
        sums.observed.push_back(y);
      }
      if (sums.n > 0) {
        rows.push_back(score_horizon(e, year - e.origin, sums, options.threshold));
      }
    }
  }
  return rows;
}

std::vector<ForecastScore> pool_forecast_scores(const std::vector<ForecastScore>& by_origin) {
  std::vector<std::string> methods;
  std::map<std::pair<std::string, int>, PoolSums> pools;
  for (const auto& r : by_origin) {
    if (std::find(methods.begin(), methods.end(), r.method) == methods.end()) {
      methods.push_back(r.method);
    }
    if (r.n > 0) pools[{r.method, r.horizon}].add(r);
  }
  std::vector<ForecastScore> out;
  for (const auto& method : methods) {
    for (const auto& [key, p] : pools) {
      if (key.first != method) continue;
      ForecastScore r;
      r.method = method;
      r.origin = 0;
      r.origins = p.origins;
      r.horizon = key.second;
      r.n = p.n;
      const auto n = static_cast<double>(p.n);
      r.mae = p.mae / n;
      r.crps = p.crps / n;
      r.coverage50 = p.coverage50 / n;
      r.width50 = p.width50 / n;
      r.coverage90 = p.coverage90 / n;
      r.width90 = p.width90 / n;
      r.spearman = p.spearman_origins > 0 ? p.spearman / p.spearman_origins : kNaN;
      r.count_observed = p.count_observed / p.origins;
      r.count_median = p.count_median / p.origins;
      r.count_lower90 = kNaN;
      r.count_upper90 = kNaN;
      r.count_inside90 = p.count_inside90 / p.origins;
      out.push_back(r);
    }
  }
  return out;
}

std::vector<ForecastSkill> forecast_skill(const std::vector<ForecastScore>& by_origin,
                                          const std::string& model) {
  // (method, horizon) -> origin -> row
  std::map<std::pair<std::string, int>, std::map<int, const ForecastScore*>> index;
  std::vector<std::string> benchmarks;
  bool has_model = false;
  for (const auto& r : by_origin) {
    if (r.n <= 0) continue;
    index[{r.method, r.horizon}][r.origin] = &r;
    if (r.method == model) {
      has_model = true;
    } else if (std::find(benchmarks.begin(), benchmarks.end(), r.method) == benchmarks.end()) {
      benchmarks.push_back(r.method);
    }
  }
  if (!has_model) throw AnalysisError("no scored forecast of the model '" + model + "'");
  std::vector<ForecastSkill> out;
  for (const auto& benchmark : benchmarks) {
    for (const auto& [key, model_rows] : index) {
      if (key.first != model) continue;
      const auto other = index.find({benchmark, key.second});
      if (other == index.end()) continue;
      PoolSums m;
      PoolSums b;
      for (const auto& [origin, row] : model_rows) {
        const auto at = other->second.find(origin);
        if (at == other->second.end()) continue;
        m.add(*row);
        b.add(*at->second);
      }
      if (m.origins == 0) continue;
      ForecastSkill s;
      s.model = model;
      s.benchmark = benchmark;
      s.horizon = key.second;
      s.origins = m.origins;
      s.mae_model = m.mae / static_cast<double>(m.n);
      s.mae_benchmark = b.mae / static_cast<double>(b.n);
      s.mae_ratio = s.mae_benchmark > 0.0 ? s.mae_model / s.mae_benchmark : kNaN;
      s.crps_model = m.crps / static_cast<double>(m.n);
      s.crps_benchmark = b.crps / static_cast<double>(b.n);
      s.crps_ratio = s.crps_benchmark > 0.0 ? s.crps_model / s.crps_benchmark : kNaN;
      out.push_back(s);
    }
  }
  return out;
}

std::vector<StateForecast> state_forecasts(const Panel& panel, const ForecastEnsemble& ensemble,
                                           int year) {
  panel.validate();
  ensemble.validate(panel.states());
  if (year < ensemble.first_year || year > ensemble.last_year()) {
    throw AnalysisError("forecast '" + ensemble.method + "' from " +
                        std::to_string(ensemble.origin) + " does not forecast " +
                        std::to_string(year));
  }
  std::vector<StateForecast> out;
  out.reserve(static_cast<std::size_t>(panel.states()));
  for (int s = 0; s < panel.states(); ++s) {
    StateForecast f;
    f.iso3 = panel.iso3[s];
    f.observed = panel.at(s, year);
    auto sorted = ensemble.members(s, year);
    if (std::any_of(sorted.begin(), sorted.end(), [](double v) { return std::isnan(v); })) {
      f.median = f.lower50 = f.upper50 = f.lower90 = f.upper90 = f.pit = kNaN;
      out.push_back(f);
      continue;
    }
    std::sort(sorted.begin(), sorted.end());
    f.median = stats::quantile_sorted(sorted, 0.5);
    f.lower50 = stats::quantile_sorted(sorted, 0.25);
    f.upper50 = stats::quantile_sorted(sorted, 0.75);
    f.lower90 = stats::quantile_sorted(sorted, 0.05);
    f.upper90 = stats::quantile_sorted(sorted, 0.95);
    if (std::isnan(f.observed)) {
      f.pit = kNaN;
    } else {
      const auto below = std::lower_bound(sorted.begin(), sorted.end(), f.observed);
      const auto not_above = std::upper_bound(below, sorted.end(), f.observed);
      f.pit = (static_cast<double>(below - sorted.begin()) +
               0.5 * static_cast<double>(not_above - below)) /
              static_cast<double>(sorted.size());
    }
    out.push_back(f);
  }
  return out;
}

Table pooled_forecast_table(const std::vector<ForecastScore>& pooled) {
  Table t(
      "Forecast scores by method and horizon, pooled over origins",
      {"method", "horizon", "origins", "n", "mae", "crps", "coverage50", "width50", "coverage90",
       "width90", "spearman", "count_observed", "count_median", "count_inside90"});
  for (const auto& r : pooled) {
    t.add_row({r.method, std::int64_t{r.horizon}, std::int64_t{r.origins}, r.n, number(r.mae),
               number(r.crps), number(r.coverage50), number(r.width50), number(r.coverage90),
               number(r.width90), number(r.spearman), number(r.count_observed),
               number(r.count_median), number(r.count_inside90)});
  }
  t.add_note(
      "Shares are fractions of GDP. mae: the ensemble median's mean absolute error; crps: "
      "mean continuous ranked probability score; coverage/width: central 50 % and 90 % "
      "intervals of the members; n: scored (state, origin) pairs.");
  t.add_note(
      "spearman, count_observed (allies at or above the threshold), count_median: means "
      "over origins; count_inside90: share of origins whose observed count lies in the "
      "ensemble's 90 % interval of the count.");
  return t;
}

Table origin_forecast_table(const std::vector<ForecastScore>& by_origin) {
  Table t("Forecast scores by method, origin and horizon",
          {"method", "origin", "horizon", "n", "mae", "crps", "coverage50", "width50", "coverage90",
           "width90", "spearman", "count_observed", "count_median", "count_lower90",
           "count_upper90", "count_inside90"});
  for (const auto& r : by_origin) {
    t.add_row({r.method, std::int64_t{r.origin}, std::int64_t{r.horizon}, r.n, number(r.mae),
               number(r.crps), number(r.coverage50), number(r.width50), number(r.coverage90),
               number(r.width90), number(r.spearman), number(r.count_observed),
               number(r.count_median), number(r.count_lower90), number(r.count_upper90),
               number(r.count_inside90)});
  }
  t.add_note(
      "origin: the last observed year the forecast conditions on; horizon: years after "
      "it. count_lower90 and count_upper90: 5th and 95th percentiles of the per-run count "
      "of allies at or above the threshold.");
  return t;
}

Table forecast_skill_table(const std::vector<ForecastSkill>& skill) {
  Table t("Forecast skill against the benchmarks",
          {"model", "benchmark", "horizon", "origins", "mae_model", "mae_benchmark", "mae_ratio",
           "crps_model", "crps_benchmark", "crps_ratio"});
  for (const auto& s : skill) {
    t.add_row({s.model, s.benchmark, std::int64_t{s.horizon}, std::int64_t{s.origins},
               number(s.mae_model), number(s.mae_benchmark), number(s.mae_ratio),
               number(s.crps_model), number(s.crps_benchmark), number(s.crps_ratio)});
  }
  t.add_note(
      "ratio = model / benchmark over the origins both were scored at: below 1 means the "
      "model forecasts better.");
  return t;
}

Table state_forecast_table(const std::vector<StateForecast>& states, const std::string& method,
                           int origin, int year, double threshold) {
  Table t("Forecast '" + method + "' from " + std::to_string(origin) + " for " +
              std::to_string(year) + ", by state",
          {"iso3", "observed", "median", "error", "lower90", "upper90", "inside90", "pit", "side"});
  const double at_threshold = member_threshold(threshold);
  for (const auto& f : states) {
    const bool scored = !std::isnan(f.observed) && !std::isnan(f.median);
    Cell inside;
    Cell side;
    if (scored) {
      inside = std::int64_t{f.lower90 <= f.observed && f.observed <= f.upper90 ? 1 : 0};
      side =
          std::string((f.observed >= threshold) == (f.median >= at_threshold) ? "right" : "wrong");
    }
    t.add_row({f.iso3, number(f.observed), number(f.median), number(f.median - f.observed),
               number(f.lower90), number(f.upper90), inside, number(f.pit), side});
  }
  t.add_note(
      "Shares are fractions of GDP. lower90, upper90: the members' 5th and 95th "
      "percentiles; pit: the share of members below the observation (ties count half); "
      "side: whether the median and the observation lie on the same side of " +
      percent_text(threshold) + " % of GDP.");
  return t;
}

}  // namespace rampart::analysis
