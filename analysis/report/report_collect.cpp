// Gathers what the report shows by calling the analysis commands' library functions, so every
// number on the page is the one `rampart summarize`, `burden`, `compare` and `sensitivity` print:
//   spending fans and crisis/failure probabilities  summarize (summarize.hpp)
//   allies' GDP and spending share (medians)        summarize, per ally
//   US share of NATO spending, Olson-Zeckhauser rho  burden indices over runs (burden.hpp)
//   scenario comparison                             compare_scenarios (compare.hpp)
//   sensitivity bars (sweeps)                       sensitivity (sensitivity.hpp)
//   PRIM box and trajectory (sweeps)                discover (discovery.hpp)
// Nothing is recomputed here; this file only selects rows.

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/analysis/burden.hpp"
#include "rampart/analysis/compare.hpp"
#include "rampart/analysis/country_groups.hpp"
#include "rampart/analysis/discovery.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/results_scan.hpp"
#include "rampart/analysis/sensitivity.hpp"
#include "rampart/analysis/summarize.hpp"
#include "rampart/report/report.hpp"

namespace rampart::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::array<std::string_view, 4> kSpendingGroups{"US", "NATO-Europe", "EU", "frontline"};
// The outcome whose sensitivity a sweep report shows: always defined, so every run counts.
constexpr std::string_view kSweepOutcome = "spending_share[NATO-Europe]";

RunDescription describe(const ResultsScan& scan) {
  const auto& reader = scan.reader();
  RunDescription run;
  run.file = scan.path().string();
  run.command = reader.string_attribute("command");
  run.scenario_dim = scan.scenario_dim();
  run.scenarios = scan.scenario_names();
  run.runs = scan.runs();
  run.seed = reader.seed();
  run.first_year = scan.years().front();
  run.horizon = scan.years().back();
  run.rampart_version = reader.string_attribute("rampart_version");
  run.git_sha = reader.string_attribute("git_sha");
  run.created = reader.string_attribute("created");
  if (reader.is_sweep()) {
    run.design = reader.string_attribute("design");
  } else {
    const auto tomls = reader.scenario_tomls();
    for (std::size_t i = 0; i < tomls.size() && i < run.scenarios.size(); ++i) {
      RunDescription::ScenarioNote note{run.scenarios[i], {}, {}};
#if TOML_EXCEPTIONS
      try {
        const toml::table root = toml::parse(tomls[i]);
        note.description = root["description"].value_or(std::string());
        note.view = root["view"].value_or(std::string());
      } catch (const toml::parse_error&) {
        // The reader validated the text when it opened the file; leave the note empty.
      }
#else
      if (auto parsed = toml::parse(tomls[i])) {
        note.description = parsed.table()["description"].value_or(std::string());
        note.view = parsed.table()["view"].value_or(std::string());
      }
#endif
      run.scenario_notes.push_back(std::move(note));
    }
  }
  if (const auto warning = scan.partial_warning(); !warning.empty()) {
    run.warnings.push_back(warning);
  }
  return run;
}

std::string chosen_baseline(const ResultsScan& scan, const ReportOptions& options) {
  const auto& names = scan.scenario_names();
  if (options.baseline) return names.at(scan.scenario_index(*options.baseline));
  if (std::find(names.begin(), names.end(), "baseline") != names.end()) return "baseline";
  return names.front();
}

QuantileBand band_of(const SummaryRow& row) {
  const auto& q = row.quantiles;
  return {row.scenario, row.selection, row.year.value_or(0), q[0], q[1], q[2], q[3], q[4]};
}

// The scenarios with at least one complete run (all of them unless the file is partial).
std::vector<std::string> scenarios_with_runs(const ResultsScan& scan) {
  std::vector<std::string> names;
  for (std::size_t s = 0; s < scan.scenario_names().size(); ++s) {
    if (scan.complete_runs(s) > 0) names.push_back(scan.scenario_names()[s]);
  }
  return names;
}

// Spending fans, crisis and failure probabilities: one summarize call over every year.
void add_summary(const ResultsScan& scan, ReportData& data) {
  SummarizeRequest request;
  request.scenarios = scenarios_with_runs(scan);
  request.variables = {"spending_share"};
  request.years = "all";
  for (const auto group : kSpendingGroups) request.groups.emplace_back(group);
  request.events = true;
  const auto result = summarize(scan, request);
  for (const auto& row : result.rows) {
    if (!row.year) continue;
    if (!row.is_event) {
      data.spending_share.push_back(band_of(row));
      continue;
    }
    if (*row.year == data.run.first_year) continue;  // the data year: nothing has happened yet
    const std::string event = row.variable == kCrisisByYear ? "crisis" : "deterrence failure";
    data.events.push_back({row.scenario, event, *row.year, row.mean, row.ci_low, row.ci_high});
  }
}

