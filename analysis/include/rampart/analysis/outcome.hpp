#pragma once
// Per-run scalar outcomes named on the command line (compare, sensitivity, discover), and
// conditions on them (discover). Grammar (docs/analysis.md, "Outcomes"):
//   outcome   := summary                    deterrence_failures, first_crisis_year, crises, ...
//              | derived                    first_failure_year (first year a probe's defence
//                                           failed, NaN if none)
//              | state "[" SEL "]" [@YEAR]  spending_share[NATO-Europe]@2035, gdp[DEU]
//              | world [@YEAR]              us_presence@2030, threat, ukraine_aid@2030
//              | index [@YEAR]              us_share_nato, allies_at_2pct, allies_at_3_5pct,
//                                           oz_rho, gini, europe_capability,
//                                           frontline_deterrence
//   SEL       := a built-in group or an ISO3 code (country_groups.hpp)
//   @YEAR omitted means the last year of the file.
//   condition := clause { ("and" | "or") clause }   ("and" binds tighter than "or")
//   clause    := outcome OP number                  OP: < <= > >= == !=
// A comparison with NaN is false (so "first_failure_year <= 2032" means "a deterrence failure by
// 2032"). Names are case-sensitive; unknown names give "did you mean" and the allowed values.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/analysis/results_scan.hpp"

namespace rampart::analysis {

// Index outcomes (per run and year) - the burden-sharing indices of burden_indices.hpp over the
// NATO allies, plus:
//   europe_capability     capability of all European states (every state but the US and
//                         Canada) relative to its 2024 value
//   frontline_deterrence  the lowest deterrence ratio among frontline states (the weakest link)
class Outcome {
 public:
  // Throws RequestError (naming scan.path()) for an unknown name, a year outside the file, or a
  // malformed expression; the message shows the position and the allowed names.
  static Outcome parse(std::string_view text, const ResultsScan& scan);

  [[nodiscard]] const std::string& label() const { return label_; }  // canonical text
  [[nodiscard]] const SeriesRequest& needs() const { return needs_; }
  // The value for run `run` of `block` (NaN where undefined, e.g. first_crisis_year without a
  // crisis).
  [[nodiscard]] double evaluate(const RunBlock& block, int run) const;

  struct Spec;  // parsed form, defined in outcome.cpp

 private:
  std::string label_;
  SeriesRequest needs_;
  std::shared_ptr<const Spec> spec_;
};

class Condition {
 public:
  static Condition parse(std::string_view text, const ResultsScan& scan);
  [[nodiscard]] const std::string& label() const { return label_; }
  [[nodiscard]] const SeriesRequest& needs() const { return needs_; }
  [[nodiscard]] bool evaluate(const RunBlock& block, int run) const;

  struct Clause;

 private:
  std::string label_;
  SeriesRequest needs_;
  // Disjunction of conjunctions.
  std::vector<std::vector<std::shared_ptr<const Clause>>> any_of_all_;
};

// Every outcome name the grammar accepts without its selector/year, for help texts.
std::vector<std::string> outcome_names();

}  // namespace rampart::analysis
