#include "rampart/analysis/burden.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "rampart/analysis/burden_indices.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/analysis/summarize.hpp"
#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/proportion.hpp"
#include "rampart/support/text_format.hpp"
#include "rampart/support/text_parse.hpp"
#include "rampart/support/year_list.hpp"

namespace rampart::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSignificance = 0.05;
constexpr std::array<double, 3> kBurdenQuantiles = {0.05, 0.5, 0.95};

// The per-run values kept for each selected year; the rows of kBurdenIndexNames that are not
// proportions, in that order.
enum Continuous : std::size_t {
  kAllies,
  kUsShare,
  kAt2,
  kAt35,
  kOzRho,
  kOzP,
  kGini,
  kEuropeCapability,
  kFrontline,
  kNumContinuous
};
constexpr std::array<std::string_view, kNumContinuous> kContinuousNames = {
    kBurdenIndexNames[0], kBurdenIndexNames[1], kBurdenIndexNames[2],
    kBurdenIndexNames[3], kBurdenIndexNames[4], kBurdenIndexNames[5],
    kBurdenIndexNames[7], kBurdenIndexNames[8], kBurdenIndexNames[9]};
constexpr std::string_view kOzSignificantName = kBurdenIndexNames[6];
constexpr std::string_view kCrisisName = kBurdenIndexNames[10];
constexpr std::string_view kFailureName = kBurdenIndexNames[11];

constexpr std::int8_t kOutcomeNone = 0;
constexpr std::int8_t kOutcomeFailed = 3;

// Memberships of one scenario, by the file's country order.
struct Members {
  std::vector<unsigned char> nato;
  std::vector<bool> europe;     // every state but the United States and Canada
  std::vector<bool> frontline;  // frontline tier 1
  int us_index = -1;
  bool any_frontline = false;
};

Members members_of(const ResultsScan& scan, std::size_t scenario) {
  const auto& table = scan.countries(scenario);
  const auto& codes = scan.country_codes();
  Members members;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const auto index = table.index_of(codes[i]);
    if (!index) {
      throw RequestError(scan.path(), "country '" + codes[i] + "' of the file is not in the " +
                                          scan.scenario_dim() + "'s country table");
    }
    const auto& country = table.countries[*index];
    members.nato.push_back(country.nato ? 1 : 0);
    members.europe.push_back(country.iso3 != "USA" && country.iso3 != "CAN");
    members.frontline.push_back(country.frontline_tier == 1);
    members.any_frontline = members.any_frontline || country.frontline_tier == 1;
    if (country.is_us()) members.us_index = static_cast<int>(i);
  }
  return members;
}

std::string year_list(std::span<const int> years) {
  std::string text;
  for (const int year : years) text += (text.empty() ? "" : ", ") + std::to_string(year);
  return text;
}

// The `--years` selection among the years an observed file holds ("" or "all": every one).
std::vector<int> select_observed_years(std::string_view text, std::span<const int> available,
                                       const std::filesystem::path& source) {
  text = support::trim(text);
  if (text.empty() || text == "all") return {available.begin(), available.end()};
  std::vector<int> years;
  for (const auto& item : support::parse_year_list(text)) {
    if (!item.valid) {
      throw RequestError(source, "--years: '" + std::string(item.text) +
                                     "' is not a year, a range like 2014-2024, or 'all'");
    }
    bool any = false;
    for (const int year : available) {
      if (year >= item.first && year <= item.last) {
        years.push_back(year);
        any = true;
      }
    }
    if (!any) {
      throw RequestError(source, "--years: no year of the data in '" + std::string(item.text) +
                                     "' (the data has " + year_list(available) + ")");
    }
  }
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  return years;
}

// Per-run values of one scenario: [run][year][Continuous] and the first crisis / failure year
// index of each run (INT_MAX: none in the horizon).
struct ScenarioSlots {
  std::vector<double> values;
  std::vector<int> first_crisis;
  std::vector<int> first_failure;
};

BurdenRow continuous_row(std::vector<double>& values, double z) {
  BurdenRow row;
  const stats::Moments moments = stats::describe(values);
  row.runs = static_cast<std::int64_t>(moments.count);
  row.mean = moments.count == 0 ? kNaN : moments.mean;
  row.se = moments.count < 2 ? kNaN : moments.standard_error;
  row.ci_low = row.mean - z * row.se;
  row.ci_high = row.mean + z * row.se;
  if (values.empty()) {
    row.quantiles.fill(kNaN);
  } else {
    std::sort(values.begin(), values.end());
    for (std::size_t q = 0; q < kBurdenQuantiles.size(); ++q) {
      row.quantiles[q] = stats::quantile_sorted(values, kBurdenQuantiles[q]);
    }
  }
  return row;
}

