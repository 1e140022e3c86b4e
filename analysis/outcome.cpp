// Outcome expressions and conditions (docs/analysis.md, "Outcomes"): a hand-written
// recursive-descent parser over one line of text, and per-run evaluation on decoded blocks.
// Everything that depends on the file (series, year index, member lists per scenario) is resolved
// at parse time, so evaluate() only reads the block.

#include "rampart/analysis/outcome.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "rampart/analysis/burden_indices.hpp"
#include "rampart/analysis/country_groups.hpp"
#include "rampart/analysis/errors.hpp"
#include "rampart/support/text_format.hpp"

namespace rampart::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum class Kind { Summary, FirstFailureYear, State, World, Code, Index };

enum class IndexKind {
  UsShareNato,
  AlliesAt2Pct,
  AlliesAt35Pct,
  OzRho,
  Gini,
  EuropeCapability,
  FrontlineDeterrence
};

struct IndexName {
  std::string_view name;
  IndexKind kind;
};

constexpr std::array<IndexName, 7> kIndexNames{{
    {"us_share_nato", IndexKind::UsShareNato},
    {"allies_at_2pct", IndexKind::AlliesAt2Pct},
    {"allies_at_3_5pct", IndexKind::AlliesAt35Pct},
    {"oz_rho", IndexKind::OzRho},
    {"gini", IndexKind::Gini},
    {"europe_capability", IndexKind::EuropeCapability},
    {"frontline_deterrence", IndexKind::FrontlineDeterrence},
}};

constexpr std::string_view kFirstFailureYear = "first_failure_year";

// Whatever evaluate() needs of one scenario's country table, resolved once.
struct ScenarioTable {
  std::vector<int> members;  // the selection (state outcomes), Europe, or the frontline
  std::vector<unsigned char> nato;
  int us_index = -1;
};

// A parse failure at a 1-based column; what() is the message without the position.
class SyntaxError : public std::runtime_error {
 public:
  SyntaxError(std::size_t column, const std::string& message)
      : std::runtime_error(message), column_(column) {}
  [[nodiscard]] std::size_t column() const { return column_; }

 private:
  std::size_t column_;
};

bool is_name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

std::string quoted(std::string_view s) {
  return "'" + std::string(s) + "'";
}

