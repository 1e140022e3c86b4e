#include "rampart/analysis/forecast.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "rampart/analysis/errors.hpp"

namespace rampart::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_request(const Panel& panel, int origin, int last_year, int runs) {
  panel.validate();
  if (origin < panel.first_year || origin > panel.last_year()) {
    throw AnalysisError("forecast origin " + std::to_string(origin) + " is outside the panel's " +
                        std::to_string(panel.first_year) + "-" + std::to_string(panel.last_year()));
  }
  if (last_year <= origin) {
    throw AnalysisError("forecast to " + std::to_string(last_year) +
                        " ends before it starts (origin " + std::to_string(origin) + ")");
  }
  if (runs < 1) throw AnalysisError("a forecast ensemble needs at least one run");
}

// The state's last observation in first_year..origin (NaN if none).
double last_observation(const Panel& panel, int state, int origin) {
  for (int year = origin; year >= panel.first_year; --year) {
    const double v = panel.at(state, year);
    if (!std::isnan(v)) return v;
  }
  return kNaN;
}

// Root mean square of the one-year changes of every state between consecutive observed years
// up to the origin.
double pooled_change_rms(const Panel& panel, int origin) {
  double sum = 0.0;
  long count = 0;
  for (int s = 0; s < panel.states(); ++s) {
    for (int year = panel.first_year + 1; year <= origin; ++year) {
      const double change = panel.at(s, year) - panel.at(s, year - 1);
      if (std::isnan(change)) continue;
      sum += change * change;
      ++count;
    }
  }
  if (count == 0) {
    throw AnalysisError("the panel has no one-year change up to " + std::to_string(origin) +
                        ": a benchmark's spread cannot be estimated");
  }
  return std::sqrt(sum / static_cast<double>(count));
}

ForecastEnsemble empty_ensemble(std::string method, const Panel& panel, int origin, int last_year,
                                int runs) {
  ForecastEnsemble e;
  e.method = std::move(method);
  e.origin = origin;
  e.first_year = origin + 1;
  e.years = last_year - origin;
  e.runs = runs;
  e.samples.assign(static_cast<std::size_t>(runs) * e.years * panel.states(), 0.0F);
  return e;
}

void set_members(ForecastEnsemble& e, int state, int year, int states, double mean, double sd) {
  const auto grid = normal_quantile_grid(mean, sd, e.runs);
  for (int k = 0; k < e.runs; ++k) {
    e.samples[(static_cast<std::size_t>(k) * e.years + (year - e.first_year)) * states + state] =
        static_cast<float>(grid[k]);
  }
}

}  // namespace

double Panel::at(int state, int year) const {
  if (state < 0 || state >= states()) {
    throw AnalysisError("panel state index " + std::to_string(state) + " is out of range");
  }
  if (year < first_year || year > last_year()) return kNaN;
  return values[static_cast<std::size_t>(state) * years + (year - first_year)];
}

void Panel::validate() const {
  if (years < 1 || iso3.empty()) throw AnalysisError("the panel has no states or no years");
  if (values.size() != iso3.size() * static_cast<std::size_t>(years)) {
    throw AnalysisError("the panel holds " + std::to_string(values.size()) + " values for " +
                        std::to_string(iso3.size()) + " states and " + std::to_string(years) +
                        " years");
  }
}

int ForecastEnsemble::states() const {
  const auto per_state = static_cast<std::size_t>(runs) * static_cast<std::size_t>(years);
  return per_state == 0 ? 0 : static_cast<int>(samples.size() / per_state);
}

std::vector<double> ForecastEnsemble::members(int state, int year) const {
  std::vector<double> out(static_cast<std::size_t>(runs));
  for (int k = 0; k < runs; ++k) out[k] = sample(k, year, state);
  return out;
}

void ForecastEnsemble::validate(int panel_states) const {
  const std::string name = "forecast '" + method + "' from " + std::to_string(origin);
  if (runs < 1 || years < 1) throw AnalysisError(name + " has no runs or no years");
  if (first_year != origin + 1) {
    throw AnalysisError(name + " starts in " + std::to_string(first_year) +
                        ", not the year after its origin");
  }
  if (samples.size() !=
      static_cast<std::size_t>(runs) * static_cast<std::size_t>(years) * panel_states) {
    throw AnalysisError(name + " holds " + std::to_string(samples.size()) + " samples, not runs (" +
                        std::to_string(runs) + ") x years (" + std::to_string(years) +
                        ") x states (" + std::to_string(panel_states) + ")");
  }
}