// Each ally's GDP and spending share in the first and last year: summarize's medians.
void add_allies(const ResultsScan& scan, ReportData& data) {
  const auto& table = scan.countries(0);
  SummarizeRequest request;
  request.scenarios = scenarios_with_runs(scan);
  request.variables = {"gdp", "spending_share"};
  request.years = std::to_string(data.run.first_year) + "," + std::to_string(data.run.horizon);
  for (const int c : resolve_selection("NATO", table).members) {
    request.countries.push_back(scan.country_codes()[static_cast<std::size_t>(c)]);
  }
  request.events = false;
  const auto result = summarize(scan, request);
  constexpr std::size_t kMedian = 2;  // kSummaryQuantiles[2] = 0.5
  for (const auto& row : result.rows) {
    if (!row.year || row.variable != "gdp") continue;
    const auto share = std::find_if(result.rows.begin(), result.rows.end(), [&](const auto& r) {
      return r.variable == "spending_share" && r.scenario == row.scenario && r.year == row.year &&
             r.selection == row.selection;
    });
    if (share == result.rows.end()) continue;
    const auto index = table.index_of(row.selection);
    const std::string name = index ? table.countries[*index].name : row.selection;
    data.allies.push_back({row.scenario, row.selection, name, *row.year, row.quantiles[kMedian],
                           share->quantiles[kMedian]});
  }
}

// The US share of NATO spending (median and 90 % of runs) and the Olson-Zeckhauser rho.
void add_burden(const ResultsScan& scan, ReportData& data) {
  BurdenRequest request;
  request.scenarios = scenarios_with_runs(scan);
  request.years = "all";
  const auto result = simulated_burden(scan, request);
  for (const auto& row : result.rows) {
    const auto& q = row.quantiles;  // 0.05, 0.5, 0.95
    if (row.index == "us_share_nato") {
      data.us_share_nato.push_back(
          {row.scenario, "US share of NATO spending", row.year, q[0], kNaN, q[1], kNaN, q[2]});
    } else if (row.index == "oz_rho" &&
               (row.year == data.run.first_year || row.year == data.run.horizon)) {
      data.olson_zeckhauser.push_back({row.scenario, row.year, q[1]});
    }
  }
}

// The unit of a comparison outcome, for printing: shares and probabilities as percentages.
std::string unit_of(const std::string& label) {
  if (label.rfind("P(", 0) == 0 || label.find("share") != std::string::npos) return "share";
  return "count";
}

void add_comparison(const ResultsScan& scan, ReportData& data) {
  const auto with_runs = scenarios_with_runs(scan);
  if (std::find(with_runs.begin(), with_runs.end(), data.baseline) == with_runs.end()) return;
  std::vector<std::string> names{data.baseline};
  for (const auto& name : with_runs) {
    if (name != data.baseline) names.push_back(name);
  }
  if (names.size() < 2) return;
  // The default outcomes, plus the probability of a crisis by the last year, right after the
  // crises per run (the lesson quotes it, docs/seminar.md).
  CompareRequest request;
  request.outcomes = default_compare_outcomes(scan);
  const auto crises = std::find(request.outcomes.begin(), request.outcomes.end(), "crises");
  if (crises != request.outcomes.end() && !scan.years().empty()) {
    request.outcomes.insert(crises + 1,
                            "first_crisis_year <= " + std::to_string(scan.years().back()));
  }
  const auto result = compare_scenarios(scan, names, request);
  std::vector<std::string> outcomes;
  for (const auto& row : result.rows) {
    if (std::find(outcomes.begin(), outcomes.end(), row.outcome) == outcomes.end()) {
      outcomes.push_back(row.outcome);
    }
  }
  for (const auto& outcome : outcomes) {
    bool first = true;
    for (const auto& row : result.rows) {
      if (row.outcome != outcome) continue;
      const std::string unit = unit_of(outcome);
      if (first) {
        data.comparison.push_back(
            {outcome, unit, row.scenario_a, row.mean_a, true, kNaN, kNaN, kNaN, kNaN});
        first = false;
      }
      data.comparison.push_back({outcome, unit, row.scenario_b, row.mean_b, false, row.difference,
                                 row.lower, row.upper, row.variance_reduction});
    }
  }
}

void add_bars(const std::vector<std::string>& factors, const std::string& index,
              const std::vector<stats::IndexEstimate>& values, std::vector<SensitivityBar>& bars) {
  for (std::size_t i = 0; i < factors.size() && i < values.size(); ++i) {
    bars.push_back({factors[i], index, values[i].estimate, values[i].lower, values[i].upper});
  }
}

// The first factor down, the second across; empty unless the design is a two-factor grid.
std::optional<SweepGrid> two_factor_grid(const SensitivityResult& result) {
  if (result.design != scenarios::DesignType::FullFactorial || result.factors.size() != 2 ||
      result.grid_levels.size() != 2) {
    return std::nullopt;
  }
  SweepGrid grid;
  grid.row_factor = result.factors[0];
  grid.column_factor = result.factors[1];
  grid.row_values = result.grid_levels[0];
  grid.column_values = result.grid_levels[1];
  grid.replicates = result.replicates;
  grid.unit = unit_of(result.outcome);
  const std::size_t columns = grid.column_values.size();
  grid.means.assign(grid.row_values.size() * columns, kNaN);
  for (std::size_t p = 0; p < result.point_means.size(); ++p) {
    grid.means[result.grid_index[2 * p] * columns + result.grid_index[2 * p + 1]] =
        result.point_means[p];
  }
  return grid;
}