// A cursor over the expression text.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  void skip_spaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0) {
      ++pos_;
    }
  }
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[pos_]; }
  [[nodiscard]] std::size_t column() const { return pos_ + 1; }
  [[nodiscard]] std::size_t position() const { return pos_; }
  void advance(std::size_t n = 1) { pos_ = std::min(text_.size(), pos_ + n); }
  [[nodiscard]] std::string_view rest() const { return text_.substr(pos_); }
  std::string_view take_name() {
    const std::size_t start = pos_;
    if (!at_end() && is_name_start(text_[pos_])) {
      while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }
  // What stands at the cursor, for messages: the next word or character, or "the end".
  [[nodiscard]] std::string found() const {
    if (at_end()) return "the end of the expression";
    std::size_t end = pos_ + 1;
    while (end < text_.size() && end - pos_ < 20 &&
           std::isspace(static_cast<unsigned char>(text_[end])) == 0) {
      ++end;
    }
    return quoted(text_.substr(pos_, end - pos_));
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

template <typename Info>
std::optional<std::size_t> find_name(std::span<const Info> infos, std::string_view name) {
  for (std::size_t k = 0; k < infos.size(); ++k) {
    if (infos[k].name == name) return k;
  }
  return std::nullopt;
}

std::vector<std::string_view> name_views(const std::vector<std::string>& names) {
  return {names.begin(), names.end()};
}

void add_unique_state(SeriesRequest& r, sim::StateVar v) {
  if (std::find(r.state.begin(), r.state.end(), v) == r.state.end()) r.state.push_back(v);
}

void merge_into(SeriesRequest& into, const SeriesRequest& from) {
  for (const auto v : from.state) add_unique_state(into, v);
  for (const auto v : from.world) {
    if (std::find(into.world.begin(), into.world.end(), v) == into.world.end()) {
      into.world.push_back(v);
    }
  }
  for (const auto v : from.codes) {
    if (std::find(into.codes.begin(), into.codes.end(), v) == into.codes.end()) {
      into.codes.push_back(v);
    }
  }
  for (const auto v : from.summary) {
    if (std::find(into.summary.begin(), into.summary.end(), v) == into.summary.end()) {
      into.summary.push_back(v);
    }
  }
  into.parameters = into.parameters || from.parameters;
}

std::string year_range(const ResultsScan& scan) {
  const auto& years = scan.years();
  if (years.empty()) return "none";
  return std::to_string(years.front()) + ".." + std::to_string(years.back());
}

// The scenarios whose country tables evaluate() may meet: all entries of a run file; only the
// first of a sweep, whose points share the base scenario's table.
std::size_t table_count(const ResultsScan& scan) {
  if (scan.scenario_names().empty()) return 0;
  return scan.reader().is_sweep() ? 1 : scan.scenario_names().size();
}

// Fixed-capacity scratch on the stack for one year's cross-section (36 states), so evaluating
// an index allocates nothing of its own; larger tables fall back to the heap.
class Scratch {
 public:
  explicit Scratch(std::size_t n) : n_(n) {
    if (n > kCapacity) heap_.resize(n);
  }
  double* data() { return n_ > kCapacity ? heap_.data() : stack_.data(); }
  [[nodiscard]] std::span<const double> view() const {
    return {n_ > kCapacity ? heap_.data() : stack_.data(), n_};
  }

 private:
  static constexpr std::size_t kCapacity = 64;
  std::size_t n_;
  std::array<double, kCapacity> stack_{};
  std::vector<double> heap_;
};

}  // namespace

struct Outcome::Spec {
  Kind kind = Kind::Summary;
  std::size_t var = 0;  // SummaryVar, StateVar, WorldVar or WorldCode as an index
  IndexKind index = IndexKind::UsShareNato;
  int year_index = -1;              // -1 for per-run outcomes
  std::vector<int> calendar_years;  // for first_failure_year
  std::vector<ScenarioTable> tables;
  bool shared_table = false;  // sweep: every point uses tables[0]

  [[nodiscard]] const ScenarioTable& table(std::size_t scenario) const {
    return tables.at(shared_table ? 0 : scenario);
  }
  [[nodiscard]] double evaluate(const RunBlock& block, int run) const;
  [[nodiscard]] double index_value(const RunBlock& block, int run) const;
};

double Outcome::Spec::index_value(const RunBlock& block, int run) const {
  const ScenarioTable& t = table(block.scenario);
  const int y = year_index;
  switch (index) {
    case IndexKind::EuropeCapability: {
      const auto now = block.state_row(sim::StateVar::Capability, run, y);
      const auto base = block.state_row(sim::StateVar::Capability, run, 0);
      double sum_now = 0.0;
      double sum_base = 0.0;
      for (const int m : t.members) {
        sum_now += static_cast<double>(now[static_cast<std::size_t>(m)]);
        sum_base += static_cast<double>(base[static_cast<std::size_t>(m)]);
      }
      return sum_base > 0.0 ? sum_now / sum_base : kNaN;
    }
    case IndexKind::FrontlineDeterrence: {
      const auto ratio = block.state_row(sim::StateVar::DeterrenceRatio, run, y);
      double lowest = kNaN;
      for (const int m : t.members) {
        const auto v = static_cast<double>(ratio[static_cast<std::size_t>(m)]);
        if (std::isnan(lowest) || v < lowest) lowest = v;
      }
      return lowest;
    }
    default:
      break;
  }
  const auto gdp_row = block.state_row(sim::StateVar::Gdp, run, y);
  const auto share_row = block.state_row(sim::StateVar::SpendingShare, run, y);
  const std::size_t n = gdp_row.size();
  Scratch gdp(n);
  Scratch share(n);
  for (std::size_t k = 0; k < n; ++k) {
    gdp.data()[k] = static_cast<double>(gdp_row[k]);
    share.data()[k] = decimal_of_stored(share_row[k]);
  }
  CrossSection section;
  section.gdp = gdp.view();
  section.spending_share = share.view();
  section.nato = t.nato;
  section.us_index = t.us_index;
  const BurdenIndices b = burden_indices(section);
  switch (index) {
    case IndexKind::UsShareNato:
      return b.us_share_nato;
    case IndexKind::AlliesAt2Pct:
      return static_cast<double>(b.allies_at_2pct);
    case IndexKind::AlliesAt35Pct:
      return static_cast<double>(b.allies_at_3_5pct);
    case IndexKind::OzRho:
      return b.olson_zeckhauser.rho;
    case IndexKind::Gini:
      return b.gini;
    default:
      return kNaN;
  }
}

double Outcome::Spec::evaluate(const RunBlock& block, int run) const {
  switch (kind) {
    case Kind::Summary:
      return static_cast<double>(block.summary(static_cast<sim::SummaryVar>(var), run));
    case Kind::FirstFailureYear: {
      constexpr std::int8_t kFailed = 3;
      for (int y = 0; y < block.years; ++y) {
        if (block.code(sim::WorldCode::CrisisOutcome, run, y) == kFailed) {
          return static_cast<double>(calendar_years.at(static_cast<std::size_t>(y)));
        }
      }
      return kNaN;
    }
    case Kind::State: {
      const auto v = static_cast<sim::StateVar>(var);
      const auto values = block.state_row(v, run, year_index);
      const auto gdp = aggregation_of(v) == Aggregation::GdpWeighted
                           ? block.state_row(sim::StateVar::Gdp, run, year_index)
                           : std::span<const float>{};
      return aggregate(v, values, gdp, table(block.scenario).members);
    }
    case Kind::World:
      return static_cast<double>(block.world(static_cast<sim::WorldVar>(var), run, year_index));
    case Kind::Code:
      return static_cast<double>(block.code(static_cast<sim::WorldCode>(var), run, year_index));
    case Kind::Index:
      return index_value(block, run);
  }
  return kNaN;
}

namespace {

// Parses one outcome at the cursor; fills spec, needs and label. Throws SyntaxError.
struct ParsedOutcome {
  std::string label;
  SeriesRequest needs;
  std::shared_ptr<Outcome::Spec> spec;
};

std::string allowed_outcomes() {
  const auto names = outcome_names();
  return support::join_names(name_views(names));
}

std::optional<int> parse_year(Cursor& cur, const ResultsScan& scan) {
  cur.skip_spaces();
  if (cur.peek() != '@') return std::nullopt;
  cur.advance();
  cur.skip_spaces();
  const std::size_t column = cur.column();
  const std::string_view rest = cur.rest();
  int year = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), year);
  if (ec != std::errc{} || end == rest.data()) {
    throw SyntaxError{column, "expected a year after '@', found " + cur.found()};
  }
  cur.advance(static_cast<std::size_t>(end - rest.data()));
  const auto& years = scan.years();
  const auto it = std::find(years.begin(), years.end(), year);
  if (it == years.end()) {
    throw SyntaxError{column, "year " + std::to_string(year) + " is outside the file's years " +
                                  year_range(scan)};
  }
  return static_cast<int>(it - years.begin());
}

