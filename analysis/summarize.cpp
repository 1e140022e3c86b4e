#include "rampart/analysis/summarize.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <span>
#include <stdexcept>

#include "rampart/analysis/country_groups.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/zeroed_floats.hpp"
#include "rampart/io/mantissa_rounding.hpp"
#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/order_statistics.hpp"
#include "rampart/stats/proportion.hpp"
#include "rampart/support/text_format.hpp"
#include "rampart/support/text_parse.hpp"
#include "rampart/support/year_list.hpp"

namespace rampart::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Year index meaning "never" in the per-run event slots.
constexpr std::int8_t kNever = std::numeric_limits<std::int8_t>::max();
constexpr std::size_t kMiB = std::size_t{1024} * 1024;

enum class VarKind { State, World, Summary };

struct Variable {
  VarKind kind;
  std::size_t index;
  std::string name;
};

// One column of values per run: a variable at a year (index into the selected years, -1 for a
// summary variable) over a selection (index, -1 for world and summary variables).
struct CellSpec {
  std::size_t variable;
  int year;
  int selection;
};

Variable find_variable(std::string_view name, const ResultsScan& scan) {
  std::vector<std::string_view> allowed;
  for (std::size_t i = 0; i < sim::kNumStateVars; ++i) {
    if (sim::state_var_info()[i].name == name) return {VarKind::State, i, std::string(name)};
    allowed.push_back(sim::state_var_info()[i].name);
  }
  for (std::size_t i = 0; i < sim::kNumWorldVars; ++i) {
    if (sim::world_var_info()[i].name == name) return {VarKind::World, i, std::string(name)};
    allowed.push_back(sim::world_var_info()[i].name);
  }
  for (std::size_t i = 0; i < sim::kNumSummaryVars; ++i) {
    if (sim::summary_var_info()[i].name == name) return {VarKind::Summary, i, std::string(name)};
    allowed.push_back(sim::summary_var_info()[i].name);
  }
  throw RequestError(scan.path(), "unknown variable '" + std::string(name) + "';" +
                                      support::did_you_mean(name, allowed) +
                                      " variables are: " + support::join_names(allowed));
}

// Welford's moments of `K` cells, each the defined values of its slice of `runs` values (cell
// `first + k` at [(first + k) * runs, ...)) in run order. Each cell's chain is the operations it
// would have alone, so the numbers are the same; the chains of different cells overlap in the
// CPU, where one alone waits on its division at every value.
template <std::size_t K>
std::array<stats::RunningMoments, K> cell_moments(std::span<const float> values, std::size_t runs,
                                                  std::size_t first) {
  std::array<stats::RunningMoments, K> moments{};
  std::array<const float*, K> cell{};
  for (std::size_t k = 0; k < K; ++k) cell[k] = values.data() + (first + k) * runs;
  for (std::size_t r = 0; r < runs; ++r) {
    for (std::size_t k = 0; k < K; ++k) {
      const float x = cell[k][r];
      if (!std::isnan(x)) moments[k].add(static_cast<double>(x));
    }
  }
  return moments;
}

// The rest of a cell's statistics once its moments are known; reorders `values` (after the
// moments, so the sums keep run order and the result does not depend on the thread count).
void describe_cell(const stats::RunningMoments& moments, std::span<float> values, double z,
                   SummaryRow& row) {
  row.runs = static_cast<std::int64_t>(moments.count());
  row.mean = moments.mean();
  row.sd = moments.standard_deviation();
  row.se = moments.standard_error();
  row.ci_low = row.mean - z * row.se;
  row.ci_high = row.mean + z * row.se;
  const auto defined =
      std::remove_if(values.begin(), values.end(), [](float x) { return std::isnan(x); });
  const std::span<float> sample(values.begin(), defined);
  if (sample.empty()) {
    row.quantiles.fill(kNaN);
    return;
  }
  // Exact order statistics by radix selection: a sort was 39 % of a scan's time, selection by
  // std::nth_element a quarter (docs/performance.md).
  stats::float_quantiles(sample, kSummaryQuantiles, row.quantiles);
}

// Cells are described in groups of this many, their moments interleaved.
constexpr std::size_t kCellsTogether = 4;