void add_sensitivity(const ResultsScan& scan, const ReportOptions& options, ReportData& data) {
  SensitivityRequest request;
  request.file = scan.path();
  request.outcome = options.sweep_outcome.value_or(std::string(kSweepOutcome));
  request.scan.allow_partial = scan.partial();
  const auto result = sensitivity(request);
  SweepAnalysis sweep;
  sweep.outcome = result.outcome;
  if (result.sobol) {
    sweep.method = "Sobol";
    add_bars(result.factors, "first order (S1)", result.sobol->first_order, sweep.bars);
    add_bars(result.factors, "total order (ST)", result.sobol->total_order, sweep.bars);
    // An index lies in [0, 1]; an interval wider than half of that cannot rank the factors.
    double widest = 0.0;
    for (const auto& b : sweep.bars) {
      if (std::isfinite(b.lower) && std::isfinite(b.upper)) {
        widest = std::max(widest, b.upper - b.lower);
      }
    }
    if (widest > 0.5) {
      std::array<char, 32> width{};
      std::snprintf(width.data(), width.size(), "%.2f", widest);
      sweep.notes =
          "Caution: some 95 % intervals of the Sobol indices are wider than half the index's "
          "range (the widest spans " +
          std::string(width.data()) +
          "), so these runs cannot rank the factors; run the design with a larger base_samples.";
    }
  } else {
    sweep.method = "Standardised regression";
    for (std::size_t i = 0; i < result.factors.size() && i < result.src.size(); ++i) {
      const auto& c = result.src[i];
      sweep.bars.push_back({result.factors[i], "SRC", c.estimate, c.lower, c.upper});
    }
  }
  for (const auto& note : result.notes) {
    sweep.notes += sweep.notes.empty() ? note : " " + note;
  }
  sweep.grid = two_factor_grid(result);
  data.sweep = std::move(sweep);
}

// The main PRIM box: discover's chosen (pasted) box, its restricted factors and the trajectory.
void add_discovery(const ResultsScan& scan, const ReportOptions& options, ReportData& data) {
  DiscoveryRequest request;
  request.file = scan.path();
  request.condition =
      options.sweep_condition.value_or("first_crisis_year <= " + std::to_string(data.run.horizon));
  request.scan.allow_partial = scan.partial();
  auto& sweep = *data.sweep;
  std::optional<DiscoveryResult> found;
  try {
    found = discover(request);
  } catch (const RequestError& e) {
    if (options.sweep_condition) throw;  // the user's own condition: say what is wrong with it
    sweep.prim_condition = request.condition;
    sweep.prim_note = "No PRIM box for the default condition: " + std::string(e.what());
    return;
  }
  const DiscoveryResult& result = *found;
  sweep.prim_condition = result.condition;
  sweep.prim_coverage = result.chosen.coverage;
  sweep.prim_density = result.chosen.density;
  sweep.prim_support = result.chosen.support;
  for (std::size_t i = 0; i < result.prim.peeling.size(); ++i) {
    const auto& step = result.prim.peeling[i];
    sweep.prim_trajectory.push_back(
        {static_cast<int>(i), step.coverage, step.density, step.support});
  }
  if (result.prim.peeling.empty()) return;
  const stats::Box& full = result.prim.peeling.front().box;
  const stats::Box& box = result.chosen.box;
  for (std::size_t i = 0; i < result.inputs.size(); ++i) {
    if (box.lower[i] > full.lower[i] || box.upper[i] < full.upper[i]) {
      sweep.prim_box.push_back(
          {result.inputs[i], box.lower[i], box.upper[i], full.lower[i], full.upper[i]});
    }
  }
}

}  // namespace

ReportData collect_report_data(const ResultsScan& scan, const ReportOptions& options) {
  ReportData data;
  data.run = describe(scan);
  data.baseline = chosen_baseline(scan, options);
  if (scan.scenario_dim() == "point") {
    // A sweep's points are many: the page shows what drives the outcome instead of one fan per
    // point.
    add_sensitivity(scan, options, data);
    add_discovery(scan, options, data);
    return data;
  }
  for (std::size_t s = 0; s < scan.scenario_names().size(); ++s) {
    if (scan.complete_runs(s) == 0) {
      data.run.warnings.push_back(scan.scenario_names()[s] +
                                  " has no complete runs yet and is left out of the charts.");
    }
  }
  if (scenarios_with_runs(scan).empty()) return data;
  add_summary(scan, data);
  add_allies(scan, data);
  add_burden(scan, data);
  add_comparison(scan, data);
  return data;
}

}  // namespace rampart::analysis
