#include "rampart/analysis/discovery.hpp"

#include <algorithm>
#include <cmath>

#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/outcome.hpp"
#include "rampart/stats/proportion.hpp"
#include "rampart/support/text_format.hpp"

namespace rampart::analysis {

namespace {

// Four significant digits: what a reader compares in these tables' notes.
std::string number(double v) {
  return support::format_significant(v, 4);
}

std::string percent(double share) {
  return number(100.0 * share) + "%";
}

}  // namespace

DiscoveryResult discover_in_table(std::vector<std::string> names, std::span<const double> inputs,
                                  std::span<const double> outcome,
                                  const stats::PrimOptions& options, double confidence) {
  const std::size_t columns = names.size();
  const std::size_t rows = outcome.size();
  if (columns == 0 || inputs.size() != rows * columns) {
    throw AnalysisError("discovery inputs are not rows x inputs for the outcome's rows");
  }
  DiscoveryResult result;
  result.rows = rows;
  result.confidence = confidence;
  result.cases = static_cast<std::size_t>(
      std::count_if(outcome.begin(), outcome.end(), [](double v) { return v != 0.0; }));
  if (result.cases == 0) throw AnalysisError("the condition holds in none of the rows");
  if (result.cases == rows) throw AnalysisError("the condition holds in every row");

  // Keep the columns that vary: a constant one cannot bound a box.
  std::vector<std::size_t> kept;
  for (std::size_t c = 0; c < columns; ++c) {
    const double first = inputs[c];
    bool varies = false;
    for (std::size_t r = 1; r < rows && !varies; ++r) varies = inputs[r * columns + c] != first;
    (varies ? result.inputs : result.dropped_inputs).push_back(names[c]);
    if (varies) kept.push_back(c);
  }
  if (kept.empty()) throw AnalysisError("no input varies across the rows");
  std::vector<double> table(rows * kept.size());
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t k = 0; k < kept.size(); ++k) {
      table[r * kept.size() + k] = inputs[r * columns + kept[k]];
    }
  }
  result.prim = stats::prim(table, kept.size(), outcome, options);
  if (result.prim.peeling.size() == 1) {
    result.notes.push_back(
        "no slice could be peeled: an alpha quantile of an input with few distinct values (a "
        "grid's levels) removes no run; use --alpha of at least 1/levels (e.g. 0.34 for three "
        "levels) or --inputs parameters");
  }
  double best = 0.0;
  for (const stats::PrimStep& step : result.prim.peeling) best = std::max(best, step.density);
  while (result.prim.peeling[result.chosen_step].density < kChosenDensityShare * best) {
    ++result.chosen_step;
  }
  result.chosen = stats::paste(table, kept.size(), outcome,
                               result.prim.peeling[result.chosen_step].box, options.alpha);
  return result;
}

std::string describe_box(const stats::Box& box, const stats::Box& full,
                         std::span<const std::string> names) {
  std::string text;
  for (std::size_t c = 0; c < names.size(); ++c) {
    const bool low = box.lower[c] > full.lower[c];
    const bool high = box.upper[c] < full.upper[c];
    if (!low && !high) continue;
    if (!text.empty()) text += " and ";
    if (low && high) {
      text += number(box.lower[c]) + " <= " + names[c] + " <= " + number(box.upper[c]);
    } else if (low) {
      text += names[c] + " >= " + number(box.lower[c]);
    } else {
      text += names[c] + " <= " + number(box.upper[c]);
    }
  }
  return text.empty() ? "all rows (no restriction)" : text;
}