// Statistics of cells [first, first + count) (count <= kCellsTogether) of one scenario, whose
// values lie cell after cell, `runs` each.
void describe_cells(std::span<float> values, std::size_t runs, std::size_t first, std::size_t count,
                    double z, std::span<SummaryRow> rows) {
  std::array<stats::RunningMoments, kCellsTogether> moments{};
  if (count == kCellsTogether) {
    moments = cell_moments<kCellsTogether>(values, runs, first);
  } else {
    for (std::size_t k = 0; k < count; ++k) {
      moments[k] = cell_moments<1>(values, runs, first + k)[0];
    }
  }
  for (std::size_t k = 0; k < count; ++k) {
    describe_cell(moments[k], values.subspan((first + k) * runs, runs), z, rows[first + k]);
  }
}

struct Plan {
  std::vector<std::size_t> scenarios;  // file order
  std::vector<int> years;
  std::vector<int> year_indices;
  std::vector<Variable> variables;
  std::vector<std::string> selection_names;
  // [scenario position][selection]: members as that scenario ran them.
  std::vector<std::vector<std::vector<int>>> members;
  std::vector<CellSpec> cells;
  SeriesRequest needs;
  std::int64_t total_runs = 0;
};

// The variables asked for (spending_share by default), each once.
std::vector<Variable> plan_variables(const ResultsScan& scan, const SummarizeRequest& request) {
  std::vector<Variable> variables;
  const std::vector<std::string> default_variables{"spending_share"};
  for (const auto& name : request.variables.empty() ? default_variables : request.variables) {
    Variable v = find_variable(name, scan);
    const bool seen = std::any_of(variables.begin(), variables.end(), [&](const auto& x) {
      return x.kind == v.kind && x.index == v.index;
    });
    if (!seen) variables.push_back(std::move(v));
  }
  return variables;
}

// The groups and countries asked for (the built-in groups by default), resolved against each
// scenario's own members; none when no state variable is asked for.
void plan_selections(const ResultsScan& scan, const SummarizeRequest& request, Plan& plan) {
  std::vector<std::string> selection_texts = request.groups;
  selection_texts.insert(selection_texts.end(), request.countries.begin(), request.countries.end());
  if (selection_texts.empty()) {
    for (const auto name : builtin_group_names()) selection_texts.emplace_back(name);
  }
  const bool any_state = std::any_of(plan.variables.begin(), plan.variables.end(),
                                     [](const auto& v) { return v.kind == VarKind::State; });
  for (const std::size_t s : plan.scenarios) {
    std::vector<std::vector<int>> members;
    std::vector<std::string> names;
    if (any_state) {
      for (const auto& text : selection_texts) {
        CountrySelection selection;
        try {
          selection = resolve_selection(text, scan.countries(s));
        } catch (const std::invalid_argument& e) {
          throw RequestError(scan.path(), e.what());
        }
        if (std::find(names.begin(), names.end(), selection.name) != names.end()) continue;
        names.push_back(selection.name);
        members.push_back(std::move(selection.members));
      }
    }
    plan.selection_names = names;
    plan.members.push_back(std::move(members));
  }
}

// One cell per variable, selected year and selection, and the series they read.
void plan_cells(Plan& plan) {
  for (std::size_t v = 0; v < plan.variables.size(); ++v) {
    const Variable& variable = plan.variables[v];
    switch (variable.kind) {
      case VarKind::State:
        plan.needs.state.push_back(static_cast<sim::StateVar>(variable.index));
        if (aggregation_of(static_cast<sim::StateVar>(variable.index)) ==
            Aggregation::GdpWeighted) {
          plan.needs.state.push_back(sim::StateVar::Gdp);
        }
        for (std::size_t y = 0; y < plan.years.size(); ++y) {
          for (std::size_t g = 0; g < plan.selection_names.size(); ++g) {
            plan.cells.push_back({v, static_cast<int>(y), static_cast<int>(g)});
          }
        }
        break;
      case VarKind::World:
        plan.needs.world.push_back(static_cast<sim::WorldVar>(variable.index));
        for (std::size_t y = 0; y < plan.years.size(); ++y) {
          plan.cells.push_back({v, static_cast<int>(y), -1});
        }
        break;
      case VarKind::Summary:
        plan.needs.summary.push_back(static_cast<sim::SummaryVar>(variable.index));
        plan.cells.push_back({v, -1, -1});
        break;
    }
  }
}

