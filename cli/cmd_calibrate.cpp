// rampart calibrate: estimates the states' spending behaviour from the 2014-2024 NATO panel
// (estimation/panel_fit.hpp) and writes the estimates as a scenario fragment that the library
// scenarios extend (scenarios/data/estimates.toml).

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "analysis_options.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "output_paths.hpp"
#include "rampart/analysis/table.hpp"
#include "rampart/analysis/whole_file.hpp"
#include "rampart/estimation/panel_fit.hpp"
#include "rampart/scenarios/library.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;

void show_progress(int evaluations, double log_likelihood, void* /*context*/) {
  std::cerr << "\rcalibrate: " << evaluations << " likelihood evaluations, best log L "
            << log_likelihood << "   " << std::flush;
}

analysis::Table estimates_table(const estimation::PanelFit& fit) {
  analysis::Table estimates("Estimated behaviour (maximum likelihood, " +
                                std::to_string(fit.options.first_year) + "-" +
                                std::to_string(fit.options.train_until) + ")",
                            {"parameter", "estimate", "se", "low95", "high95"});
  for (const auto& e : fit.globals) {
    estimates.add_row({e.path, e.value, e.se, e.low95, e.high95});
  }
  estimates.add_row({std::string("state.floor_break_rate"), fit.floor_break_rate,
                     fit.floor_break_se,
                     std::max(0.0, fit.floor_break_rate - 1.96 * fit.floor_break_se),
                     std::min(1.0, fit.floor_break_rate + 1.96 * fit.floor_break_se)});
  estimates.add_note(
      "95 % intervals are Wald intervals on the logit scale of each parameter's "
      "range, mapped back; se by the delta method.");
  estimates.add_note(
      "state.floor_break_rate is a moment estimate: " + std::to_string(fit.floor_crossings) +
      " observed crossings of a reached 2 % "
      "line over the expected count without a floor.");
  return estimates;
}

analysis::Table fit_statistics_table(const estimation::PanelFit& fit) {
  analysis::Table stats("Fit", {"statistic", "value"});
  stats.add_row({std::string("observations"), std::int64_t{fit.observations}});
  stats.add_row({std::string("parameters"), std::int64_t{fit.parameters}});
  stats.add_row({std::string("log_likelihood"), fit.log_likelihood});
  stats.add_row({std::string("aic"), fit.aic});
  stats.add_row({std::string("bic"), fit.bic});
  stats.add_row({std::string("rmse_points"), fit.rmse});
  stats.add_row({std::string("rmse_persistence_points"), fit.rmse_persistence});
  stats.add_row({std::string("residual_mean"), fit.residual_mean});
  stats.add_row({std::string("residual_sd"), fit.residual_sd});
  stats.add_row({std::string("residual_skewness"), fit.residual_skewness});
  stats.add_row({std::string("residual_excess_kurtosis"), fit.residual_excess_kurtosis});
  stats.add_row({std::string("residual_lag1_autocorrelation"), fit.residual_lag1_autocorrelation});
  stats.add_row({std::string("hessian_positive_definite"),
                 std::int64_t{fit.hessian_positive_definite ? 1 : 0}});
  stats.add_row({std::string("likelihood_evaluations"), std::int64_t{fit.evaluations}});
  stats.add_note(
      "Residuals are standardized by the estimated scale (sigma times last year's share): "
      "mean 0, and sd sqrt(nu / (nu - 2)) for Student t surprises with nu > 2 degrees of freedom.");
  for (const auto& a : fit.fixed_assumptions) stats.add_note("held at its central value: " + a);
  return stats;
}

