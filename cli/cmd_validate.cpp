// rampart validate: rolling-origin out-of-sample forecasts of the defence shares against the
// 2014-2024 record, scored against persistence, a per-state trend and the fixed-point
// calibration of model v1.1 (docs/validation.md). For each origin T the behaviour is estimated
// on 2014..T only (estimation/panel_fit.hpp), the model starts from T's observed world and runs
// free to 2024 with the recorded exogenous inputs; plus the 2014 -> 2024 hindcast.

#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "analysis_options.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "output_paths.hpp"
#include "rampart/analysis/forecast.hpp"
#include "rampart/analysis/forecast_page.hpp"
#include "rampart/analysis/forecast_scores.hpp"
#include "rampart/analysis/table.hpp"
#include "rampart/analysis/whole_file.hpp"
#include "rampart/estimation/panel_fit.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;
using scenarios::Param;

constexpr const char* kModel = "model";
constexpr const char* kCalibrated = "v1.1 calibration";
constexpr const char* kHindcast = "model hindcast";

// The scenario `base` with the behaviour of `fit`: each estimate a normal distribution of its
// standard error (truncated to its range), each panel state's preference with its own.
scenarios::Scenario with_estimates(const scenarios::Scenario& base,
                                   const estimation::PanelFit& fit) {
  scenarios::Scenario s = base;
  const auto set = [&](std::string_view path, double mean, double sd) {
    const auto p = scenarios::find_parameter(path);
    if (!p) return;
    const auto& spec = scenarios::spec(*p);
    scenarios::Distribution d;
    if (sd > 0.0) {
      d.kind = scenarios::Distribution::Kind::Normal;
      d.mean = mean;
      d.sd = sd;
      d.low = spec.min_value;
      d.high = spec.max_value;
    } else {
      d = scenarios::Distribution::fixed(mean);
    }
    s.parameters[static_cast<std::size_t>(*p)] = d;
  };
  for (const auto& e : fit.globals) set(e.path, e.value, e.se);
  set("state.floor_break_rate", fit.floor_break_rate, fit.floor_break_se);
  for (auto& c : s.countries) c.preference_estimated = false;
  for (const auto& pref : fit.preferences) {
    for (auto& c : s.countries) {
      if (c.iso3 != pref.iso3) continue;
      c.preference_estimated = true;
      c.preference = pref.value;
      c.preference_sd = pref.se;
    }
  }
  return s;
}

// The record of the panel's states as an analysis::Panel.
analysis::Panel record_panel(const scenarios::Scenario& base, std::vector<int>& state_index) {
  analysis::Panel panel;
  panel.first_year = scenarios::kHistoryFirstYear;
  panel.years = scenarios::kHistoryYears;
  const auto& h = *base.history;
  for (std::size_t i = 0; i < base.countries.size(); ++i) {
    if (!h.share_from_panel[i]) continue;
    panel.iso3.push_back(base.countries[i].iso3);
    state_index.push_back(static_cast<int>(i));
    for (int k = 0; k < scenarios::kHistoryYears; ++k) {
      panel.values.push_back(h.share[i][static_cast<std::size_t>(k)]);
    }
  }
  return panel;
}