Plan make_plan(const ResultsScan& scan, const SummarizeRequest& request) {
  if (!(request.confidence > 0.0 && request.confidence < 1.0)) {
    throw RequestError(scan.path(), "the confidence level must be between 0 and 1 (got " +
                                        support::format_number(request.confidence) + ")");
  }
  Plan plan;
  // Scenarios, in file order whatever the order asked.
  std::vector<bool> chosen(scan.scenario_names().size(), request.scenarios.empty());
  for (const auto& name : request.scenarios) chosen[scan.scenario_index(name)] = true;
  for (std::size_t s = 0; s < chosen.size(); ++s) {
    if (chosen[s]) plan.scenarios.push_back(s);
  }
  plan.years = select_years(request.years, scan);
  for (const int y : plan.years) plan.year_indices.push_back(scan.year_index(y));
  plan.variables = plan_variables(scan, request);
  plan_selections(scan, request, plan);
  plan_cells(plan);
  // Deduplicate (GDP may be asked for twice).
  SeriesRequest needs;
  needs.merge(plan.needs);
  if (request.events) needs.codes.push_back(sim::WorldCode::CrisisOutcome);
  plan.needs = needs;
  for (const std::size_t s : plan.scenarios) plan.total_runs += scan.complete_runs(s);
  return plan;
}

std::size_t memory_bytes(const Plan& plan, bool events) {
  const auto runs = static_cast<std::size_t>(plan.total_runs);
  return runs * (plan.cells.size() * sizeof(float) + (events ? 2 * sizeof(std::int8_t) : 0));
}

}  // namespace

std::vector<int> select_years(std::string_view text, const ResultsScan& scan) {
  const std::vector<int>& all = scan.years();
  text = support::trim(text);
  if (text == "all") return all;
  std::vector<int> years;
  if (text.empty()) {
    // The first simulated year (the first is the 2024 data), each year divisible by 5, the last.
    const std::size_t first = all.size() > 1 ? 1 : 0;
    for (std::size_t i = first; i < all.size(); ++i) {
      if (i == first || i + 1 == all.size() || all[i] % 5 == 0) years.push_back(all[i]);
    }
    return years;
  }
  for (const auto& item : support::parse_year_list(text)) {
    if (!item.valid) {
      throw RequestError(scan.path(), "--years: '" + std::string(item.text) +
                                          "' is not a year, a range like 2025-2035, or 'all'");
    }
    for (int y = item.first; y <= item.last; ++y) {
      static_cast<void>(scan.year_index(y));  // throws for a year outside the file
      years.push_back(y);
    }
  }
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  return years;
}

std::size_t summarize_memory_bytes(const ResultsScan& scan, const SummarizeRequest& request) {
  return memory_bytes(make_plan(scan, request), request.events);
}