std::string selection_text(Cursor& cur) {
  // After '[': everything up to ']'.
  const std::size_t open_column = cur.column() - 1;
  const std::string_view rest = cur.rest();
  const std::size_t close = rest.find(']');
  if (close == std::string_view::npos) {
    throw SyntaxError{open_column, "'[' without a closing ']'"};
  }
  std::string_view inside = rest.substr(0, close);
  while (!inside.empty() && std::isspace(static_cast<unsigned char>(inside.front())) != 0) {
    inside.remove_prefix(1);
  }
  while (!inside.empty() && std::isspace(static_cast<unsigned char>(inside.back())) != 0) {
    inside.remove_suffix(1);
  }
  if (inside.empty()) {
    throw SyntaxError{cur.column(), "expected a group or ISO3 code inside '[ ]'"};
  }
  cur.advance(close + 1);
  return std::string(inside);
}

// Phase 1: what the name is. Fills spec's kind and variable and the series it needs; returns
// whether the outcome has one value per year (so takes @YEAR).
bool classify_outcome(std::string_view name, std::size_t column, const ResultsScan& scan,
                      ParsedOutcome& out) {
  Outcome::Spec& spec = *out.spec;
  if (const auto s = find_name(sim::summary_var_info(), name)) {
    spec.kind = Kind::Summary;
    spec.var = *s;
    out.needs.summary.push_back(static_cast<sim::SummaryVar>(*s));
    return false;
  }
  if (name == kFirstFailureYear) {
    spec.kind = Kind::FirstFailureYear;
    spec.calendar_years = scan.years();
    out.needs.codes.push_back(sim::WorldCode::CrisisOutcome);
    return false;
  }
  if (const auto st = find_name(sim::state_var_info(), name)) {
    spec.kind = Kind::State;
    spec.var = *st;
  } else if (const auto w = find_name(sim::world_var_info(), name)) {
    spec.kind = Kind::World;
    spec.var = *w;
    out.needs.world.push_back(static_cast<sim::WorldVar>(*w));
  } else if (const auto c = find_name(sim::world_code_info(), name)) {
    spec.kind = Kind::Code;
    spec.var = *c;
    out.needs.codes.push_back(static_cast<sim::WorldCode>(*c));
  } else if (const auto i = find_name(std::span<const IndexName>(kIndexNames), name)) {
    spec.kind = Kind::Index;
    spec.index = kIndexNames[*i].kind;
  } else {
    const auto names = outcome_names();
    const std::string hint = support::did_you_mean(name, name_views(names));
    throw SyntaxError{column, "unknown outcome " + quoted(name) + ";" +
                                  (hint.empty() ? std::string() : hint + ";") + " outcomes are " +
                                  allowed_outcomes()};
  }
  return true;
}

