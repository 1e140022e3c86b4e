#include "rampart/estimation/panel_fit.hpp"

#include <nlopt.h>

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "rampart/sim/model.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::estimation {
namespace {

using scenarios::Param;

// The global behavioural parameters the panel identifies. Threat sensitivity is not among
// them: Russia's capability index hardly moved in 2014-2024 (docs/validation.md), so the data
// identify only its product with the war premium; it stays an assumption and the premium is
// estimated given its central value.
const std::vector<Param>& candidate_params() {
  static const std::vector<Param> kParams{Param::AdjustmentSpeed, Param::ComplianceScale,
                                          Param::WarThreat,       Param::UsPressure,
                                          Param::FiscalRoom,      Param::SpendingNoiseSd};
  return kParams;
}

std::vector<Param> free_params(const PanelFitOptions& options) {
  std::vector<Param> out;
  for (const Param p : candidate_params()) {
    const bool fixed = std::any_of(options.fixed.begin(), options.fixed.end(), [&](const auto& f) {
      return f.first == scenarios::spec(p).path;
    });
    if (!fixed) out.push_back(p);
  }
  return out;
}

// Each parameter is estimated on z = logit((x - min) / (max - min)): unbounded for the optimiser,
// inside the registry's range for the model.
double to_value(double z, const scenarios::ParameterSpec& s) {
  return s.min_value + (s.max_value - s.min_value) / (1.0 + std::exp(-z));
}
double to_z(double x, const scenarios::ParameterSpec& s) {
  const double u = std::clamp((x - s.min_value) / (s.max_value - s.min_value), 1e-6, 1.0 - 1e-6);
  return std::log(u / (1.0 - u));
}
double dvalue_dz(double z, const scenarios::ParameterSpec& s) {
  const double e = 1.0 / (1.0 + std::exp(-z));
  return (s.max_value - s.min_value) * e * (1.0 - e);
}

// The surprise's CDF: Student t with nu degrees of freedom, normal for nu = 0.
double surprise_cdf(double z, double nu) {
  if (nu <= 0.0) return 0.5 * std::erfc(-z / std::numbers::sqrt2);
  return boost::math::cdf(boost::math::students_t(nu), z);
}

// The central value of an assumption: the median of its distribution.
scenarios::ParameterValues central_values(const scenarios::Scenario& s) {
  scenarios::ParameterValues v;
  const auto specs = scenarios::parameter_specs();
  for (std::size_t p = 0; p < scenarios::kNumParams; ++p) {
    const auto& d = s.parameters[p];
    double x = d.is_fixed() ? d.value : d.quantile(0.5);
    if (specs[p].integral()) x = std::round(x);
    v.values[p] = std::clamp(x, specs[p].min_value, specs[p].max_value);
  }
  return v;
}

class Likelihood {
 public:
  Likelihood(const scenarios::Scenario& base, const PanelFitOptions& options)
      : scenario_(base), options_(options) {
    const auto& h = *base.history;
    scenario_.start_year = options.first_year;
    values_ = central_values(base);
    // The observed world carries no noise of its own: GDP and commitment follow their means,
    // the record has no probes; the estimated preferences enter without their draw.
    values_[Param::GdpGrowthSd] = 0.0;
    values_[Param::CommitmentNoiseSd] = 0.0;
    values_[Param::SecurityWeight] = -1.0;
    values_[Param::Preferences] = 0.0;
    for (const auto& [path, value] : options.fixed) {
      const auto p = scenarios::find_parameter(path);
      if (!p) throw std::invalid_argument("unknown parameter '" + path + "'");
      const auto& s = scenarios::spec(*p);
      if (!(value >= s.min_value && value <= s.max_value)) {
        throw std::invalid_argument(path + " = " + std::to_string(value) + " is outside its range");
      }
      values_[*p] = value;
    }
    params_ = free_params(options);
    // The estimated parameters start from the registry's defaults, whatever the base scenario
    // says (it may hold a previous fit), so a fit never depends on the file it replaces.
    for (const Param p : params_) values_[p] = scenarios::spec(p).default_value;
    for (auto& c : scenario_.countries) c.preference_sd = 0.0;
    const int n = static_cast<int>(scenario_.countries.size());
    years_ = options.train_until - options.first_year + 1;
    observed_.assign(static_cast<std::size_t>(years_) * static_cast<std::size_t>(n), std::nan(""));
    for (int t = 0; t < years_; ++t) {
      for (int i = 0; i < n; ++i) {
        observed_[static_cast<std::size_t>(t) * static_cast<std::size_t>(n) +
                  static_cast<std::size_t>(i)] =
            h.share[static_cast<std::size_t>(i)]
                   [static_cast<std::size_t>(scenarios::History::index(options.first_year + t))];
      }
    }
    conditioning_ = {options.first_year, years_, n, observed_.data()};
    for (int i = 0; i < n; ++i) {
      if (!h.share_from_panel[static_cast<std::size_t>(i)]) continue;
      panel_states_.push_back(i);
      scenario_.countries[static_cast<std::size_t>(i)].preference_estimated = true;
    }
    worlds_.resize(static_cast<std::size_t>(years_));
  }