namespace {

void check_memory(const ResultsScan& scan, const Plan& plan, const SummarizeRequest& request) {
  const std::size_t bytes = memory_bytes(plan, request.events);
  const std::size_t limit = request.max_memory_mib * kMiB;
  if (bytes <= limit) return;
  throw RequestError(
      scan.path(),
      "summarize would keep " + std::to_string(bytes / kMiB) +
          " MiB of values for exact quantiles (4 bytes x " + std::to_string(plan.total_runs) +
          " runs x " + std::to_string(plan.cells.size()) + " cells), above --max-memory " +
          std::to_string(request.max_memory_mib) +
          " MiB: ask for fewer --years, --var, --groups/--countries or --scenarios, or raise "
          "--max-memory");
}

// Per-run slots: values[position][cell * runs + run], first event years [position][run].
struct RunValues {
  std::vector<int> position_of;  // [scenario in the file]: position in the plan, -1 if not chosen
  std::vector<std::size_t> runs_of;
  std::vector<ZeroedFloats> values;  // [position]: [cell][run], written once by the scan
  std::vector<std::vector<std::int8_t>> first_crisis;
  std::vector<std::vector<std::int8_t>> first_failure;
};

// One cell's value of run r of a block of the scenario at plan position p.
double cell_value(const Plan& plan, std::size_t p, const CellSpec& cell, const RunBlock& block,
                  int r) {
  const Variable& variable = plan.variables[cell.variable];
  const int year = cell.year < 0 ? 0 : plan.year_indices[static_cast<std::size_t>(cell.year)];
  switch (variable.kind) {
    case VarKind::State: {
      const auto v = static_cast<sim::StateVar>(variable.index);
      const bool weighted = aggregation_of(v) == Aggregation::GdpWeighted;
      return aggregate(
          v, block.state_row(v, r, year),
          weighted ? block.state_row(sim::StateVar::Gdp, r, year) : std::span<const float>{},
          plan.members[p][static_cast<std::size_t>(cell.selection)]);
    }
    case VarKind::World:
      return block.world(static_cast<sim::WorldVar>(variable.index), r, year);
    case VarKind::Summary:
      return block.summary(static_cast<sim::SummaryVar>(variable.index), r);
  }
  return kNaN;
}

// A state cell's group values of a block's runs into `out`, kRunsTogether runs at a time (the
// same numbers as cell_value).
void state_cell_values(const Plan& plan, std::size_t p, const CellSpec& cell, const RunBlock& block,
                       std::span<float> out) {
  const auto v = static_cast<sim::StateVar>(plan.variables[cell.variable].index);
  const bool weighted = aggregation_of(v) == Aggregation::GdpWeighted;
  const int year = plan.year_indices[static_cast<std::size_t>(cell.year)];
  const auto& members = plan.members[p][static_cast<std::size_t>(cell.selection)];
  constexpr auto kRuns = static_cast<int>(kRunsTogether);
  // A run's rows lie a run's (years x countries) values after the previous run's.
  const auto run_stride =
      static_cast<std::size_t>(block.years) * static_cast<std::size_t>(block.countries);
  int r = 0;
  for (; r + kRuns <= block.runs; r += kRuns) {
    std::array<const float*, kRunsTogether> values{};
    std::array<const float*, kRunsTogether> gdp{};
    const std::span<const float> first = block.state_row(v, r, year);
    const std::span<const float> first_gdp =
        weighted ? block.state_row(sim::StateVar::Gdp, r, year) : std::span<const float>{};
    for (std::size_t k = 0; k < kRunsTogether; ++k) {
      values[k] = first.data() + k * run_stride;
      if (weighted) gdp[k] = first_gdp.data() + k * run_stride;
    }
    const auto group = aggregate_runs(v, values, gdp, members);
    for (std::size_t k = 0; k < kRunsTogether; ++k) {
      out[static_cast<std::size_t>(r) + k] = static_cast<float>(group[k]);
    }
  }
  for (; r < block.runs; ++r) {
    out[static_cast<std::size_t>(r)] = static_cast<float>(cell_value(plan, p, cell, block, r));
  }
}

// Reads every chosen run's cell values and first event years from the file.
RunValues collect_values(const ResultsScan& scan, const Plan& plan, bool events) {
  const std::size_t positions = plan.scenarios.size();
  RunValues rv;
  rv.position_of.assign(scan.scenario_names().size(), -1);
  rv.runs_of.resize(positions);
  rv.values.resize(positions);
  rv.first_crisis.resize(positions);
  rv.first_failure.resize(positions);
  for (std::size_t p = 0; p < positions; ++p) {
    rv.position_of[plan.scenarios[p]] = static_cast<int>(p);
    rv.runs_of[p] = static_cast<std::size_t>(scan.complete_runs(plan.scenarios[p]));
    rv.values[p] = ZeroedFloats(plan.cells.size() * rv.runs_of[p]);
    if (events) {
      rv.first_crisis[p].assign(rv.runs_of[p], kNever);
      rv.first_failure[p].assign(rv.runs_of[p], kNever);
    }
  }

  const auto visit = [&](const RunBlock& block) {
    const int position = rv.position_of[block.scenario];
    if (position < 0) return;
    const auto p = static_cast<std::size_t>(position);
    const std::size_t runs = rv.runs_of[p];
    for (std::size_t c = 0; c < plan.cells.size(); ++c) {
      const CellSpec& cell = plan.cells[c];
      const std::span<float> out =
          std::span<float>(rv.values[p])
              .subspan(c * runs + static_cast<std::size_t>(block.first_run),
                       static_cast<std::size_t>(block.runs));
      if (plan.variables[cell.variable].kind == VarKind::State) {
        state_cell_values(plan, p, cell, block, out);
        continue;
      }
      for (int r = 0; r < block.runs; ++r) {
        out[static_cast<std::size_t>(r)] = static_cast<float>(cell_value(plan, p, cell, block, r));
      }
    }
    if (!events) return;
    for (int r = 0; r < block.runs; ++r) {
      const auto run = static_cast<std::size_t>(block.first_run) + static_cast<std::size_t>(r);
      for (int y = block.years - 1; y >= 0; --y) {
        const std::int8_t outcome = block.code(sim::WorldCode::CrisisOutcome, r, y);
        if (outcome > 0) rv.first_crisis[p][run] = static_cast<std::int8_t>(y);
        if (outcome == 3) rv.first_failure[p][run] = static_cast<std::int8_t>(y);
      }
    }
  };
  if (positions == scan.scenario_names().size()) {
    scan.for_each_block_all(plan.needs, visit);
  } else {
    for (const std::size_t s : plan.scenarios) scan.for_each_block(s, plan.needs, visit);
  }
  return rv;
}

// The labels of the cell rows (scenario, year, variable, selection); the statistics come later.
void label_rows(const Plan& plan, const std::string& name, std::vector<SummaryRow>& rows) {
  for (std::size_t c = 0; c < plan.cells.size(); ++c) {
    const CellSpec& cell = plan.cells[c];
    SummaryRow& row = rows[c];
    row.scenario = name;
    if (cell.year >= 0) row.year = plan.years[static_cast<std::size_t>(cell.year)];
    row.variable = plan.variables[cell.variable].name;
    const VarKind kind = plan.variables[cell.variable].kind;
    row.selection = kind == VarKind::State
                        ? plan.selection_names[static_cast<std::size_t>(cell.selection)]
                        : (kind == VarKind::World ? "world" : "run");
  }
}

// P(crisis by year) and P(deterrence failure by year) of one scenario, from row `at` on.
void event_rows(const Plan& plan, const RunValues& rv, std::size_t p, const std::string& name,
                double confidence, std::size_t at, std::vector<SummaryRow>& rows) {
  const std::size_t runs = rv.runs_of[p];
  for (const bool failure : {false, true}) {
    const auto& first = failure ? rv.first_failure[p] : rv.first_crisis[p];
    for (std::size_t y = 0; y < plan.years.size(); ++y) {
      const int index = plan.year_indices[y];
      const auto happened = static_cast<std::size_t>(
          std::count_if(first.begin(), first.end(), [&](std::int8_t f) { return f <= index; }));
      const stats::ProportionEstimate estimate = stats::wilson_interval(happened, runs, confidence);
      SummaryRow& row = rows[at++];
      row.scenario = name;
      row.year = plan.years[y];
      row.variable = failure ? kFailureByYear : kCrisisByYear;
      row.selection = "world";
      row.runs = static_cast<std::int64_t>(runs);
      row.is_event = true;
      row.mean = estimate.estimate;
      row.sd = std::sqrt(estimate.estimate * (1.0 - estimate.estimate));
      row.se = row.sd / std::sqrt(static_cast<double>(runs));
      row.ci_low = estimate.lower;
      row.ci_high = estimate.upper;
      row.quantiles.fill(kNaN);
    }
  }
}

void add_notes(const ResultsScan& scan, const Plan& plan, const SummarizeRequest& request, double z,
               SummaryResult& result) {
  const std::string level = support::format_number(request.confidence * 100.0) + " %";
  result.notes.push_back("ci_low, ci_high: " + level +
                         " confidence interval of the mean, mean +/- z*se " +
                         "(normal, z = " + support::format_number(std::round(z * 1e4) / 1e4) +
                         "); se = sd / sqrt(runs), the Monte Carlo standard error");
  result.notes.push_back(
      "quantiles q05..q95: type 7 (Hyndman & Fan 1996) over runs; runs: runs with a defined "
      "value (NaN, e.g. first_crisis_year without a crisis, is left out)");
  if (!plan.selection_names.empty()) {
    result.notes.push_back(
        "groups: gdp, spending, capability summed; spending_share, related_share, aid_share "
        "GDP-weighted (sum x*gdp / sum gdp); other state variables averaged over members");
  }
  if (request.events) {
    result.notes.push_back(
        "P(crisis by year), P(deterrence failure by year): share of runs with a "
        "probe (a failed defence) in or before that year; " +
        level + " Wilson score interval");
  }
  if (scan.partial()) {
    result.notes.push_back("partial file: only the runs of complete blocks are summarised");
  }
  if (const int keep = scan.reader().keep_bits(); keep < engine::kAllMantissaBits) {
    std::array<char, 32> percent{};
    std::snprintf(percent.data(), percent.size(), "%.3g", 100.0 * std::ldexp(1.0, -(keep + 1)));
    result.notes.push_back("the file stores the yearly series rounded to " + std::to_string(keep) +
                           " mantissa bits (--keep-bits): each value within a relative 2^-" +
                           std::to_string(keep + 1) + " (" + percent.data() +
                           " %) of the computed one; parameters and summaries are exact");
  }
}

}  // namespace