// Phase 2: the [group or ISO3] a per-state series must have and nothing else may have; resolved
// in every scenario's country table.
void parse_selection(Cursor& cur, std::string_view name, const ResultsScan& scan,
                     ParsedOutcome& out) {
  Outcome::Spec& spec = *out.spec;
  cur.skip_spaces();
  if (spec.kind != Kind::State) {
    if (cur.peek() == '[') {
      throw SyntaxError{cur.column(),
                        quoted(name) + " is not a per-state series and takes no [...]"};
    }
    return;
  }
  if (cur.peek() != '[') {
    throw SyntaxError{cur.column(), quoted(name) +
                                        " is a per-state series: name a group or ISO3 code in "
                                        "brackets, e.g. " +
                                        std::string(name) + "[NATO-Europe]"};
  }
  cur.advance();
  const std::size_t sel_column = cur.column();
  const std::string selection = selection_text(cur);
  const auto v = static_cast<sim::StateVar>(spec.var);
  add_unique_state(out.needs, v);
  if (aggregation_of(v) == Aggregation::GdpWeighted)
    add_unique_state(out.needs, sim::StateVar::Gdp);
  std::string canonical;
  const std::size_t n_tables = table_count(scan);
  for (std::size_t t = 0; t < n_tables; ++t) {
    try {
      CountrySelection resolved = resolve_selection(selection, scan.countries(t));
      if (t == 0) canonical = resolved.name;
      spec.tables.push_back(ScenarioTable{std::move(resolved.members), {}, -1});
    } catch (const std::invalid_argument& e) {
      throw SyntaxError{sel_column, e.what()};
    }
  }
  out.label += "[" + canonical + "]";
}