// The estimates, each state's preference, the fit's statistics, the correlations of the global
// estimates and the residuals by year.
std::vector<analysis::Table> fit_tables(const estimation::PanelFit& fit) {
  std::vector<analysis::Table> tables;
  tables.push_back(estimates_table(fit));
  analysis::Table preferences(
      "Each state's preference: the security weight at the 2014 threat",
      {"country", "preference", "se", "weight", "weight_low95", "weight_high95", "observations"});
  const auto weight = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
  for (const auto& p : fit.preferences) {
    preferences.add_row({p.iso3, p.value, p.se, weight(p.value), weight(p.value - 1.96 * p.se),
                         weight(p.value + 1.96 * p.se), std::int64_t{p.observations}});
  }
  tables.push_back(std::move(preferences));
  tables.push_back(fit_statistics_table(fit));

  const std::size_t globals = fit.globals.size();
  const std::size_t all = fit.correlation_names.size();
  analysis::Table correlation("Correlations of the global estimates", {"a", "b", "correlation"});
  for (std::size_t a = 0; a < globals; ++a) {
    for (std::size_t b = a + 1; b < globals; ++b) {
      correlation.add_row(
          {fit.correlation_names[a], fit.correlation_names[b], fit.correlation[a * all + b]});
    }
  }
  tables.push_back(std::move(correlation));

  analysis::Table by_year("Mean standardized residual by year", {"year", "mean", "n"});
  for (int y = fit.options.first_year + 1; y <= fit.options.train_until; ++y) {
    double sum = 0.0;
    std::int64_t n = 0;
    for (const auto& r : fit.residuals) {
      if (r.year != y) continue;
      sum += r.standardized;
      ++n;
    }
    by_year.add_row({std::int64_t{y}, n > 0 ? sum / static_cast<double>(n) : std::nan(""), n});
  }
  tables.push_back(std::move(by_year));
  return tables;
}

po::options_description calibrate_options() {
  po::options_description visible(
      "Usage: rampart calibrate [--train-until YEAR] [-o FILE.toml [--force]] [--base SCENARIO]\n"
      "                         [--residuals FILE.csv] [--format F]\n\n"
      "Estimates the states' spending behaviour (adjustment speed, the guideline's pull, the\n"
      "war's threat premium, the response to US pressure, fiscal room, the noise, and each\n"
      "state's own security weight) by maximum likelihood of the model's one-year-ahead\n"
      "spending equation on the 2014-2024 NATO panel, and prints the estimates with standard\n"
      "errors, correlations, fit statistics and residual diagnostics. With -o it writes the\n"
      "estimates as a scenario fragment; the library's scenarios extend\n"
      "scenarios/data/estimates.toml (docs/validation.md).\n\n"
      "Options");
  visible.add_options()("help,h", "show this help")(
      "train-until", po::value<int>()->default_value(2024),
      "last year whose spending enters the likelihood (2016..2024)")(
      "first-year", po::value<int>()->default_value(2014),
      "first (conditioning) year of the panel (2014..2022)")(
      "output,o", po::value<std::string>(), "write the estimates (a scenario fragment) here")(
      "force", "replace an existing output file")(
      "base", po::value<std::string>()->default_value("baseline"),
      "scenario whose assumptions (held at their medians) the fit conditions on")(
      "residuals", po::value<std::string>(), "write every observation's residual as CSV")(
      "max-evaluations", po::value<int>()->default_value(40000), "optimiser budget")(
      "fix", po::value<std::vector<std::string>>()->composing(),
      "hold a parameter at a value instead of estimating it: PATH=VALUE, e.g. "
      "state.fiscal_room=0.01 (repeatable)")("format,f",
                                             po::value<std::string>()->default_value("text"),
                                             "tables as text, csv, json or markdown");
  return visible;
}

// --fix PATH=VALUE items: parameters held at a value instead of estimated.
void add_fixed(const po::variables_map& vm, estimation::PanelFitOptions& options) {
  if (vm.count("fix") == 0U) return;
  const auto& allowed = estimation::estimated_paths();
  for (const auto& item : vm["fix"].as<std::vector<std::string>>()) {
    const auto eq = item.find('=');
    const std::string path = item.substr(0, eq);
    if (eq == std::string::npos ||
        std::find(allowed.begin(), allowed.end(), path) == allowed.end()) {
      std::string names;
      for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
      std::string message = "--fix '";
      message.append(item).append("': expected PATH=VALUE with PATH one of ").append(names);
      throw UsageError{message};
    }
    try {
      std::size_t used = 0;
      const double value = std::stod(item.substr(eq + 1), &used);
      if (used != item.size() - eq - 1) throw std::invalid_argument("trailing text");
      options.fixed.emplace_back(path, value);
    } catch (const std::exception&) {
      throw UsageError{"--fix '" + item + "': '" + item.substr(eq + 1) + "' is not a number"};
    }
  }
}