// Plan, read every chosen run's values, describe each cell, then the event rows and notes.
SummaryResult summarize(const ResultsScan& scan, const SummarizeRequest& request) {
  const Plan plan = make_plan(scan, request);
  if (plan.total_runs == 0) {
    throw RequestError(scan.path(), "empty selection: the selected " + scan.scenario_dim() +
                                        "s have no complete runs yet");
  }
  check_memory(scan, plan, request);
  RunValues rv = collect_values(scan, plan, request.events);

  SummaryResult result;
  result.file = scan.path().string();
  result.scenario_dim = scan.scenario_dim();
  result.confidence = request.confidence;
  const double z = stats::normal_critical_value(request.confidence);
  const std::size_t positions = plan.scenarios.size();
  const std::size_t cells = plan.cells.size();
  const std::size_t event_rows_count = request.events ? 2 * plan.years.size() : 0;
  std::vector<std::vector<SummaryRow>> rows(positions);
  for (std::size_t p = 0; p < positions; ++p) {
    result.scenarios.push_back(scan.scenario_names()[plan.scenarios[p]]);
    rows[p].resize(cells + event_rows_count);
    label_rows(plan, result.scenarios[p], rows[p]);
  }
  // Each cell owns its slice of values and its row: the result is the same at any thread count.
  const std::size_t groups = (cells + kCellsTogether - 1) / kCellsTogether;
  tbb::parallel_for(std::size_t{0}, positions * groups, [&](std::size_t i) {
    const std::size_t p = i / groups;
    const std::size_t first = (i % groups) * kCellsTogether;
    describe_cells(rv.values[p], rv.runs_of[p], first, std::min(kCellsTogether, cells - first), z,
                   rows[p]);
  });
  for (std::size_t p = 0; p < positions; ++p) {
    if (request.events && rv.runs_of[p] > 0) {
      event_rows(plan, rv, p, result.scenarios[p], request.confidence, cells, rows[p]);
    }
    if (rv.runs_of[p] == 0) {
      result.notes.push_back(result.scenarios[p] + ": no complete runs yet (partial file)");
      continue;
    }
    for (auto& row : rows[p]) result.rows.push_back(std::move(row));
  }
  add_notes(scan, plan, request, z, result);
  return result;
}

