// Paired (common random numbers) and unpaired comparisons of scenarios, outcome by outcome.
// Every outcome value of every run is gathered into a per-run slot (each block writes only its
// own runs), then the statistics run over the slots in run order: the result does not depend
// on the thread count.

#include "rampart/analysis/compare.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/outcome.hpp"
#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/paired.hpp"
#include "rampart/stats/proportion.hpp"
#include "rampart/support/text_format.hpp"

namespace rampart::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// An outcome, or a condition read as 0/1 (its mean is a probability).
struct Measure {
  std::string label;
  std::optional<Outcome> outcome;
  std::optional<Condition> condition;

  [[nodiscard]] const SeriesRequest& needs() const {
    return outcome ? outcome->needs() : condition->needs();
  }
  [[nodiscard]] double evaluate(const RunBlock& block, int run) const {
    if (outcome) return outcome->evaluate(block, run);
    return condition->evaluate(block, run) ? 1.0 : 0.0;
  }
};

bool is_condition(std::string_view text) {
  return text.find_first_of("<>=!") != std::string_view::npos;
}

Measure parse_measure(std::string_view text, const ResultsScan& scan) {
  Measure m;
  if (is_condition(text)) {
    m.condition = Condition::parse(text, scan);
    m.label = "P(" + m.condition->label() + ")";
  } else {
    m.outcome = Outcome::parse(text, scan);
    m.label = m.outcome->label();
  }
  return m;
}

std::vector<Measure> parse_measures(const ResultsScan& scan, const CompareRequest& request) {
  const std::vector<std::string> texts =
      request.outcomes.empty() ? default_compare_outcomes(scan) : request.outcomes;
  std::vector<Measure> measures;
  measures.reserve(texts.size());
  for (const auto& text : texts) measures.push_back(parse_measure(text, scan));
  return measures;
}

void add_unique(SeriesRequest& into, const SeriesRequest& from) {
  const auto add = [](auto& to, const auto& values) {
    for (const auto v : values) {
      if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
    }
  };
  add(into.state, from.state);
  add(into.world, from.world);
  add(into.codes, from.codes);
  add(into.summary, from.summary);
  into.parameters = into.parameters || from.parameters;
}

// values[measure][run] for the complete runs of one scenario; NaN where undefined.
using RunValues = std::vector<std::vector<double>>;

RunValues collect(const ResultsScan& scan, std::size_t scenario,
                  const std::vector<Measure>& measures) {
  const auto runs = static_cast<std::size_t>(scan.complete_runs(scenario));
  if (runs == 0) {
    throw RequestError(scan.path(), "scenario '" + scan.scenario_names().at(scenario) +
                                        "' has no complete runs to compare");
  }
  SeriesRequest request;
  for (const auto& m : measures) add_unique(request, m.needs());
  RunValues values(measures.size(), std::vector<double>(runs, kNaN));
  scan.for_each_block(scenario, request, [&](const RunBlock& block) {
    for (int r = 0; r < block.runs; ++r) {
      const auto slot = static_cast<std::size_t>(block.first_run + r);
      if (slot >= runs) continue;
      for (std::size_t k = 0; k < measures.size(); ++k) {
        values[k][slot] = measures[k].evaluate(block, r);
      }
    }
  });
  return values;
}

OutcomeComparison compare_paired(const std::vector<double>& a, const std::vector<double>& b,
                                 double confidence) {
  OutcomeComparison row;
  row.paired = true;
  const std::size_t n = std::min(a.size(), b.size());
  std::vector<double> used_a;
  std::vector<double> used_b;
  used_a.reserve(n);
  used_b.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    if (std::isnan(a[k]) || std::isnan(b[k])) continue;
    used_a.push_back(a[k]);
    used_b.push_back(b[k]);
  }
  row.pairs = used_a.size();
  row.dropped = n - row.pairs;
  row.runs_a = row.pairs;
  row.runs_b = row.pairs;
  row.mean_a = stats::describe(used_a).mean;
  row.mean_b = stats::describe(used_b).mean;
  if (row.pairs < 2) {
    row.difference = row.pairs == 1 ? used_b[0] - used_a[0] : kNaN;
    row.standard_error = row.lower = row.upper = kNaN;
    row.unpaired_standard_error = row.variance_reduction = kNaN;
    return row;
  }
  const stats::PairedComparison p = stats::paired_difference(used_a, used_b, confidence);
  row.difference = p.mean_difference;
  row.standard_error = p.standard_error;
  row.lower = p.lower;
  row.upper = p.upper;
  row.unpaired_standard_error = p.unpaired_standard_error;
  row.variance_reduction = p.variance_reduction;
  return row;
}