  [[nodiscard]] const std::vector<int>& panel_states() const { return panel_states_; }
  [[nodiscard]] std::size_t dimension() const { return params_.size() + panel_states_.size(); }
  [[nodiscard]] const std::vector<Param>& params() const { return params_; }
  [[nodiscard]] const scenarios::ParameterValues& values() const { return values_; }

  // Sets the model's parameters and preferences from the optimiser's vector.
  void apply(const double* z) {
    const auto& params = params_;
    for (std::size_t k = 0; k < params.size(); ++k) {
      values_[params[k]] = to_value(z[k], scenarios::spec(params[k]));
    }
    for (std::size_t k = 0; k < panel_states_.size(); ++k) {
      scenario_.countries[static_cast<std::size_t>(panel_states_[k])].preference =
          z[params.size() + k];
    }
  }

  // Runs the model on the observed world and keeps each year's world. Without surprises: the
  // likelihood scores each observed share against its plan, and the states and years the record
  // lacks (Austria, Cyprus, Ireland, Malta, Iceland) follow their plans instead of one random
  // path, so the estimates are a function of the data alone, not of a random stream (with a
  // drawn path they moved with the normal sampler of model version 3: alpha 0.121 -> 0.139).
  void simulate() {
    const sim::Model model(scenario_, options_.train_until);
    sim::RunRecordStorage record(model.shape());
    int t = 0;
    const std::function<void(const sim::World&)> keep = [&](const sim::World& w) {
      worlds_[static_cast<std::size_t>(t++)] = w;
    };
    scenarios::ParameterValues planned = values_;
    planned[Param::SpendingNoiseSd] = 0.0;
    model.run(planned, sim::RunRng(1, 0), record.view(), &keep, &conditioning_);
  }

  [[nodiscard]] double observed(int year, int state) const { return conditioning_.at(year, state); }
  [[nodiscard]] const sim::World& world(int year) const {
    return worlds_[static_cast<std::size_t>(year - options_.first_year)];
  }