BurdenRow proportion_row(std::size_t successes, std::size_t trials, double confidence) {
  BurdenRow row;
  row.is_proportion = true;
  row.runs = static_cast<std::int64_t>(trials);
  row.quantiles.fill(kNaN);
  if (trials == 0) {
    row.mean = row.se = row.ci_low = row.ci_high = kNaN;
    return row;
  }
  const auto estimate = stats::wilson_interval(successes, trials, confidence);
  row.mean = estimate.estimate;
  row.se = std::sqrt(estimate.estimate * (1.0 - estimate.estimate) / static_cast<double>(trials));
  row.ci_low = estimate.lower;
  row.ci_high = estimate.upper;
  return row;
}

void fill_slots(const RunBlock& block, const Members& members, std::span<const int> year_indices,
                ScenarioSlots& slots) {
  const auto states = static_cast<std::size_t>(block.countries);
  const std::size_t years = year_indices.size();
  std::vector<double> gdp(states);
  std::vector<double> share(states);
  for (int r = 0; r < block.runs; ++r) {
    const auto run = static_cast<std::size_t>(block.first_run + r);
    const auto capability_2024 = block.state_row(sim::StateVar::Capability, r, 0);
    double europe_2024 = 0.0;
    for (std::size_t i = 0; i < states; ++i) {
      if (members.europe[i]) europe_2024 += static_cast<double>(capability_2024[i]);
    }
    for (std::size_t y = 0; y < years; ++y) {
      const int year = year_indices[y];
      const auto gdp_row = block.state_row(sim::StateVar::Gdp, r, year);
      const auto share_row = block.state_row(sim::StateVar::SpendingShare, r, year);
      const auto capability = block.state_row(sim::StateVar::Capability, r, year);
      const auto deterrence = block.state_row(sim::StateVar::DeterrenceRatio, r, year);
      double europe = 0.0;
      double weakest_frontline = std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < states; ++i) {
        gdp[i] = static_cast<double>(gdp_row[i]);
        share[i] = decimal_of_stored(share_row[i]);
        if (members.europe[i]) europe += static_cast<double>(capability[i]);
        if (members.frontline[i]) {
          weakest_frontline = std::min(weakest_frontline, static_cast<double>(deterrence[i]));
        }
      }
      const BurdenIndices indices = burden_indices({.gdp = gdp,
                                                    .spending_share = share,
                                                    .nato = members.nato,
                                                    .us_index = members.us_index});
      double* out = &slots.values[(run * years + y) * kNumContinuous];
      out[kAllies] = indices.allies;
      out[kUsShare] = indices.us_share_nato;
      out[kAt2] = indices.allies_at_2pct;
      out[kAt35] = indices.allies_at_3_5pct;
      out[kOzRho] = indices.olson_zeckhauser.rho;
      out[kOzP] = indices.olson_zeckhauser.p_value;
      out[kGini] = indices.gini;
      out[kEuropeCapability] = europe_2024 > 0.0 ? europe / europe_2024 : kNaN;
      out[kFrontline] = members.any_frontline ? weakest_frontline : kNaN;
    }
    int first_crisis = std::numeric_limits<int>::max();
    int first_failure = std::numeric_limits<int>::max();
    for (int year = block.years - 1; year >= 0; --year) {
      const std::int8_t outcome = block.code(sim::WorldCode::CrisisOutcome, r, year);
      if (outcome != kOutcomeNone) first_crisis = year;
      if (outcome == kOutcomeFailed) first_failure = year;
    }
    slots.first_crisis[run] = first_crisis;
    slots.first_failure[run] = first_failure;
  }
}

// The scenarios asked for, in the order asked, each once (all of the file's by default).
std::vector<std::size_t> chosen_scenarios(const ResultsScan& scan, const BurdenRequest& request) {
  std::vector<std::size_t> scenario_indices;
  if (request.scenarios.empty()) {
    for (std::size_t s = 0; s < scan.scenario_names().size(); ++s) scenario_indices.push_back(s);
    return scenario_indices;
  }
  for (const auto& name : request.scenarios) {
    const std::size_t s = scan.scenario_index(name);
    if (std::find(scenario_indices.begin(), scenario_indices.end(), s) == scenario_indices.end()) {
      scenario_indices.push_back(s);
    }
  }
  return scenario_indices;
}