std::vector<double> normal_quantile_grid(double mean, double sd, int runs) {
  if (runs < 1) throw AnalysisError("a quantile grid needs at least one member");
  if (!(sd >= 0.0)) throw AnalysisError("a quantile grid needs a standard deviation >= 0");
  std::vector<double> out(static_cast<std::size_t>(runs));
  const boost::math::normal_distribution<double> standard(0.0, 1.0);
  for (int k = 0; k < runs; ++k) {
    const double z = boost::math::quantile(standard, (k + 0.5) / runs);
    out[k] = std::isnan(mean) ? kNaN : std::max(0.0, mean + sd * z);
  }
  return out;
}

ForecastEnsemble persistence_forecast(const Panel& panel, int origin, int last_year, int runs) {
  check_request(panel, origin, last_year, runs);
  const double sigma = pooled_change_rms(panel, origin);
  auto e = empty_ensemble("persistence", panel, origin, last_year, runs);
  for (int s = 0; s < panel.states(); ++s) {
    const double level = last_observation(panel, s, origin);
    for (int year = e.first_year; year <= last_year; ++year) {
      set_members(e, s, year, panel.states(), level, sigma * std::sqrt(double(year - origin)));
    }
  }
  return e;
}

ForecastEnsemble trend_forecast(const Panel& panel, int origin, int last_year, int runs,
                                int window) {
  check_request(panel, origin, last_year, runs);
  if (window < 2) throw AnalysisError("a trend needs a window of at least two years");
  const double sigma = pooled_change_rms(panel, origin);
  const int from = std::max(panel.first_year, origin - window + 1);

  struct Fit {
    int n = 0;
    double intercept = kNaN;  // at tbar
    double slope = 0.0;
    double tbar = 0.0;
    double sxx = 0.0;
  };
  std::vector<Fit> fits(static_cast<std::size_t>(panel.states()));
  double residual_squares = 0.0;
  int residual_dof = 0;
  for (int s = 0; s < panel.states(); ++s) {
    Fit& f = fits[s];
    double sum_t = 0.0;
    double sum_v = 0.0;
    for (int year = from; year <= origin; ++year) {
      const double v = panel.at(s, year);
      if (std::isnan(v)) continue;
      ++f.n;
      sum_t += year;
      sum_v += v;
    }
    if (f.n == 0) continue;
    f.tbar = sum_t / f.n;
    const double vbar = sum_v / f.n;
    double sxy = 0.0;
    for (int year = from; year <= origin; ++year) {
      const double v = panel.at(s, year);
      if (std::isnan(v)) continue;
      f.sxx += (year - f.tbar) * (year - f.tbar);
      sxy += (year - f.tbar) * (v - vbar);
    }
    f.intercept = vbar;
    f.slope = f.n >= 2 ? sxy / f.sxx : 0.0;
    if (f.n >= 3) {
      for (int year = from; year <= origin; ++year) {
        const double v = panel.at(s, year);
        if (std::isnan(v)) continue;
        const double r = v - (f.intercept + f.slope * (year - f.tbar));
        residual_squares += r * r;
      }
      residual_dof += f.n - 2;
    }
  }
  const double s_resid = residual_dof > 0 ? std::sqrt(residual_squares / residual_dof) : sigma;

  auto e = empty_ensemble("trend", panel, origin, last_year, runs);
  for (int s = 0; s < panel.states(); ++s) {
    const Fit& f = fits[s];
    for (int year = e.first_year; year <= last_year; ++year) {
      const int h = year - origin;
      if (f.n == 1) {
        set_members(e, s, year, panel.states(), f.intercept, sigma * std::sqrt(double(h)));
        continue;
      }
      const double mean = f.intercept + f.slope * (year - f.tbar);
      const double d = year - f.tbar;
      const double sd = f.n == 0 ? 0.0 : s_resid * std::sqrt(1.0 + 1.0 / f.n + d * d / f.sxx);
      set_members(e, s, year, panel.states(), mean, sd);
    }
  }
  return e;
}

}  // namespace rampart::analysis