namespace {

std::vector<std::string> columns(const SummaryResult& result, bool with_scenario) {
  std::vector<std::string> names;
  if (with_scenario) names.push_back(result.scenario_dim);
  for (const char* c : {"year", "variable", "selection", "runs", "mean", "sd", "se", "ci_low",
                        "ci_high", "q05", "q25", "q50", "q75", "q95"}) {
    names.emplace_back(c);
  }
  return names;
}

std::vector<Cell> cells_of(const SummaryRow& row, bool with_scenario) {
  std::vector<Cell> cells;
  if (with_scenario) cells.emplace_back(row.scenario);
  cells.push_back(row.year ? Cell{static_cast<std::int64_t>(*row.year)} : Cell{});
  cells.emplace_back(row.variable);
  cells.emplace_back(row.selection);
  cells.emplace_back(row.runs);
  for (const double x : {row.mean, row.sd, row.se, row.ci_low, row.ci_high}) cells.emplace_back(x);
  for (const double q : row.quantiles) cells.push_back(row.is_event ? Cell{} : Cell{q});
  return cells;
}

std::string confidence_text(double confidence) {
  return support::format_number(confidence * 100.0) + " % CI";
}

}  // namespace

Table to_table(const SummaryResult& result) {
  Table table("summarize " + result.file + " (" + confidence_text(result.confidence) + ")",
              columns(result, true));
  for (const auto& row : result.rows) table.add_row(cells_of(row, true));
  for (const auto& note : result.notes) table.add_note(note);
  return table;
}

std::vector<Table> to_tables_by_scenario(const SummaryResult& result) {
  std::vector<Table> tables;
  for (const auto& name : result.scenarios) {
    Table table(result.scenario_dim + " " + name + " (" + result.file + ", " +
                    confidence_text(result.confidence) + ")",
                columns(result, false));
    for (const auto& row : result.rows) {
      if (row.scenario == name) table.add_row(cells_of(row, false));
    }
    if (table.rows().empty()) continue;
    tables.push_back(std::move(table));
  }
  if (!tables.empty()) {
    for (const auto& note : result.notes) tables.back().add_note(note);
  }
  return tables;
}

}  // namespace rampart::analysis