// `runs` runs of `scenario` from its start year to `last_year`: the panel states' shares.
analysis::ForecastEnsemble simulate(const scenarios::Scenario& scenario, int last_year, int runs,
                                    std::uint64_t seed, const std::vector<int>& states,
                                    std::string method, bool calibrated) {
  analysis::ForecastEnsemble e;
  e.method = std::move(method);
  e.origin = scenario.start_year;
  e.first_year = e.origin + 1;
  e.years = last_year - e.origin;
  e.runs = runs;
  const auto n = states.size();
  e.samples.assign(static_cast<std::size_t>(runs) * static_cast<std::size_t>(e.years) * n, 0.0F);
  const sim::Model model(scenario, last_year);
  sim::RunRecordStorage record(model.shape());
  for (int r = 0; r < runs; ++r) {
    const sim::RunRng rng(seed, static_cast<std::uint64_t>(r));
    scenarios::ParameterValues p = sim::sample_parameters(scenario, rng);
    if (calibrated) p[Param::Preferences] = 1.0;
    const std::function<void(const sim::World&)> keep = [&](const sim::World& w) {
      if (w.year <= e.origin) return;
      const auto base = (static_cast<std::size_t>(r) * static_cast<std::size_t>(e.years) +
                         static_cast<std::size_t>(w.year - e.first_year)) *
                        n;
      for (std::size_t k = 0; k < n; ++k) {
        e.samples[base + k] = static_cast<float>(w.share[states[k]]);
      }
    };
    model.run(p, rng, record.view(), &keep);
  }
  return e;
}

int parse_year_range(const std::string& text, int& first, int& last) {
  const auto dash = text.find('-');
  try {
    first = std::stoi(text.substr(0, dash));
    last = dash == std::string::npos ? first : std::stoi(text.substr(dash + 1));
  } catch (const std::exception&) {
    return 1;
  }
  return 0;
}

po::options_description validate_options() {
  po::options_description visible(
      "Usage: rampart validate [--origins 2018-2023] [--runs N] [--seed S] [--html FILE]\n"
      "                        [--by-origin] [--format F]\n\n"
      "Rolling-origin out-of-sample forecasts of every ally's defence share against the\n"
      "2014-2024 record: for each origin T the behaviour is estimated on 2014..T only, the\n"
      "model starts from T's observed world and runs free to 2024 with the recorded exogenous\n"
      "inputs (Russia's spending, the war, the US stance, the guideline). Scored per horizon\n"
      "(MAE, CRPS, coverage and width of the 50 % and 90 % intervals, Spearman, allies at 2 %)\n"
      "against persistence, a per-state linear trend and model v1.1's fixed-point calibration;\n"
      "plus the 2014 -> 2024 hindcast with the full-sample estimates (docs/validation.md).\n\n"
      "Options");
  visible.add_options()("help,h", "show this help")(
      "origins", po::value<std::string>()->default_value("2018-2023"),
      "forecast origins, a year or a range within 2016..2023")(
      "runs,n", po::value<int>()->default_value(1000), "runs per forecast (ensemble members)")(
      "seed", po::value<std::uint64_t>()->default_value(20250601), "random seed")(
      "html", po::value<std::string>(), "write the validation page (scores and fan charts)")(
      "force", "replace an existing --html file")("by-origin",
                                                  "also print the scores of every origin")(
      "base", po::value<std::string>()->default_value("baseline"),
      "scenario whose assumptions the forecasts draw")(
      "format,f", po::value<std::string>()->default_value("text"),
      "tables as text, csv, json or markdown");
  return visible;
}

struct ValidateRequest {
  analysis::TableFormat format{};
  int first_origin = 0, last_origin = 0;
  int runs = 0;
  std::uint64_t seed = 0;
  std::filesystem::path html;  // empty: no page
  bool by_origin = false;
};

ValidateRequest validate_request(const po::variables_map& vm) {
  ValidateRequest r;
  r.format = format_option(vm);
  if (parse_year_range(vm["origins"].as<std::string>(), r.first_origin, r.last_origin) != 0 ||
      r.first_origin < 2016 || r.last_origin > 2023 || r.first_origin > r.last_origin) {
    throw UsageError{"--origins '" + vm["origins"].as<std::string>() +
                     "': expected a year or a range FIRST-LAST within 2016..2023 (three "
                     "training years at least, one year to forecast)"};
  }
  r.runs = vm["runs"].as<int>();
  if (r.runs < 10 || r.runs > 100000) throw UsageError{"--runs: expected 10..100000"};
  r.seed = vm["seed"].as<std::uint64_t>();
  if (vm.count("html") != 0U) {
    r.html = vm["html"].as<std::string>();
    check_output_path(r.html, {".part"});
    if (std::filesystem::exists(r.html) && vm.count("force") == 0U) {
      throw UsageError{"'" + r.html.string() + "' exists; pass --force to replace it"};
    }
  }
  r.by_origin = vm.count("by-origin") != 0U;
  return r;
}