// The years asked for; by default the data year too, beside the simulated ones.
std::vector<int> burden_years(const ResultsScan& scan, const BurdenRequest& request) {
  std::vector<int> years = select_years(request.years, scan);
  if (support::trim(request.years).empty() && !scan.years().empty() &&
      std::find(years.begin(), years.end(), scan.years().front()) == years.end()) {
    years.insert(years.begin(), scan.years().front());
  }
  return years;
}

// What the rows of one year need besides the slots.
struct YearContext {
  const std::string& scenario;
  const Members& members;
  std::size_t runs;
  std::size_t years;  // selected years (the slots' stride)
  double z;
  double confidence;
};

// The rows of one scenario and selected year (index y, file year index year_index).
void year_rows(const YearContext& cx, const ScenarioSlots& slots, std::size_t y, int year,
               int year_index, std::vector<double>& defined, std::vector<BurdenRow>& rows) {
  const auto add = [&](BurdenRow row, std::string_view name) {
    row.scenario = cx.scenario;
    row.year = year;
    row.index = std::string(name);
    rows.push_back(std::move(row));
  };
  std::size_t significant = 0;
  std::size_t tested = 0;
  for (std::size_t k = 0; k < kNumContinuous; ++k) {
    defined.clear();
    for (std::size_t run = 0; run < cx.runs; ++run) {
      const double value = slots.values[(run * cx.years + y) * kNumContinuous + k];
      if (std::isnan(value)) continue;
      defined.push_back(value);
      if (k == kOzP) {
        ++tested;
        if (value < kSignificance) ++significant;
      }
    }
    if (k == kFrontline && !cx.members.any_frontline) continue;
    add(continuous_row(defined, cx.z), kContinuousNames[k]);
    if (k == kOzP) add(proportion_row(significant, tested, cx.confidence), kOzSignificantName);
  }
  const auto by_year = [&](const std::vector<int>& first) {
    return static_cast<std::size_t>(
        std::count_if(first.begin(), first.end(), [&](int f) { return f <= year_index; }));
  };
  add(proportion_row(by_year(slots.first_crisis), cx.runs, cx.confidence), kCrisisName);
  add(proportion_row(by_year(slots.first_failure), cx.runs, cx.confidence), kFailureName);
}

void add_burden_notes(const ResultsScan& scan, double confidence, bool any_without_frontline,
                      BurdenResult& result) {
  const std::string level = support::format_number(100.0 * confidence) + " %";
  result.notes.push_back("Indices of each run and year over the NATO allies as the " +
                         scan.scenario_dim() +
                         " set them; across runs: mean, Monte Carlo standard error, normal " +
                         level + " interval of the mean, and type-7 quantiles q05, q50, q95.");
  result.notes.push_back(
      "Proportions (no quantiles) with Wilson " + level +
      " intervals: oz_p_below_0.05 is the "
      "share of runs whose Olson-Zeckhauser rank correlation (Spearman, GDP vs spending share) "
      "has a two-sided p below 0.05; P(... by year) is the share of runs with such an event in "
      "that year or before.");
  result.notes.push_back(
      "europe_capability: capability of every state but USA and CAN relative to its 2024 sum in "
      "the same run; frontline_deterrence: the lowest deterrence ratio among frontline-tier-1 "
      "states.");
  if (any_without_frontline) {
    result.notes.push_back("frontline_deterrence is left out where no state is frontline tier 1.");
  }
}

}  // namespace