OutcomeComparison compare_unpaired(const std::vector<double>& a, const std::vector<double>& b,
                                   double confidence) {
  OutcomeComparison row;
  row.paired = false;
  stats::RunningMoments ma;
  stats::RunningMoments mb;
  for (const double x : a) {
    if (!std::isnan(x)) ma.add(x);
  }
  for (const double x : b) {
    if (!std::isnan(x)) mb.add(x);
  }
  row.runs_a = ma.count();
  row.runs_b = mb.count();
  row.mean_a = ma.mean();
  row.mean_b = mb.mean();
  row.difference = row.mean_b - row.mean_a;
  row.variance_reduction = kNaN;
  if (ma.count() < 2 || mb.count() < 2) {
    row.standard_error = row.lower = row.upper = row.unpaired_standard_error = kNaN;
    return row;
  }
  const double se = std::sqrt(ma.variance() / static_cast<double>(ma.count()) +
                              mb.variance() / static_cast<double>(mb.count()));
  const double z = stats::normal_critical_value(confidence);
  row.standard_error = se;
  row.unpaired_standard_error = se;
  row.lower = row.difference - z * se;
  row.upper = row.difference + z * se;
  return row;
}

void check_confidence(const ResultsScan& scan, double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw RequestError(scan.path(), "the confidence level must be strictly between 0 and 1, not " +
                                        support::format_number(confidence));
  }
}

std::string percent(double confidence) {
  return support::format_number(100.0 * confidence) + " %";
}

void add_common_notes(ComparisonResult& result, const std::vector<Measure>& measures) {
  result.notes.push_back("difference = mean_b - mean_a; ci_low..ci_high is the " +
                         percent(result.confidence) +
                         " normal confidence interval difference +/- z * se");
  if (result.paired) {
    result.notes.push_back(
        "paired run by run (common random numbers: run k of each scenario shares its random "
        "draws); se = sd(b - a) / sqrt(pairs); unpaired_se = sqrt((var_a + var_b) / pairs) is "
        "what independent samples would give; variance_reduction = unpaired_se^2 / se^2, how "
        "many times more runs an unpaired comparison would need for the same precision (> 1: "
        "pairing helped; empty when every pair differs by the same amount)");
  } else {
    result.notes.push_back(
        "unpaired: se = unpaired_se = sqrt(var_a / n_a + var_b / n_b) over the runs with a "
        "defined value; pairs and variance_reduction are empty");
  }
  if (std::any_of(measures.begin(), measures.end(),
                  [](const Measure& m) { return m.condition.has_value(); })) {
    result.notes.push_back(
        "P(condition) rows compare a condition as 0/1 per run: their means are probabilities");
  }
  for (const auto& row : result.rows) {
    if (row.paired && row.dropped > 0) {
      result.notes.push_back(row.outcome + " (" + row.scenario_b + " vs " + row.scenario_a +
                             "): " + std::to_string(row.dropped) + " of " +
                             std::to_string(row.pairs + row.dropped) +
                             " pairs dropped (undefined in either run)");
    }
    if (!row.paired) {
      result.notes.push_back(row.outcome + ": n_a = " + std::to_string(row.runs_a) +
                             ", n_b = " + std::to_string(row.runs_b) + " runs with a value");
    }
    if ((row.paired ? row.pairs : std::min(row.runs_a, row.runs_b)) < 2) {
      result.notes.push_back(row.outcome + " (" + row.scenario_b + " vs " + row.scenario_a +
                             "): fewer than two defined values, no standard error");
    }
  }
}

}  // namespace

std::vector<std::string> default_compare_outcomes(const ResultsScan& scan) {
  std::vector<std::string> outcomes{"spending_share[NATO-Europe]",
                                    "spending_share[EU]",
                                    "us_share_nato",
                                    "allies_at_2pct",
                                    "allies_at_3_5pct",
                                    "commitment[NATO-Europe]",
                                    "crises",
                                    "deterrence_failures"};
  if (!scan.years().empty()) {
    outcomes.push_back("first_failure_year <= " + std::to_string(scan.years().back()));
  }
  return outcomes;
}