// For each origin: the model's, the v1.1 calibration's, persistence's and the trend's forecasts.
std::vector<analysis::ForecastEnsemble> origin_ensembles(const ValidateRequest& r,
                                                         const scenarios::Scenario& base,
                                                         const analysis::Panel& panel,
                                                         const std::vector<int>& states,
                                                         bool progress) {
  std::vector<analysis::ForecastEnsemble> ensembles;
  for (int origin = r.first_origin; origin <= r.last_origin; ++origin) {
    if (progress)
      std::cerr << "\rvalidate: origin " << origin << " (fit and " << r.runs << " runs)"
                << std::flush;
    estimation::PanelFitOptions fit_options;
    fit_options.train_until = origin;
    const estimation::PanelFit fit = estimation::fit_panel(base, fit_options);
    scenarios::Scenario s = with_estimates(base, fit);
    s.start_year = origin;
    ensembles.push_back(
        simulate(s, scenarios::kHistoryLastYear, r.runs, r.seed, states, kModel, false));
    ensembles.push_back(
        simulate(s, scenarios::kHistoryLastYear, r.runs, r.seed, states, kCalibrated, true));
    ensembles.push_back(analysis::persistence_forecast(panel, origin, 2024, r.runs));
    ensembles.push_back(analysis::trend_forecast(panel, origin, 2024, r.runs));
  }
  return ensembles;
}

std::vector<analysis::Table> validation_tables(
    const ValidateRequest& r, const analysis::Panel& panel,
    const std::vector<analysis::ForecastEnsemble>& ensembles,
    const analysis::ForecastEnsemble& hindcast, const analysis::ForecastEnsemble& beyond) {
  const auto by_origin = analysis::score_forecasts(panel, ensembles);
  const auto pooled = analysis::pool_forecast_scores(by_origin);
  std::vector<analysis::Table> tables;
  auto pooled_table = analysis::pooled_forecast_table(pooled);
  pooled_table.add_note(
      "Out of sample: for each origin " + std::to_string(r.first_origin) + "-" +
      std::to_string(r.last_origin) + " the behaviour was estimated on 2014..origin only; " +
      std::to_string(r.runs) + " runs per forecast, seed " + std::to_string(r.seed) + ".");
  pooled_table.add_note(
      "v1.1 calibration: the same model with each state's weight calibrated "
      "so that the origin year is its desired share (what model v1.1 did).");
  tables.push_back(pooled_table);
  tables.push_back(analysis::forecast_skill_table(analysis::forecast_skill(by_origin, kModel)));
  const auto hindcast_scores = analysis::score_forecasts(panel, {hindcast});
  auto hindcast_table = analysis::origin_forecast_table(hindcast_scores);
  hindcast_table.add_note(
      "In sample: the parameters were fitted on 2014-2024; the runs start "
      "from the 2014 record and run free with the recorded inputs.");
  tables.push_back(hindcast_table);
  tables.push_back(analysis::state_forecast_table(
      analysis::state_forecasts(panel, hindcast, scenarios::kHistoryLastYear), kHindcast,
      scenarios::kHistoryFirstYear, scenarios::kHistoryLastYear));
  auto beyond_table = analysis::state_forecast_table(
      analysis::state_forecasts(panel, beyond, scenarios::kHistoryLastYear + 1), kModel,
      scenarios::kHistoryLastYear, scenarios::kHistoryLastYear + 1);
  beyond_table.add_note(
      "Beyond the record: the 2025 forecast from the 2024 record with the "
      "2014-2024 estimates, for comparison with data published after NATO's "
      "June 2024 release (not in the project).");
  tables.push_back(beyond_table);
  if (r.by_origin) tables.push_back(analysis::origin_forecast_table(by_origin));
  return tables;
}