// Per scenario: read each run's indices into slots, then one block of rows per selected year.
BurdenResult simulated_burden(const ResultsScan& scan, const BurdenRequest& request) {
  if (!(request.confidence > 0.0 && request.confidence < 1.0)) {
    throw RequestError(scan.path(), "--confidence " + support::format_number(request.confidence) +
                                        " must lie strictly between 0 and 1");
  }
  const std::vector<std::size_t> scenario_indices = chosen_scenarios(scan, request);
  const std::vector<int> years = burden_years(scan, request);
  std::vector<int> year_indices;
  year_indices.reserve(years.size());
  for (const int year : years) year_indices.push_back(scan.year_index(year));

  BurdenResult result;
  result.file = scan.path().string();
  result.scenario_dim = scan.scenario_dim();
  result.confidence = request.confidence;
  const double z = stats::normal_critical_value(request.confidence);

  SeriesRequest series;
  series.state = {sim::StateVar::Gdp, sim::StateVar::SpendingShare, sim::StateVar::Capability,
                  sim::StateVar::DeterrenceRatio};
  series.codes = {sim::WorldCode::CrisisOutcome};

  std::int64_t total_runs = 0;
  bool any_without_frontline = false;
  for (const std::size_t s : scenario_indices) {
    const auto runs = static_cast<std::size_t>(scan.complete_runs(s));
    total_runs += static_cast<std::int64_t>(runs);
    if (runs == 0) continue;
    const Members members = members_of(scan, s);
    any_without_frontline = any_without_frontline || !members.any_frontline;
    ScenarioSlots slots;
    slots.values.assign(runs * years.size() * kNumContinuous, 0.0);
    slots.first_crisis.assign(runs, 0);
    slots.first_failure.assign(runs, 0);
    scan.for_each_block(
        s, series, [&](const RunBlock& block) { fill_slots(block, members, year_indices, slots); });

    const YearContext cx{scan.scenario_names()[s], members, runs, years.size(), z,
                         request.confidence};
    std::vector<double> defined;
    defined.reserve(runs);
    for (std::size_t y = 0; y < years.size(); ++y) {
      year_rows(cx, slots, y, years[y], year_indices[y], defined, result.rows);
    }
  }
  if (total_runs == 0) {
    throw RequestError(scan.path(), "no complete runs in the selected " + scan.scenario_dim() +
                                        (scenario_indices.size() == 1 ? "" : "s"));
  }
  add_burden_notes(scan, request.confidence, any_without_frontline, result);
  return result;
}

Table to_table(const BurdenResult& result) {
  Table table("Burden-sharing indices across runs (" + result.file + ")",
              {result.scenario_dim, "year", "index", "runs", "mean", "se", "ci_low", "ci_high",
               "q05", "q50", "q95"});
  for (const auto& row : result.rows) {
    const auto cell = [](double value) -> Cell {
      if (std::isnan(value)) return std::monostate{};
      return value;
    };
    table.add_row({row.scenario, std::int64_t{row.year}, row.index, row.runs, cell(row.mean),
                   cell(row.se), cell(row.ci_low), cell(row.ci_high), cell(row.quantiles[0]),
                   cell(row.quantiles[1]), cell(row.quantiles[2])});
  }
  for (const auto& note : result.notes) table.add_note(note);
  return table;
}

Table observed_burden_table(std::span<const ObservedYear> data, std::string_view years,
                            const std::filesystem::path& source) {
  if (data.empty()) throw RequestError(source, "no observed cross-sections");
  std::vector<int> available;
  for (const auto& section : data) available.push_back(section.year);
  const bool has_years = !(data.size() == 1 && data.front().year == 0);
  if (!has_years && !support::trim(years).empty() && support::trim(years) != "all") {
    throw RequestError(source, "--years: the data has no 'year' column");
  }
  const auto selected = has_years ? select_observed_years(years, available, source) : available;

  Table table(
      "Burden-sharing indices of observed data (" + source.string() + ")",
      {"year", "allies", "us_share_nato", "at_2pct", "at_3_5pct", "oz_rho", "oz_p", "gini"});
  for (const auto& section : data) {
    if (std::find(selected.begin(), selected.end(), section.year) == selected.end()) continue;
    const BurdenIndices indices = burden_indices({.gdp = section.gdp,
                                                  .spending_share = section.spending_share,
                                                  .nato = section.nato,
                                                  .us_index = section.us_index});
    table.add_row({has_years ? Cell{std::int64_t{section.year}} : Cell{std::monostate{}},
                   std::int64_t{indices.allies}, indices.us_share_nato,
                   std::int64_t{indices.allies_at_2pct}, std::int64_t{indices.allies_at_3_5pct},
                   indices.olson_zeckhauser.rho, indices.olson_zeckhauser.p_value, indices.gini});
  }
  table.add_note(
      "Exact values of the data (every ally, no sampling). at_2pct / at_3_5pct: allies with core "
      "defence spending of at least 2 % / 3.5 % of GDP; us_share_nato: US share of all allies' "
      "spending; oz_rho, oz_p: Spearman rank correlation of GDP and spending share across the "
      "allies (Olson-Zeckhauser) and its two-sided p-value (t approximation); gini: Gini "
      "coefficient of the allies' spending shares.");
  return table;
}

}  // namespace rampart::analysis
