#pragma once
// The HTML report of a results file (`rampart report`, `rampart seminar`): one self-contained page
// (inline CSS, the charting libraries and the data inlined, no network fetch) with fan charts of
// spending shares, the burden-sharing scatter, the US share of NATO spending, crisis and
// deterrence-failure probabilities, the paired scenario comparison and, for sweeps, sensitivity
// bars and the main PRIM box (docs/report.md describes every chart).
//
// Every number comes from the analysis library's functions (summarize, burden indices, compare,
// sensitivity, discover), so the report shows exactly what those commands print. Building the
// page is split in two: collect_report_data reads the file through those functions into a
// ReportData; render_report_html turns a ReportData into the page (a pure function, tested on
// its own).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rampart::analysis {

class ResultsScan;

struct ReportOptions {
  // The comparison's baseline; default: "baseline" when the file has it, else the first scenario.
  std::optional<std::string> baseline;
  // Sweep files: the outcome the sensitivity bars explain and the condition PRIM looks for
  // (outcome.hpp grammar); defaults: NATO-Europe's final spending share, and a crisis by the
  // last year.
  std::optional<std::string> sweep_outcome;
  std::optional<std::string> sweep_condition;
};

// What was run: the file's attributes, so a printed page explains itself.
struct RunDescription {
  std::string file;  // file name as given
  std::string command;
  std::string scenario_dim;  // "scenario" or "point"
  std::vector<std::string> scenarios;
  std::int64_t runs = 0;  // per scenario (point)
  std::uint64_t seed = 0;
  int first_year = 0;
  int horizon = 0;
  std::string rampart_version;
  std::string git_sha;
  std::string created;
  std::string design;  // sweep design ("sobol", "latin_hypercube", ...), empty for a run file
  std::vector<std::string> warnings;  // e.g. the partial-file warning
  // Run files: each scenario's description and source (`description` and `view` of its stored
  // TOML), in the order of `scenarios`; empty for a sweep file.
  struct ScenarioNote {
    std::string name;
    std::string description;
    std::string view;
  };
  std::vector<ScenarioNote> scenario_notes;
};

// Quantiles across runs of a per-run, per-year value.
struct QuantileBand {
  std::string scenario;
  std::string series;  // e.g. a country group
  int year = 0;
  double p05 = 0.0;
  double p25 = 0.0;
  double p50 = 0.0;
  double p75 = 0.0;
  double p95 = 0.0;
};

// One ally in one year: medians over runs.
struct AllyPoint {
  std::string scenario;
  std::string country;  // ISO3
  std::string name;
  int year = 0;
  double gdp = 0.0;             // USD bn, constant 2024
  double spending_share = 0.0;  // fraction of GDP
};

// The Olson-Zeckhauser rank correlation of one year: the median over runs of Spearman's rho
// between GDP and spending share across the allies (the `oz_rho` index).
struct RankCorrelationSummary {
  std::string scenario;
  int year = 0;
  double rho = 0.0;
};

struct EventProbability {
  std::string scenario;
  std::string event;  // "crisis", "deterrence failure"
  int year = 0;
  double estimate = 0.0;
  double lower = 0.0;  // Wilson interval
  double upper = 0.0;
};

// A key outcome of each scenario and its paired difference to the baseline.
struct ComparisonRow {
  std::string outcome;
  std::string unit;  // "share", "count", "year", ...
  std::string scenario;
  double mean = 0.0;
  bool is_baseline = false;
  double difference = 0.0;  // scenario - baseline, paired run by run (NaN for the baseline)
  double lower = 0.0;
  double upper = 0.0;
  double variance_reduction = 0.0;
};

// One factor's sensitivity index with its interval (Sobol S1/ST, or SRC without interval).
struct SensitivityBar {
  std::string factor;
  std::string index;  // "first order (S1)", "total order (ST)", "SRC"
  double estimate = 0.0;
  double lower = 0.0;  // NaN where the method gives no interval
  double upper = 0.0;
};

struct PrimLimit {
  std::string factor;
  double lower = 0.0;
  double upper = 0.0;
  double range_lower = 0.0;  // the factor's range over the design
  double range_upper = 0.0;
};

struct PrimTrajectoryPoint {
  int step = 0;
  double coverage = 0.0;
  double density = 0.0;
  double support = 0.0;
};

// A two-factor full factorial design shown as a table: the outcome's mean over replicates at
// every combination (the teaching grid, e.g. 4 presence floors x 3 threat paths).
struct SweepGrid {
  std::string row_factor;
  std::string column_factor;
  std::vector<double> row_values;
  std::vector<double> column_values;
  std::vector<double> means;  // rows x columns, row-major; NaN where the design has no point
  std::string unit;           // "share" (printed as %) or "count"
  int replicates = 0;
};

struct SweepAnalysis {
  std::string outcome;  // the outcome the sensitivity bars explain
  std::string method;   // "Sobol" or "standardised regression"
  std::vector<SensitivityBar> bars;
  std::string notes;                // e.g. the replicate noise share
  std::string prim_condition;       // the case PRIM looks for
  std::vector<PrimLimit> prim_box;  // restricted factors only
  double prim_coverage = 0.0;
  double prim_density = 0.0;
  double prim_support = 0.0;
  std::vector<PrimTrajectoryPoint> prim_trajectory;
  std::string prim_note;          // why there is no box (e.g. the default condition never held)
  std::optional<SweepGrid> grid;  // two-factor full factorial designs
};

struct ReportData {
  RunDescription run;
  std::string baseline;
  std::vector<QuantileBand> spending_share;              // series: US, NATO-Europe, EU, frontline
  std::vector<AllyPoint> allies;                         // first and last year
  std::vector<RankCorrelationSummary> olson_zeckhauser;  // first and last year
  std::vector<QuantileBand> us_share_nato;               // series: "US share of NATO spending"
  std::vector<EventProbability> events;
  std::vector<ComparisonRow> comparison;
  std::optional<SweepAnalysis> sweep;
};

// Reads everything the report shows through the analysis library. Throws RequestError for
// requests that do not fit the file (an unknown baseline, a partial file without
// allow_partial).
ReportData collect_report_data(const ResultsScan& scan, const ReportOptions& options);

// The page: a pure function of `data`.
std::string render_report_html(const ReportData& data);

// The number of charts render_report_html draws for `data` (what the browser test expects).
int report_chart_count(const ReportData& data);

// Collects, renders and writes `html` (as HTML.part, renamed when complete).
void write_report(const ResultsScan& scan, const std::filesystem::path& html,
                  const ReportOptions& options);

}  // namespace rampart::analysis