ComparisonResult compare_scenarios(const ResultsScan& scan, const std::vector<std::string>& names,
                                   const CompareRequest& request) {
  check_confidence(scan, request.confidence);
  // Unknown names first: a mistyped single name gets its "did you mean".
  std::vector<std::size_t> indices;
  indices.reserve(names.size());
  for (const auto& name : names) indices.push_back(scan.scenario_index(name));
  if (names.size() < 2) {
    std::vector<std::string_view> all(scan.scenario_names().begin(), scan.scenario_names().end());
    throw RequestError(scan.path(), "compare needs at least two " + scan.scenario_dim() +
                                        "s (--scenarios A,B), or two files; the file has " +
                                        support::join_names(all));
  }
  const std::vector<Measure> measures = parse_measures(scan, request);

  std::map<std::size_t, RunValues> values;
  for (const std::size_t s : indices) {
    if (values.find(s) == values.end()) values.emplace(s, collect(scan, s, measures));
  }

  ComparisonResult result;
  result.confidence = request.confidence;
  result.paired = true;
  const auto& scenario_names = scan.scenario_names();
  result.title = "compare: " + scan.path().filename().string() + ", each " + scan.scenario_dim() +
                 " against " + scenario_names[indices[0]];
  const RunValues& first = values.at(indices[0]);
  for (std::size_t k = 1; k < indices.size(); ++k) {
    const RunValues& other = values.at(indices[k]);
    for (std::size_t m = 0; m < measures.size(); ++m) {
      OutcomeComparison row = compare_paired(first[m], other[m], request.confidence);
      row.outcome = measures[m].label;
      row.scenario_a = scenario_names[indices[0]];
      row.scenario_b = scenario_names[indices[k]];
      result.rows.push_back(std::move(row));
    }
  }
  add_common_notes(result, measures);
  return result;
}

ComparisonResult compare_files(const ResultsScan& a, std::string_view name_a, const ResultsScan& b,
                               std::string_view name_b, const CompareRequest& request) {
  check_confidence(a, request.confidence);
  if (a.scenario_names().empty()) throw RequestError(a.path(), "the file has no scenarios");
  if (b.scenario_names().empty()) throw RequestError(b.path(), "the file has no scenarios");
  const std::size_t index_a = name_a.empty() ? 0 : a.scenario_index(name_a);
  const std::size_t index_b = name_b.empty() ? 0 : b.scenario_index(name_b);
  const std::vector<Measure> measures_a = parse_measures(a, request);
  const std::vector<Measure> measures_b = parse_measures(b, request);
  for (std::size_t m = 0; m < measures_a.size(); ++m) {
    if (measures_a[m].label != measures_b[m].label) {
      throw RequestError(b.path(), "outcome '" + measures_a[m].label + "' of " + a.path().string() +
                                       " reads as '" + measures_b[m].label +
                                       "' here (the files' years differ); name the year with "
                                       "@YEAR");
    }
  }
  const RunValues values_a = collect(a, index_a, measures_a);
  const RunValues values_b = collect(b, index_b, measures_b);

  ComparisonResult result;
  result.confidence = request.confidence;
  const std::uint64_t seed_a = a.reader().seed();
  const std::uint64_t seed_b = b.reader().seed();
  result.paired = seed_a == seed_b;
  const std::string label_a = a.path().filename().string() + ":" + a.scenario_names()[index_a];
  const std::string label_b = b.path().filename().string() + ":" + b.scenario_names()[index_b];
  result.title = "compare: " + label_b + " against " + label_a;
  if (!result.paired) {
    result.warnings.push_back("warning: the files' seeds differ (" + std::to_string(seed_a) +
                              " and " + std::to_string(seed_b) +
                              "): runs cannot be paired, comparing unpaired samples");
  } else if (values_a.front().size() != values_b.front().size()) {
    result.notes.push_back(
        "the files have " + std::to_string(values_a.front().size()) + " and " +
        std::to_string(values_b.front().size()) + " complete runs: the first " +
        std::to_string(std::min(values_a.front().size(), values_b.front().size())) +
        " run indices are paired");
  }
  for (std::size_t m = 0; m < measures_a.size(); ++m) {
    OutcomeComparison row = result.paired
                                ? compare_paired(values_a[m], values_b[m], request.confidence)
                                : compare_unpaired(values_a[m], values_b[m], request.confidence);
    row.outcome = measures_a[m].label;
    row.scenario_a = label_a;
    row.scenario_b = label_b;
    result.rows.push_back(std::move(row));
  }
  add_common_notes(result, measures_a);
  return result;
}

Table to_table(const ComparisonResult& result) {
  Table table(result.title,
              {"outcome", "scenario_a", "scenario_b", "pairs", "mean_a", "mean_b", "difference",
               "se", "ci_low", "ci_high", "unpaired_se", "variance_reduction"});
  for (const auto& row : result.rows) {
    const Cell pairs = row.paired ? Cell{static_cast<std::int64_t>(row.pairs)} : Cell{};
    const Cell reduction = row.paired ? Cell{row.variance_reduction} : Cell{};
    table.add_row({row.outcome, row.scenario_a, row.scenario_b, pairs, row.mean_a, row.mean_b,
                   row.difference, row.standard_error, row.lower, row.upper,
                   row.unpaired_standard_error, reduction});
  }
  for (const auto& note : result.notes) table.add_note(note);
  return table;
}

}  // namespace rampart::analysis