  // log L = sum over panel states and years of log N(s_t; plan_t, (sigma s_{t-1})^2).
  double log_likelihood(const double* z) {
    apply(z);
    simulate();
    const double sigma = values_[Param::SpendingNoiseSd];
    const double nu = values_[Param::SpendingNoiseDf];
    // log of the t density's constant: lgamma((nu+1)/2) - lgamma(nu/2) - log(nu pi)/2.
    const double t_constant = nu > 0.0 ? std::lgamma(0.5 * (nu + 1.0)) - std::lgamma(0.5 * nu) -
                                             0.5 * std::log(nu * std::numbers::pi)
                                       : -0.5 * std::log(2.0 * std::numbers::pi);
    double total = 0.0;
    for (int year = options_.first_year + 1; year <= options_.train_until; ++year) {
      for (const int i : panel_states_) {
        const double y = observed(year, i);
        const double prev = observed(year - 1, i);
        if (std::isnan(y) || std::isnan(prev) || prev <= 0.0) continue;
        const double sd = sigma * prev;
        const double r = (y - world(year).planned_share[i]) / sd;
        const double kernel = nu > 0.0 ? -0.5 * (nu + 1.0) * std::log1p(r * r / nu) : -0.5 * r * r;
        total += kernel - std::log(sd) + t_constant;
      }
    }
    return std::isfinite(total) ? total : -std::numeric_limits<double>::max();
  }

  int evaluations = 0;

 private:
  scenarios::Scenario scenario_;
  PanelFitOptions options_;
  scenarios::ParameterValues values_;
  int years_ = 0;
  std::vector<double> observed_;
  sim::ObservedShares conditioning_;
  std::vector<int> panel_states_;
  std::vector<Param> params_;
  std::vector<sim::World> worlds_;
};

struct OptimiserContext {
  Likelihood* likelihood;
  const PanelFitOptions* options;
  double best = -std::numeric_limits<double>::max();
};

double objective(unsigned n, const double* z, double* gradient, void* data) {
  (void)n;
  (void)gradient;  // BOBYQA is derivative-free
  auto* cx = static_cast<OptimiserContext*>(data);
  const double ll = cx->likelihood->log_likelihood(z);
  ++cx->likelihood->evaluations;
  cx->best = std::max(cx->best, ll);
  if (cx->options->progress != nullptr && cx->likelihood->evaluations % 500 == 0) {
    cx->options->progress(cx->likelihood->evaluations, cx->best, cx->options->progress_context);
  }
  return -ll;
}

void maximise(Likelihood& likelihood, const PanelFitOptions& options, std::vector<double>& z) {
  const auto n = static_cast<unsigned>(z.size());
  OptimiserContext cx{&likelihood, &options};
  // Two passes: BOBYQA's quadratic model restarted at the first optimum guards against an early
  // stop on the likelihood's kinks (the caps and the norm's max(0, .)).
  for (int pass = 0; pass < 2; ++pass) {
    nlopt_opt opt = nlopt_create(NLOPT_LN_BOBYQA, n);
    std::vector<double> lower(n, -15.0), upper(n, 15.0), step(n, pass == 0 ? 0.5 : 0.1);
    nlopt_set_lower_bounds(opt, lower.data());
    nlopt_set_upper_bounds(opt, upper.data());
    nlopt_set_initial_step(opt, step.data());
    nlopt_set_min_objective(opt, objective, &cx);
    nlopt_set_xtol_rel(opt, 1e-7);
    nlopt_set_ftol_abs(opt, 1e-9);
    nlopt_set_maxeval(opt, options.max_evaluations / 2);
    double minimum = 0.0;
    const nlopt_result result = nlopt_optimize(opt, z.data(), &minimum);
    nlopt_destroy(opt);
    if (result < 0 && result != NLOPT_ROUNDOFF_LIMITED) {
      throw std::runtime_error("the optimiser failed (NLopt code " + std::to_string(result) + ")");
    }
  }
}

// The Hessian of -log L at z by central differences (step 1e-3 on the transformed scale).
Eigen::MatrixXd negative_hessian(Likelihood& likelihood, const std::vector<double>& z) {
  const auto n = static_cast<Eigen::Index>(z.size());
  const double h = 1e-3;
  Eigen::MatrixXd hessian(n, n);
  std::vector<double> x = z;
  const auto f = [&](const std::vector<double>& at) {
    return -likelihood.log_likelihood(at.data());
  };
  const double f0 = f(x);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    for (Eigen::Index j = i; j < n; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      double value = 0.0;
      if (i == j) {
        x[ui] = z[ui] + h;
        const double up = f(x);
        x[ui] = z[ui] - h;
        const double down = f(x);
        x[ui] = z[ui];
        value = (up - 2.0 * f0 + down) / (h * h);
      } else {
        double corners[4];
        int k = 0;
        for (const double si : {1.0, -1.0}) {
          for (const double sj : {1.0, -1.0}) {
            x[ui] = z[ui] + si * h;
            x[uj] = z[uj] + sj * h;
            corners[k++] = f(x);
          }
        }
        x[ui] = z[ui];
        x[uj] = z[uj];
        value = (corners[0] - corners[1] - corners[2] + corners[3]) / (4.0 * h * h);
      }
      hessian(i, j) = value;
      hessian(j, i) = value;
    }
  }
  return hessian;
}