estimation::PanelFitOptions fit_options(const po::variables_map& vm) {
  estimation::PanelFitOptions options;
  options.train_until = vm["train-until"].as<int>();
  options.first_year = vm["first-year"].as<int>();
  options.max_evaluations = vm["max-evaluations"].as<int>();
  if (options.train_until < 2016 || options.train_until > 2024) {
    throw UsageError{"--train-until " + std::to_string(options.train_until) +
                     " is outside 2016..2024 (the panel's years, three at least)"};
  }
  if (options.first_year < 2014 || options.first_year > options.train_until - 2) {
    throw UsageError{"--first-year " + std::to_string(options.first_year) + " must be in 2014.." +
                     std::to_string(options.train_until - 2)};
  }
  if (options.max_evaluations < 100) throw UsageError{"--max-evaluations: at least 100"};
  add_fixed(vm, options);
  return options;
}

void write_residuals(const std::filesystem::path& file, const estimation::PanelFit& fit) {
  std::ofstream out(file);
  out << "country,year,observed,planned,previous,standardized\n";
  for (const auto& r : fit.residuals) {
    out << r.iso3 << ',' << r.year << ',' << r.observed << ',' << r.planned << ',' << r.previous
        << ',' << r.standardized << '\n';
  }
  if (!out) throw std::runtime_error("cannot write '" + file.string() + "'");
}

void write_estimates(const std::filesystem::path& output, const estimation::PanelFit& fit,
                     const estimation::PanelFitOptions& options) {
  std::string command = "rampart calibrate --train-until " + std::to_string(options.train_until);
  if (options.first_year != 2014) command += " --first-year " + std::to_string(options.first_year);
  command += " -o " + output.filename().string();
  analysis::write_whole_file(output, estimation::estimates_toml(fit, command));
  std::cerr << "calibrate: wrote " << output.string() << '\n';
}

}  // namespace

// Options (every file checked before the fit), the fit, its tables, then the files asked for.
int cmd_calibrate(const Args& args) {
  const po::options_description visible = calibrate_options();
  const auto parsed = parse_options(args, "", visible, {"unused", 0});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  const analysis::TableFormat format = format_option(vm);
  estimation::PanelFitOptions options = fit_options(vm);
  std::filesystem::path output;
  if (vm.count("output") != 0U) {
    output = vm["output"].as<std::string>();
    check_output_path(output, {".part"});
    if (std::filesystem::exists(output) && vm.count("force") == 0U) {
      throw UsageError{"'" + output.string() + "' exists; pass --force to replace it"};
    }
  }
  std::filesystem::path residuals_file;
  if (vm.count("residuals") != 0U) {
    residuals_file = vm["residuals"].as<std::string>();
    check_output_path(residuals_file, {});
  }

  const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
  const auto base_file = scenarios::resolve_scenario_argument(vm["base"].as<std::string>());
  const scenarios::Scenario base = scenarios::load_scenario(base_file, countries);
  if (isatty(STDERR_FILENO) != 0) options.progress = show_progress;
  const auto started = std::chrono::steady_clock::now();
  const estimation::PanelFit fit = estimation::fit_panel(base, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (options.progress != nullptr) std::cerr << '\n';

  bool first = true;
  for (const auto& table : fit_tables(fit)) {
    if (!first) std::cout << '\n';
    first = false;
    table.write(std::cout, format);
  }
  std::cerr << "calibrate: fitted in " << std::round(seconds * 10.0) / 10.0 << " s ("
            << fit.evaluations << " likelihood evaluations)\n";

  if (!residuals_file.empty()) write_residuals(residuals_file, fit);
  if (!output.empty()) write_estimates(output, fit, options);
  return 0;
}

}  // namespace rampart::cli