void write_validation_page(const ValidateRequest& r, const analysis::Panel& panel,
                           std::vector<analysis::ForecastEnsemble> all,
                           const analysis::ForecastEnsemble& hindcast,
                           const std::vector<analysis::Table>& tables) {
  analysis::ForecastPageOptions page;
  page.title = "Rampart: forecasts against the 2014-2024 record";
  page.notes = "Out-of-sample forecasts from origins " + std::to_string(r.first_origin) + "-" +
               std::to_string(r.last_origin) +
               " (behaviour estimated on 2014..origin), the in-sample hindcast from 2014, and "
               "the benchmarks. Fans: 50 % and 90 % intervals and the median of " +
               std::to_string(r.runs) + " runs; the line is the NATO record.";
  page.fans = {{kHindcast, scenarios::kHistoryFirstYear},
               {kModel, std::clamp(2021, r.first_origin, r.last_origin)}};
  all.push_back(hindcast);
  analysis::write_whole_file(r.html, analysis::forecast_page_html(panel, all, tables, page));
  std::cerr << "validate: wrote " << r.html.string() << '\n';
}

}  // namespace

// Options, the rolling-origin forecasts, the hindcast and the forecast beyond the record, then
// their scores as tables (and the page).
int cmd_validate(const Args& args) {
  const po::options_description visible = validate_options();
  const auto parsed = parse_options(args, "", visible, {"unused", 0});
  if (!parsed) return 0;
  const ValidateRequest r = validate_request(*parsed);

  const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
  const auto base_file = scenarios::resolve_scenario_argument((*parsed)["base"].as<std::string>());
  const scenarios::Scenario base = scenarios::load_scenario(base_file, countries);
  if (!base.history || !base.history->loaded) {
    throw UsageError{"the 2014-2024 record was not found (scenarios/data/history)"};
  }
  std::vector<int> states;
  const analysis::Panel panel = record_panel(base, states);
  const bool progress = isatty(STDERR_FILENO) != 0;
  const auto started = std::chrono::steady_clock::now();

  const auto ensembles = origin_ensembles(r, base, panel, states, progress);
  // The hindcast: the full-sample estimates (in sample), free-running from 2014.
  if (progress) std::cerr << "\rvalidate: hindcast 2014 -> 2024                     " << std::flush;
  estimation::PanelFitOptions full;
  const estimation::PanelFit full_fit = estimation::fit_panel(base, full);
  scenarios::Scenario hindcast_scenario = with_estimates(base, full_fit);
  hindcast_scenario.start_year = scenarios::kHistoryFirstYear;
  const auto hindcast = simulate(hindcast_scenario, scenarios::kHistoryLastYear, r.runs, r.seed,
                                 states, kHindcast, false);
  // Beyond the record: the forecast from 2024 with the full-sample estimates, for comparison
  // with data the project does not have.
  scenarios::Scenario beyond_scenario = hindcast_scenario;
  beyond_scenario.start_year = scenarios::kHistoryLastYear;
  const auto beyond = simulate(beyond_scenario, scenarios::kHistoryLastYear + 1, r.runs, r.seed,
                               states, kModel, false);
  if (progress) std::cerr << '\n';
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const auto tables = validation_tables(r, panel, ensembles, hindcast, beyond);
  bool first = true;
  for (const auto& t : tables) {
    if (!first) std::cout << '\n';
    first = false;
    t.write(std::cout, r.format);
  }
  std::cerr << "validate: " << (r.last_origin - r.first_origin + 2) << " fits and "
            << (2 * (r.last_origin - r.first_origin + 1) + 2) * r.runs << " runs in "
            << std::lround(seconds) << " s\n";
  if (!r.html.empty()) write_validation_page(r, panel, ensembles, hindcast, tables);
  return 0;
}

}  // namespace rampart::cli