double moment(const std::vector<double>& x, int power, double mean) {
  double s = 0.0;
  for (const double v : x) s += std::pow(v - mean, power);
  return s / static_cast<double>(x.size());
}

}  // namespace

const std::vector<std::string>& estimated_paths() {
  static const std::vector<std::string> kPaths = [] {
    std::vector<std::string> out;
    for (const Param p : candidate_params()) out.emplace_back(scenarios::spec(p).path);
    return out;
  }();
  return kPaths;
}

PanelFit fit_panel(const scenarios::Scenario& base, const PanelFitOptions& options) {
  if (!base.history || !base.history->loaded) {
    throw std::invalid_argument("the 2014-2024 record is not loaded (scenarios/data/history)");
  }
  if (options.first_year < scenarios::kHistoryFirstYear ||
      options.train_until > scenarios::kHistoryLastYear ||
      options.train_until < options.first_year + 2) {
    throw std::invalid_argument(
        "the training years must lie in 2014-2024 and span 3 years or more");
  }
  Likelihood likelihood(base, options);
  const auto& params = likelihood.params();
  const auto& states = likelihood.panel_states();
  std::vector<double> z(likelihood.dimension());
  // Start: the registry's defaults (not the scenario's values, which may be a previous fit's:
  // the estimates must not depend on the file they are written to); each state's weight as
  // calibrated to its first year.
  for (std::size_t k = 0; k < params.size(); ++k) {
    // Inside the range: at a bound the logistic is flat and the optimiser would never move.
    const auto& s = scenarios::spec(params[k]);
    const double margin = 0.05 * (s.max_value - s.min_value);
    z[k] = to_z(std::clamp(s.default_value, s.min_value + margin, s.max_value - margin), s);
  }
  {
    scenarios::Scenario calibrated = base;
    calibrated.start_year = options.first_year;
    scenarios::ParameterValues v = likelihood.values();
    v[Param::Preferences] = 1.0;      // calibrated
    v[Param::SpendingNoiseSd] = 0.0;  // the first year's plans, without a random surprise
    const sim::Model model(calibrated, options.first_year + 1);
    sim::RunRecordStorage record(model.shape());
    sim::World first;
    bool seen = false;
    const std::function<void(const sim::World&)> keep = [&](const sim::World& w) {
      if (!seen) first = w;
      seen = true;
    };
    model.run(v, sim::RunRng(1, 0), record.view(), &keep);
    for (std::size_t k = 0; k < states.size(); ++k) {
      const double w = std::clamp(first.security_weight[states[k]], 1e-6, 1.0 - 1e-6);
      z[params.size() + k] = std::log(w / (1.0 - w));
    }
  }
  // Several starts: the caps make the likelihood kinked (a small fiscal room hides the war's
  // premium, for one), so BOBYQA from one start can stop at a local optimum. The starts span
  // the adjustment speed, fiscal room and war premium (2 x 3 x 2); the best optimum wins.
  {
    std::vector<double> best = z;
    maximise(likelihood, options, best);
    double best_ll = likelihood.log_likelihood(best.data());
    for (const double speed : {0.1, 0.3}) {
      for (const double room : {0.005, 0.01, 0.025}) {
        for (const double war : {1.0, 4.5}) {
          std::vector<double> trial = z;
          for (std::size_t k = 0; k < params.size(); ++k) {
            const auto& spec = scenarios::spec(params[k]);
            if (params[k] == Param::AdjustmentSpeed) trial[k] = to_z(speed, spec);
            if (params[k] == Param::FiscalRoom) trial[k] = to_z(room, spec);
            if (params[k] == Param::WarThreat) trial[k] = to_z(war, spec);
          }
          maximise(likelihood, options, trial);
          const double ll = likelihood.log_likelihood(trial.data());
          if (ll > best_ll) {
            best_ll = ll;
            best = trial;
          }
        }
      }
    }
    z = best;
  }

  PanelFit fit;
  fit.options = options;
  fit.log_likelihood = likelihood.log_likelihood(z.data());
  fit.evaluations = likelihood.evaluations;
  fit.parameters = static_cast<int>(z.size());

  // Standard errors: the inverse of the negative Hessian on the transformed scale (on the
  // positive eigen-directions if it is not positive definite, and flagged).
  const Eigen::MatrixXd hessian = negative_hessian(likelihood, z);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(hessian);
  const auto n = static_cast<Eigen::Index>(z.size());
  fit.hessian_positive_definite = eigen.eigenvalues().minCoeff() > 0.0;
  Eigen::VectorXd inverse_values(n);
  const double largest = eigen.eigenvalues().maxCoeff();
  for (Eigen::Index k = 0; k < n; ++k) {
    const double v = eigen.eigenvalues()(k);
    inverse_values(k) = v > 1e-10 * largest ? 1.0 / v : 0.0;
  }
  const Eigen::MatrixXd covariance =
      eigen.eigenvectors() * inverse_values.asDiagonal() * eigen.eigenvectors().transpose();
  const auto se_z = [&](std::size_t k) {
    const double v = covariance(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
    return v > 0.0 ? std::sqrt(v) : 0.0;
  };
  likelihood.apply(z.data());
  for (std::size_t k = 0; k < params.size(); ++k) {
    const auto& s = scenarios::spec(params[k]);
    ParameterEstimate e;
    e.path = std::string(s.path);
    e.value = to_value(z[k], s);
    e.se = dvalue_dz(z[k], s) * se_z(k);
    e.low95 = to_value(z[k] - 1.96 * se_z(k), s);
    e.high95 = to_value(z[k] + 1.96 * se_z(k), s);
    e.min_value = s.min_value;
    e.max_value = s.max_value;
    fit.globals.push_back(e);
    fit.correlation_names.push_back(e.path);
  }
  const auto& countries = base.countries;
  for (std::size_t k = 0; k < states.size(); ++k) {
    PreferenceEstimate e;
    e.iso3 = countries[static_cast<std::size_t>(states[k])].iso3;
    e.value = z[params.size() + k];
    e.se = se_z(params.size() + k);
    fit.preferences.push_back(e);
    fit.correlation_names.push_back("preference." + e.iso3);
  }
  fit.correlation.assign(z.size() * z.size(), 0.0);
  for (std::size_t a = 0; a < z.size(); ++a) {
    for (std::size_t b = 0; b < z.size(); ++b) {
      const double d = se_z(a) * se_z(b);
      fit.correlation[a * z.size() + b] =
          d > 0.0 ? covariance(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) / d
                  : (a == b ? 1.0 : 0.0);
    }
  }

  // Fit statistics and residuals at the estimate.
  likelihood.log_likelihood(z.data());
  const double sigma = likelihood.values()[Param::SpendingNoiseSd];
  const double line = base.history->guideline;
  double squared = 0.0, squared_persistence = 0.0;
  std::vector<double> standardized;
  for (const int i : states) {
    std::vector<double> own;
    for (int year = options.first_year + 1; year <= options.train_until; ++year) {
      const double y = likelihood.observed(year, i);
      const double prev = likelihood.observed(year - 1, i);
      if (std::isnan(y) || std::isnan(prev) || prev <= 0.0) continue;
      const double plan = likelihood.world(year).planned_share[i];
      const double sd = sigma * prev;
      Residual r{countries[static_cast<std::size_t>(i)].iso3, year, y, plan, prev, (y - plan) / sd};
      fit.residuals.push_back(r);
      standardized.push_back(r.standardized);
      squared += (y - plan) * (y - plan);
      squared_persistence += (y - prev) * (y - prev);
      ++fit.observations;
      // The floor: ally-years at or above the line; which fell below, and the expected count
      // without a floor.
      if (countries[static_cast<std::size_t>(i)].nato && prev >= line) {
        if (y < line) ++fit.floor_crossings;
        fit.expected_crossings +=
            surprise_cdf((line - plan) / sd, likelihood.values()[Param::SpendingNoiseDf]);
      }
    }
  }
  for (auto& p : fit.preferences) {
    p.observations =
        static_cast<int>(std::count_if(fit.residuals.begin(), fit.residuals.end(),
                                       [&](const Residual& r) { return r.iso3 == p.iso3; }));
  }
  const double count = static_cast<double>(std::max(1, fit.observations));
  fit.rmse = 100.0 * std::sqrt(squared / count);
  fit.rmse_persistence = 100.0 * std::sqrt(squared_persistence / count);
  fit.aic = 2.0 * fit.parameters - 2.0 * fit.log_likelihood;
  fit.bic = std::log(count) * fit.parameters - 2.0 * fit.log_likelihood;
  if (!standardized.empty()) {
    double mean = 0.0;
    for (const double v : standardized) mean += v;
    mean /= static_cast<double>(standardized.size());
    const double var = moment(standardized, 2, mean);
    fit.residual_mean = mean;
    fit.residual_sd = std::sqrt(var);
    fit.residual_skewness = var > 0.0 ? moment(standardized, 3, mean) / std::pow(var, 1.5) : 0.0;
    fit.residual_excess_kurtosis =
        var > 0.0 ? moment(standardized, 4, mean) / (var * var) - 3.0 : 0.0;
    // Lag-1 autocorrelation within states (residuals are in state, then year order).
    double num = 0.0;
    for (std::size_t k = 1; k < fit.residuals.size(); ++k) {
      if (fit.residuals[k].iso3 != fit.residuals[k - 1].iso3) continue;
      num += (standardized[k] - mean) * (standardized[k - 1] - mean);
    }
    fit.residual_lag1_autocorrelation = var > 0.0 ? num / (count * var) : 0.0;
  }
  if (fit.expected_crossings > 0.0) {
    fit.floor_break_rate = std::min(1.0, fit.floor_crossings / fit.expected_crossings);
    fit.floor_break_se =
        std::sqrt(fit.floor_break_rate * (1.0 - fit.floor_break_rate) / fit.expected_crossings);
  }
  const auto specs = scenarios::parameter_specs();
  for (const auto& [path, value] : options.fixed) {
    fit.fixed_assumptions.push_back(path + " = " + std::to_string(value) + " (held by --fix)");
  }
  for (const Param p :
       {Param::SpendingNoiseDf, Param::ThreatSensitivity, Param::PrivateBenefit,
        Param::Depreciation, Param::PoliticalDrag, Param::MaxRealGrowth, Param::UsAssessmentMemory,
        Param::UsTransactionalCredibility, Param::UsLaggardProtection}) {
    std::ostringstream line_text;
    line_text << specs[static_cast<std::size_t>(p)].path << " = " << likelihood.values()[p];
    fit.fixed_assumptions.push_back(line_text.str());
  }
  return fit;
}

}  // namespace rampart::estimation