// Phase 3, for a burden-sharing index: membership, the United States and the members it is
// computed over, per scenario's country table, and the state series it reads.
void resolve_index_tables(const ResultsScan& scan, ParsedOutcome& out) {
  Outcome::Spec& spec = *out.spec;
  const std::size_t n_tables = table_count(scan);
  for (std::size_t t = 0; t < n_tables; ++t) {
    const scenarios::CountryTable& countries = scan.countries(t);
    ScenarioTable table;
    const std::size_t n = countries.countries.size();
    table.nato.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      const auto& country = countries.countries[k];
      table.nato[k] = country.nato ? 1 : 0;
      if (country.is_us()) table.us_index = static_cast<int>(k);
      const bool europe = !country.is_us() && country.iso3 != "CAN";
      if (spec.index == IndexKind::EuropeCapability && europe) {
        table.members.push_back(static_cast<int>(k));
      }
    }
    if (spec.index == IndexKind::FrontlineDeterrence) {
      table.members = resolve_selection("frontline", countries).members;
    }
    spec.tables.push_back(std::move(table));
  }
  switch (spec.index) {
    case IndexKind::EuropeCapability:
      add_unique_state(out.needs, sim::StateVar::Capability);
      break;
    case IndexKind::FrontlineDeterrence:
      add_unique_state(out.needs, sim::StateVar::DeterrenceRatio);
      break;
    default:
      add_unique_state(out.needs, sim::StateVar::Gdp);
      add_unique_state(out.needs, sim::StateVar::SpendingShare);
      break;
  }
}

// Phase 4: the @YEAR a yearly outcome may have (the file's last year without it) and a per-run
// one may not.
void parse_year_suffix(Cursor& cur, std::string_view name, std::size_t column, bool yearly,
                       const ResultsScan& scan, ParsedOutcome& out) {
  const std::size_t at_column = cur.column();
  const auto year = parse_year(cur, scan);
  if (!yearly) {
    if (year) {
      throw SyntaxError{at_column, quoted(name) + " is one value per run and takes no @YEAR"};
    }
    return;
  }
  const int last_year_index = static_cast<int>(scan.years().size()) - 1;
  if (last_year_index < 0) throw SyntaxError{column, "the file has no years"};
  Outcome::Spec& spec = *out.spec;
  spec.year_index = year.value_or(last_year_index);
  // Appended in two steps: "@" + std::to_string(...) trips GCC 12's -Wrestrict false positive
  // (GCC bug 105329) at -O3.
  out.label += '@';
  out.label += std::to_string(scan.years()[static_cast<std::size_t>(spec.year_index)]);
}

ParsedOutcome parse_outcome_at(Cursor& cur, const ResultsScan& scan) {
  cur.skip_spaces();
  const std::size_t column = cur.column();
  const std::string_view name = cur.take_name();
  if (name.empty()) {
    throw SyntaxError{column, "expected an outcome name, found " + cur.found() + "; outcomes are " +
                                  allowed_outcomes()};
  }
  ParsedOutcome out;
  out.spec = std::make_shared<Outcome::Spec>();
  out.spec->shared_table = scan.reader().is_sweep();
  const bool yearly = classify_outcome(name, column, scan, out);
  out.label = std::string(name);
  parse_selection(cur, name, scan, out);
  if (out.spec->kind == Kind::Index) resolve_index_tables(scan, out);
  parse_year_suffix(cur, name, column, yearly, scan, out);
  return out;
}

[[noreturn]] void fail(const ResultsScan& scan, std::string_view kind, std::string_view text,
                       const SyntaxError& e) {
  throw RequestError(scan.path(), std::string(kind) + " \"" + std::string(text) + "\" at column " +
                                      std::to_string(e.column()) + ": " + e.what());
}

enum class Op { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual };

struct OpName {
  std::string_view text;
  Op op;
};
// Two-character operators first so "<=" is not read as "<".
constexpr std::array<OpName, 6> kOps{{{"<=", Op::LessEqual},
                                      {">=", Op::GreaterEqual},
                                      {"==", Op::Equal},
                                      {"!=", Op::NotEqual},
                                      {"<", Op::Less},
                                      {">", Op::Greater}}};

}  // namespace

Outcome Outcome::parse(std::string_view text, const ResultsScan& scan) {
  Cursor cur(text);
  try {
    ParsedOutcome parsed = parse_outcome_at(cur, scan);
    cur.skip_spaces();
    if (!cur.at_end()) {
      throw SyntaxError{cur.column(),
                        "unexpected " + cur.found() + " after the outcome" +
                            (std::string_view("<>=!").find(cur.peek()) != std::string_view::npos
                                 ? " (a comparison makes a condition, not an "
                                   "outcome)"
                                 : "")};
    }
    Outcome o;
    o.label_ = std::move(parsed.label);
    o.needs_ = std::move(parsed.needs);
    o.spec_ = std::move(parsed.spec);
    return o;
  } catch (const SyntaxError& e) {
    fail(scan, "outcome", text, e);
  }
}