DiscoveryResult discover(const DiscoveryRequest& request) {
  const ResultsScan scan(request.file, request.scan);
  const engine::ResultsReader& reader = scan.reader();
  if (!(request.confidence > 0.0 && request.confidence < 1.0)) {
    throw RequestError(scan.path(), "the confidence level must lie strictly between 0 and 1");
  }
  const bool sweep = reader.is_sweep();
  const DiscoveryInputs inputs =
      request.inputs.value_or(sweep ? DiscoveryInputs::Factors : DiscoveryInputs::Parameters);
  if (inputs == DiscoveryInputs::Factors && !sweep) {
    throw RequestError(scan.path(),
                       "--inputs factors needs a sweep file (rampart sweep); this file was "
                       "written by rampart run: use --inputs parameters");
  }
  const Condition condition = Condition::parse(request.condition, scan);

  // The entries whose runs are rows: every point of a sweep, one scenario of a run file.
  std::vector<std::size_t> entries;
  std::string rows_from;
  if (sweep) {
    if (request.scenario) {
      throw RequestError(scan.path(),
                         "--scenario is for run files; a sweep's rows are all its "
                         "points");
    }
    for (std::size_t p = 0; p < scan.scenario_names().size(); ++p) entries.push_back(p);
    rows_from = "all " + std::to_string(entries.size()) + " points x " +
                std::to_string(scan.runs()) + " replicates";
  } else {
    if (!request.scenario && scan.scenario_names().size() > 1) {
      std::vector<std::string_view> names(scan.scenario_names().begin(),
                                          scan.scenario_names().end());
      throw RequestError(scan.path(),
                         "the file holds several scenarios: choose one with "
                         "--scenario (" +
                             support::join_names(names) + ")");
    }
    entries.push_back(request.scenario ? scan.scenario_index(*request.scenario) : 0);
    rows_from = "scenario " + scan.scenario_names()[entries.front()];
  }
  // Row slots: entry-major, run order, committed runs only.
  std::vector<std::size_t> offset(scan.scenario_names().size(), 0);
  std::vector<std::size_t> complete(scan.scenario_names().size(), 0);
  std::size_t rows = 0;
  for (const std::size_t e : entries) {
    offset[e] = rows;
    complete[e] = static_cast<std::size_t>(scan.complete_runs(e));
    rows += complete[e];
  }
  if (rows == 0) throw RequestError(scan.path(), "no complete runs to analyse");

  std::vector<std::string> names;
  std::vector<double> design;
  if (inputs == DiscoveryInputs::Factors) {
    names = reader.factor_paths();
    design = reader.design();
  } else {
    names = scan.parameter_names();
  }
  const std::size_t columns = names.size();
  std::vector<double> table(rows * columns);
  std::vector<double> outcome(rows);
  SeriesRequest needs = condition.needs();
  if (inputs == DiscoveryInputs::Parameters) needs.parameters = true;
  const auto visit = [&](const RunBlock& block) {
    if (std::find(entries.begin(), entries.end(), block.scenario) == entries.end()) return;
    for (int r = 0; r < block.runs; ++r) {
      const auto run = static_cast<std::size_t>(block.first_run + r);
      if (run >= complete[block.scenario]) continue;
      const std::size_t row = offset[block.scenario] + run;
      outcome[row] = condition.evaluate(block, r) ? 1.0 : 0.0;
      const std::span<const double> values =
          inputs == DiscoveryInputs::Factors
              ? std::span<const double>(design).subspan(block.scenario * columns, columns)
              : block.parameters(r);
      std::copy(values.begin(), values.end(),
                table.begin() + static_cast<std::ptrdiff_t>(row * columns));
    }
  };
  if (sweep) {
    scan.for_each_block_all(needs, visit);
  } else {
    scan.for_each_block(entries.front(), needs, visit);
  }

  const auto cases = static_cast<std::size_t>(std::count(outcome.begin(), outcome.end(), 1.0));
  if (cases == 0 || cases == rows) {
    throw RequestError(scan.path(), "condition '" + condition.label() + "' holds in " +
                                        (cases == 0 ? "none" : "every one") + " of the " +
                                        std::to_string(rows) + " runs (" + rows_from +
                                        "): discovery needs runs where it holds and runs where "
                                        "it does not; choose a threshold inside the outcome's "
                                        "range (rampart summarize shows it)");
  }
  DiscoveryResult result;
  try {
    result = discover_in_table(names, table, outcome, request.prim, request.confidence);
  } catch (const stats::StatisticsError& e) {
    throw RequestError(scan.path(), "condition '" + condition.label() + "' over " +
                                        std::to_string(rows) + " runs (" + rows_from +
                                        "): " + e.what());
  }
  result.condition = condition.label();
  result.rows_from = rows_from;
  return result;
}

Table to_table(const DiscoveryResult& result) {
  Table table("PRIM boxes for " + result.condition + " (" + result.rows_from + ", " +
                  std::to_string(result.rows) + " runs)",
              {"stage", "step", "support", "coverage", "density", "density_lower", "density_upper",
               "rows", "box"});
  const stats::Box& full = result.prim.peeling.front().box;
  const auto add = [&](const std::string& stage, std::size_t step, const stats::PrimStep& s) {
    const auto cases_inside =
        static_cast<std::size_t>(std::llround(s.density * static_cast<double>(s.rows)));
    const stats::ProportionEstimate density =
        stats::wilson_interval(cases_inside, s.rows, result.confidence);
    table.add_row({stage, static_cast<std::int64_t>(step), s.support, s.coverage, s.density,
                   density.lower, density.upper, static_cast<std::int64_t>(s.rows),
                   describe_box(s.box, full, result.inputs)});
  };
  for (std::size_t k = 0; k < result.prim.peeling.size(); ++k) {
    add("peel", k, result.prim.peeling[k]);
  }
  add("paste", result.chosen_step, result.chosen);
  const double base_rate = static_cast<double>(result.cases) / static_cast<double>(result.rows);
  table.add_note("base rate: the condition holds in " + std::to_string(result.cases) + " of " +
                 std::to_string(result.rows) + " runs (" + percent(base_rate) + ")");
  const stats::PrimStep& chosen = result.chosen;
  table.add_note(
      "chosen box (peeling step " + std::to_string(result.chosen_step) +
      ", the widest with density >= " + number(100.0 * kChosenDensityShare) +
      "% of the highest, then pasted): " + describe_box(chosen.box, full, result.inputs) +
      " - density " + percent(chosen.density) + ", coverage " + percent(chosen.coverage) +
      ", support " + percent(chosen.support));
  std::string inputs;
  for (const std::string& name : result.inputs) inputs += (inputs.empty() ? "" : ", ") + name;
  table.add_note("inputs: " + inputs);
  if (!result.dropped_inputs.empty()) {
    table.add_note("constant across the runs, left out: " +
                   std::to_string(result.dropped_inputs.size()) + " inputs");
  }
  table.add_note(
      "density: share of runs in the box where the condition holds (Wilson interval "
      "at " +
      number(100.0 * result.confidence) +
      "% confidence); coverage: share of "
      "all cases inside the box; support: share of runs inside the box. Earlier "
      "steps trade density for coverage; choose by the trade-off you need");
  for (const std::string& note : result.notes) table.add_note(note);
  return table;
}

}  // namespace rampart::analysis