double Outcome::evaluate(const RunBlock& block, int run) const {
  return spec_->evaluate(block, run);
}

struct Condition::Clause {
  std::shared_ptr<const Outcome::Spec> outcome;
  Op op = Op::Less;
  double threshold = 0.0;
  [[nodiscard]] bool holds(const RunBlock& block, int run) const {
    const double x = outcome->evaluate(block, run);
    if (std::isnan(x)) return false;  // every comparison with NaN is false, != included
    switch (op) {
      case Op::Less:
        return x < threshold;
      case Op::LessEqual:
        return x <= threshold;
      case Op::Greater:
        return x > threshold;
      case Op::GreaterEqual:
        return x >= threshold;
      case Op::Equal:
        return x == threshold;
      case Op::NotEqual:
        return x != threshold;
    }
    return false;
  }
};

Condition Condition::parse(std::string_view text, const ResultsScan& scan) {
  Cursor cur(text);
  Condition c;
  try {
    c.any_of_all_.emplace_back();
    while (true) {
      ParsedOutcome parsed = parse_outcome_at(cur, scan);
      cur.skip_spaces();
      const std::size_t op_column = cur.column();
      const OpName* op = nullptr;
      for (const auto& candidate : kOps) {
        if (cur.rest().substr(0, candidate.text.size()) == candidate.text) {
          op = &candidate;
          break;
        }
      }
      if (op == nullptr) {
        throw SyntaxError{op_column,
                          "expected a comparison operator (< <= > >= == !=), found " + cur.found()};
      }
      cur.advance(op->text.size());
      cur.skip_spaces();
      const std::size_t number_column = cur.column();
      const std::string_view rest = cur.rest();
      double threshold = 0.0;
      const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), threshold);
      if (ec != std::errc{} || end == rest.data() || !std::isfinite(threshold) ||
          (end < rest.data() + rest.size() && is_name_char(*end))) {
        throw SyntaxError{number_column, "expected a number, found " + cur.found()};
      }
      cur.advance(static_cast<std::size_t>(end - rest.data()));

      auto clause = std::make_shared<Clause>();
      clause->outcome = std::move(parsed.spec);
      clause->op = op->op;
      clause->threshold = threshold;
      merge_into(c.needs_, parsed.needs);
      c.label_ +=
          parsed.label + " " + std::string(op->text) + " " + support::format_number(threshold);
      c.any_of_all_.back().push_back(std::move(clause));

      cur.skip_spaces();
      if (cur.at_end()) break;
      const std::size_t word_column = cur.column();
      const std::string_view word = cur.take_name();
      if (word == "and") {
        c.label_ += " and ";
      } else if (word == "or") {
        c.label_ += " or ";
        c.any_of_all_.emplace_back();
      } else {
        Cursor back(text);
        back.advance(word_column - 1);
        throw SyntaxError{word_column, "expected 'and', 'or' or the end, found " + back.found()};
      }
    }
  } catch (const SyntaxError& e) {
    fail(scan, "condition", text, e);
  }
  return c;
}

bool Condition::evaluate(const RunBlock& block, int run) const {
  return std::any_of(any_of_all_.begin(), any_of_all_.end(), [&](const auto& all) {
    return std::all_of(all.begin(), all.end(),
                       [&](const auto& clause) { return clause->holds(block, run); });
  });
}

std::vector<std::string> outcome_names() {
  std::vector<std::string> names;
  for (const auto& v : sim::summary_var_info()) names.emplace_back(v.name);
  names.emplace_back(kFirstFailureYear);
  for (const auto& v : sim::state_var_info()) names.emplace_back(v.name);
  for (const auto& v : sim::world_var_info()) names.emplace_back(v.name);
  for (const auto& v : sim::world_code_info()) names.emplace_back(v.name);
  for (const auto& i : kIndexNames) names.emplace_back(i.name);
  return names;
}

}  // namespace rampart::analysis
