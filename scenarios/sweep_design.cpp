#include <toml++/toml.h>

#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <utility>

#include "rampart/scenarios/input_file.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/sweep.hpp"
#include "rampart/support/errors.hpp"
#include "rampart/support/text_format.hpp"

namespace rampart::scenarios {

using support::closest_name;
using support::Diagnostic;
using support::did_you_mean;
using support::format_number;
using support::InputError;
namespace {

// --- small helpers -----------------------------------------------------------------------------

// " (did you mean 'x'?)" for the closest candidate within a few edits, else "".
template <typename Range>
std::string did_you_mean(std::string_view word, const Range& candidates) {
  const std::vector<std::string_view> names(std::begin(candidates), std::end(candidates));
  const std::string best = closest_name(word, names);
  return best.empty() ? std::string{} : " (did you mean '" + best + "'?)";
}

std::string value_text(const ParameterSpec& s, double v) {
  if (s.categorical()) {
    const auto code = static_cast<std::size_t>(v);
    if (code < s.categories.size()) return std::string(s.categories[code]);
  }
  return format_number(v);
}

bool is_integer_value(double v) {
  return std::floor(v) == v;
}

constexpr std::string_view kTopKeys[] = {"base",       "name",       "description", "seed",
                                         "replicates", "max_points", "design",      "factors"};
constexpr std::string_view kDesignKeys[] = {"type", "points", "base_samples"};
constexpr std::string_view kFactorKeys[] = {"parameter", "values", "low", "high", "levels"};
constexpr std::string_view kDesignTypes[] = {"full_factorial", "latin_hypercube", "sobol"};

// Collects diagnostics for one sweep file.
class SweepParser {
 public:
  SweepParser(std::string source_name, std::filesystem::path base_dir,
              const SweepLoadOptions& options)
      : source_(std::move(source_name)), base_dir_(std::move(base_dir)), options_(options) {}

  SweepDesign parse(std::string_view text) {
    toml::table root;
#if TOML_EXCEPTIONS
    try {
      root = toml::parse(text, source_);
    } catch (const toml::parse_error& e) {
      fail_syntax(e);
    }
#else
    auto result = toml::parse(text, source_);
    if (!result) fail_syntax(result.error());
    root = std::move(result).table();
#endif
    SweepDesign design;
    design.file = source_;
    read_top(root, design);
    if (!diagnostics_.empty()) throw InputError(std::move(diagnostics_));
    generate(design);
    return design;
  }

 private:
  [[noreturn]] void fail_syntax(const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    diagnostics_.push_back({source_, static_cast<int>(begin.line), static_cast<int>(begin.column),
                            "TOML syntax error: " + std::string(e.description())});
    throw InputError(std::move(diagnostics_));
  }

  void error(const toml::node* at, std::string message) {
    int line = 0;
    int column = 0;
    if (at != nullptr) {
      line = static_cast<int>(at->source().begin.line);
      column = static_cast<int>(at->source().begin.column);
    }
    diagnostics_.push_back({source_, line, column, std::move(message)});
  }

  template <std::size_t N>
  void check_keys(const toml::table& table, const std::string_view (&allowed)[N],
                  std::string_view where) {
    for (const auto& [key, node] : table) {
      const std::string_view k = key.str();
      if (std::find(std::begin(allowed), std::end(allowed), k) != std::end(allowed)) continue;
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      // Point at the key itself, not its value.
      (void)node;
      diagnostics_.push_back({source_, static_cast<int>(key.source().begin.line),
                              static_cast<int>(key.source().begin.column),
                              "unknown key '" + std::string(k) + "' in " + std::string(where) +
                                  did_you_mean(k, allowed) + "; allowed: " + list});
    }
  }

  std::optional<std::string> read_string(const toml::table& table, std::string_view key,
                                         bool required, const toml::node* owner) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) error(owner, "missing required key '" + std::string(key) + "'");
      return std::nullopt;
    }
    if (!node->is_string()) {
      error(node, "'" + std::string(key) + "' must be a string");
      return std::nullopt;
    }
    return node->as_string()->get();
  }

  std::optional<std::int64_t> read_integer(const toml::table& table, std::string_view key,
                                           bool required, std::int64_t min_value,
                                           const toml::node* owner) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) error(owner, "missing required key '" + std::string(key) + "'");
      return std::nullopt;
    }
    if (!node->is_integer()) {
      error(node, "'" + std::string(key) + "' must be an integer");
      return std::nullopt;
    }
    const std::int64_t v = node->as_integer()->get();
    if (v < min_value) {
      error(node, "'" + std::string(key) + "' must be at least " + std::to_string(min_value) +
                      ", got " + std::to_string(v));
      return std::nullopt;
    }
    return v;
  }

  void read_top(const toml::table& root, SweepDesign& design) {
    check_keys(root, kTopKeys, "the sweep file");
    const toml::node* top = nullptr;  // diagnostics about missing top-level keys have no line

    if (auto name = read_string(root, "name", true, top)) {
      const bool valid = !name->empty() && std::all_of(name->begin(), name->end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
      if (!valid) error(root.get("name"), "'name' must match [a-z0-9_]+, got '" + *name + "'");
      design.name = *name;
    }
    design.description = read_string(root, "description", false, top).value_or("");
    if (auto base = read_string(root, "base", true, top))
      resolve_base(*base, root.get("base"), design);
    if (auto seed = read_integer(root, "seed", true, 0, top)) {
      design.seed = static_cast<std::uint64_t>(*seed);
    }
    if (auto replicates = read_integer(root, "replicates", false, 1, top)) {
      if (*replicates > std::numeric_limits<int>::max()) {
        error(root.get("replicates"), "'replicates' is too large");
      } else {
        design.replicates = static_cast<int>(*replicates);
      }
    }
    max_points_ = kDefaultMaxPoints;
    if (auto max_points = read_integer(root, "max_points", false, 1, top)) {
      max_points_ = static_cast<std::size_t>(*max_points);
    }

    const toml::node* design_node = root.get("design");
    std::optional<DesignType> type;
    if (design_node == nullptr) {
      error(top, "missing required table [design]");
    } else if (!design_node->is_table()) {
      error(design_node,
            "'design' must be a table: [design] type = \"full_factorial\" | "
            "\"latin_hypercube\" | \"sobol\"");
    } else {
      type = read_design(*design_node->as_table(), design_node, design);
    }

    const toml::node* factors_node = root.get("factors");
    if (factors_node == nullptr) {
      error(top, "missing [[factors]]: a sweep needs at least one factor");
    } else if (!factors_node->is_array_of_tables()) {
      error(factors_node, "'factors' must be an array of tables ([[factors]])");
    } else {
      const toml::array& array = *factors_node->as_array();
      if (array.empty()) error(factors_node, "a sweep needs at least one factor");
      for (const toml::node& element : array) {
        read_factor(*element.as_table(), &element, type, design);
      }
    }

    if (type && diagnostics_.empty()) {
      design.type = *type;
      design.points = design_point_count(*type, design.factors, lhs_points_, design.base_samples);
      // Even a forced design must fit in memory: the matrix holds points x factors doubles.
      constexpr std::size_t kMaxMatrixValues = 100'000'000;
      const std::size_t d = std::max<std::size_t>(design.factors.size(), 1);
      if (design.points > kMaxMatrixValues / d) {
        error(design_node,
              "the " + std::string(design_type_name(*type)) + " design is too large to generate (" +
                  std::to_string(design.points) + " points x " + std::to_string(d) + " factors)");
      } else if (design.points > max_points_ && !options_.force) {
        const toml::node* at =
            root.get("max_points") != nullptr ? root.get("max_points") : design_node;
        error(at, "the " + std::string(design_type_name(*type)) + " design has " +
                      std::to_string(design.points) + " points, more than max_points = " +
                      std::to_string(max_points_) + " (raise max_points or force the load)");
      }
    }
  }

  void resolve_base(const std::string& base, const toml::node* at, SweepDesign& design) {
    const std::filesystem::path library =
        options_.library_dir.empty() ? scenario_library_dir() : options_.library_dir;
    const std::vector<std::filesystem::path> candidates{base_dir_ / base, library / base,
                                                        library / (base + ".toml")};
    // The first regular file is the base. Failing that, a candidate that exists but is no
    // scenario file (/dev/null, a folder) is named for what it is, not reported as missing.
    std::string not_a_file;
    for (const auto& candidate : candidates) {
      std::error_code ec;
      const auto status = std::filesystem::status(candidate, ec);
      if (std::filesystem::is_regular_file(status)) {
        design.base = candidate.lexically_normal();
        return;
      }
      if (std::filesystem::exists(status) && not_a_file.empty()) {
        not_a_file = candidate.lexically_normal().string() + " is " + describe_non_regular(status) +
                     ", not a scenario file";
      }
    }
    if (!not_a_file.empty()) {
      error(at, "base scenario '" + base + "': " + not_a_file);
      return;
    }
    std::string looked;
    for (const auto& c : candidates) looked += (looked.empty() ? "" : ", ") + c.string();
    error(at, "base scenario '" + base + "' not found (looked for " + looked + ")");
  }

  std::optional<DesignType> read_design(const toml::table& table, const toml::node* at,
                                        SweepDesign& design) {
    check_keys(table, kDesignKeys, "[design]");
    const auto type_name = read_string(table, "type", true, at);
    if (!type_name) return std::nullopt;
    std::optional<DesignType> type;
    if (*type_name == "full_factorial") type = DesignType::FullFactorial;
    if (*type_name == "latin_hypercube") type = DesignType::LatinHypercube;
    if (*type_name == "sobol") type = DesignType::Sobol;
    if (!type) {
      error(table.get("type"), "unknown design type '" + *type_name + "'" +
                                   did_you_mean(*type_name, kDesignTypes) +
                                   "; allowed: full_factorial, latin_hypercube, sobol");
      return std::nullopt;
    }
    const bool lhs = *type == DesignType::LatinHypercube;
    const bool sobol = *type == DesignType::Sobol;
    if (auto points = read_integer(table, "points", lhs, 1, at)) {
      if (!lhs) error(table.get("points"), "'points' applies only to latin_hypercube designs");
      lhs_points_ = static_cast<std::size_t>(*points);
    }
    if (auto n = read_integer(table, "base_samples", sobol, 1, at)) {
      if (!sobol) error(table.get("base_samples"), "'base_samples' applies only to sobol designs");
      design.base_samples = static_cast<std::size_t>(*n);
    }
    return type;
  }

  std::optional<double> read_value(const toml::node& node, const ParameterSpec& s,
                                   std::string_view what) {
    std::optional<double> v;
    if (s.categorical() && node.is_string()) {
      const std::string& name = node.as_string()->get();
      const auto it = std::find(s.categories.begin(), s.categories.end(), name);
      if (it == s.categories.end()) {
        std::string list;
        for (std::string_view c : s.categories) list += (list.empty() ? "" : ", ") + std::string(c);
        error(&node, "unknown category '" + name + "' for " + std::string(s.path) +
                         did_you_mean(name, s.categories) + "; allowed: " + list);
        return std::nullopt;
      }
      return static_cast<double>(it - s.categories.begin());
    }
    if (node.is_integer() || node.is_floating_point()) v = node.value<double>();
    if (!v || !std::isfinite(*v)) {
      error(&node, std::string(what) + " of " + std::string(s.path) + " must be a " +
                       (s.categorical() ? "category name" : "number"));
      return std::nullopt;
    }
    if (*v < s.min_value || *v > s.max_value) {
      error(&node, std::string(what) + " " + format_number(*v) + " of " + std::string(s.path) +
                       " is outside its range [" + format_number(s.min_value) + ", " +
                       format_number(s.max_value) + "]");
      return std::nullopt;
    }
    if (s.integral() && !is_integer_value(*v)) {
      error(&node, std::string(what) + " of " + std::string(s.path) + " (" + std::string(s.unit) +
                       ") must be an integer, got " + format_number(*v));
      return std::nullopt;
    }
    return v;
  }

  void read_factor(const toml::table& table, const toml::node* at, std::optional<DesignType> type,
                   SweepDesign& design) {
    check_keys(table, kFactorKeys, "[[factors]]");
    const auto path = read_string(table, "parameter", true, at);
    if (!path) return;
    const auto param = find_parameter(*path);
    if (!param) {
      std::vector<std::string_view> paths;
      for (const auto& s : parameter_specs()) paths.push_back(s.path);
      error(table.get("parameter"),
            "unknown parameter '" + *path + "'" + did_you_mean(*path, paths));
      return;
    }
    const ParameterSpec& s = spec(*param);
    for (const auto& f : design.factors) {
      if (f.parameter == *param) {
        error(table.get("parameter"), "parameter '" + *path + "' is already a factor");
        return;
      }
    }
    SweepFactor factor;
    factor.parameter = *param;
    bool ok = true;

    const toml::node* values = table.get("values");
    const toml::node* low = table.get("low");
    const toml::node* high = table.get("high");
    const toml::node* levels = table.get("levels");
    if (values != nullptr && (low != nullptr || high != nullptr)) {
      error(values, "factor " + *path + " gives both 'values' and 'low'/'high'; give one");
      return;
    }
    if (values != nullptr) {
      if (!values->is_array() || values->as_array()->empty()) {
        error(values, "'values' of " + *path + " must be a non-empty array");
        return;
      }
      for (const toml::node& element : *values->as_array()) {
        const auto v = read_value(element, s, "value");
        if (!v) {
          ok = false;
          continue;
        }
        if (std::find(factor.values.begin(), factor.values.end(), *v) != factor.values.end()) {
          error(&element, "value " + value_text(s, *v) + " of " + *path + " is repeated");
          ok = false;
        }
        factor.values.push_back(*v);
      }
      if (levels != nullptr) {
        error(levels, "'levels' applies only to a range (low/high), not to 'values'");
        ok = false;
      }
    } else {
      if (low == nullptr || high == nullptr) {
        error(at, "factor " + *path + " needs either 'values' or both 'low' and 'high'");
        return;
      }
      if (s.categorical()) {
        error(low, "categorical parameter " + *path + " takes 'values', not a range");
        return;
      }
      const auto lo = read_value(*low, s, "low");
      const auto hi = read_value(*high, s, "high");
      if (!lo || !hi) return;
      if (!(*lo < *hi)) {
        error(low, "factor " + *path + ": low (" + format_number(*lo) + ") must be below high (" +
                       format_number(*hi) + ")");
        return;
      }
      factor.low = *lo;
      factor.high = *hi;
      const bool full = type == DesignType::FullFactorial;
      if (levels == nullptr && full) {
        error(at, "factor " + *path + " needs 'levels' (>= 2) for a full factorial over a range");
        ok = false;
      } else if (levels != nullptr && type && !full) {
        error(levels, "'levels' applies only to full_factorial designs");
        ok = false;
      } else if (levels != nullptr) {
        if (!levels->is_integer() || levels->as_integer()->get() < 2) {
          error(levels, "'levels' of " + *path + " must be an integer >= 2");
          ok = false;
        } else if (levels->as_integer()->get() > 100000) {
          error(levels, "'levels' of " + *path + " is too large");
          ok = false;
        } else {
          factor.levels = static_cast<int>(levels->as_integer()->get());
          if (s.integral() && factor.levels > static_cast<int>(*hi - *lo) + 1) {
            error(levels, "factor " + *path + " has only " + format_number(*hi - *lo + 1) +
                              " integer values in [" + format_number(*lo) + ", " +
                              format_number(*hi) +
                              "], fewer than levels = " + std::to_string(factor.levels));
            ok = false;
          }
        }
      }
    }
    if (ok) design.factors.push_back(std::move(factor));
  }

  void generate(SweepDesign& design) const {
    const std::size_t d = design.factors.size();
    design.matrix.assign(design.points * d, 0.0);
    switch (design.type) {
      case DesignType::FullFactorial: {
        std::vector<std::vector<double>> levels;
        std::vector<std::size_t> counts;
        for (const auto& f : design.factors) {
          levels.push_back(f.factorial_levels());
          counts.push_back(levels.back().size());
        }
        const auto indices = full_factorial_indices(counts);
        for (std::size_t i = 0; i < indices.size(); ++i) {
          design.matrix[i] = levels[i % d][indices[i]];
        }
        break;
      }
      case DesignType::LatinHypercube:
      case DesignType::Sobol: {
        const auto unit = design.type == DesignType::Sobol
                              ? saltelli_unit(design.base_samples, d)
                              : latin_hypercube_unit(design.points, d, design.seed);
        for (std::size_t i = 0; i < unit.size(); ++i) {
          design.matrix[i] = design.factors[i % d].map_unit(unit[i]);
        }
        break;
      }
    }
  }

  std::string source_;
  std::filesystem::path base_dir_;
  SweepLoadOptions options_;
  std::vector<Diagnostic> diagnostics_;
  std::size_t max_points_ = kDefaultMaxPoints;
  std::size_t lhs_points_ = 0;
};

// Raw 64-bit output -> (0,1) with 53 bits, as RunRng does.
double to_open_unit(std::uint64_t x) {
  return (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53;
}

}  // namespace

std::string_view design_type_name(DesignType type) {
  switch (type) {
    case DesignType::FullFactorial:
      return "full_factorial";
    case DesignType::LatinHypercube:
      return "latin_hypercube";
    case DesignType::Sobol:
      return "sobol";
  }
  return "unknown";
}

double SweepFactor::map_unit(double u) const {
  u = std::clamp(u, 0.0, std::nextafter(1.0, 0.0));
  if (has_values()) {
    const std::size_t n = values.size();
    const auto k = std::min(static_cast<std::size_t>(u * static_cast<double>(n)), n - 1);
    return values[k];
  }
  if (spec(parameter).integral()) {
    const double count = high - low + 1.0;
    return low + std::min(std::floor(u * count), count - 1.0);
  }
  return low + u * (high - low);
}

std::vector<double> SweepFactor::factorial_levels() const {
  if (has_values()) return values;
  std::vector<double> out;
  const int n = std::max(levels, 2);
  for (int k = 0; k < n; ++k) {
    const double t = static_cast<double>(k) / static_cast<double>(n - 1);
    double v = k == n - 1 ? high : low + t * (high - low);
    if (spec(parameter).integral()) v = std::round(v);
    out.push_back(v);
  }
  return out;
}

std::vector<Param> SweepDesign::factor_parameters() const {
  std::vector<Param> out;
  for (const auto& f : factors) out.push_back(f.parameter);
  return out;
}

std::size_t design_point_count(DesignType type, std::span<const SweepFactor> factors,
                               std::size_t lhs_points, std::size_t base_samples) {
  constexpr std::size_t kSaturated = std::numeric_limits<std::size_t>::max();
  switch (type) {
    case DesignType::FullFactorial: {
      std::size_t total = 1;
      for (const auto& f : factors) {
        const std::size_t n =
            f.has_values() ? f.values.size() : static_cast<std::size_t>(std::max(f.levels, 2));
        if (total > kSaturated / n) return kSaturated;
        total *= n;
      }
      return total;
    }
    case DesignType::LatinHypercube:
      return lhs_points;
    case DesignType::Sobol: {
      const std::size_t per = factors.size() + 2;
      if (base_samples > kSaturated / per) return kSaturated;
      return base_samples * per;
    }
  }
  return 0;
}

std::vector<std::size_t> full_factorial_indices(std::span<const std::size_t> level_counts) {
  const std::size_t d = level_counts.size();
  std::size_t total = d == 0 ? 0 : 1;
  for (std::size_t n : level_counts) total *= n;
  std::vector<std::size_t> out(total * d);
  // Mixed-radix counting with the last factor as the fastest digit.
  std::vector<std::size_t> digit(d, 0);
  for (std::size_t p = 0; p < total; ++p) {
    std::copy(digit.begin(), digit.end(), out.begin() + static_cast<std::ptrdiff_t>(p * d));
    for (std::size_t f = d; f-- > 0;) {
      if (++digit[f] < level_counts[f]) break;
      digit[f] = 0;
    }
  }
  return out;
}

std::vector<double> latin_hypercube_unit(std::size_t n, std::size_t d, std::uint64_t seed) {
  boost::random::mt19937_64 engine(seed);
  std::vector<double> out(n * d);
  std::vector<std::size_t> stratum(n);
  for (std::size_t f = 0; f < d; ++f) {
    for (std::size_t k = 0; k < n; ++k) stratum[k] = k;
    // Fisher-Yates with our own index draw (no library distribution: same on every platform).
    for (std::size_t k = n; k > 1; --k) {
      const auto j = std::min(
          static_cast<std::size_t>(to_open_unit(engine()) * static_cast<double>(k)), k - 1);
      std::swap(stratum[k - 1], stratum[j]);
    }
    for (std::size_t p = 0; p < n; ++p) {
      const double position = to_open_unit(engine());
      out[p * d + f] = (static_cast<double>(stratum[p]) + position) / static_cast<double>(n);
    }
  }
  return out;
}

std::vector<double> saltelli_unit(std::size_t n_base, std::size_t d) {
  const std::size_t rows = n_base * (d + 2);
  std::vector<double> out(rows * d);
  if (d == 0 || n_base == 0) return out;
  boost::random::sobol sequence(2 * d);
  // Boost's sequence starts after the all-zero point, so every coordinate lies in (0,1).
  constexpr double kScale = 0x1.0p-64;
  std::vector<double> a(d);
  std::vector<double> b(d);
  for (std::size_t k = 0; k < n_base; ++k) {
    for (std::size_t i = 0; i < d; ++i) a[i] = static_cast<double>(sequence()) * kScale;
    for (std::size_t i = 0; i < d; ++i) b[i] = static_cast<double>(sequence()) * kScale;
    std::copy(a.begin(), a.end(), out.begin() + static_cast<std::ptrdiff_t>(k * d));
    std::copy(b.begin(), b.end(), out.begin() + static_cast<std::ptrdiff_t>((n_base + k) * d));
    for (std::size_t i = 0; i < d; ++i) {
      double* row = out.data() + ((2 + i) * n_base + k) * d;
      std::copy(a.begin(), a.end(), row);
      row[i] = b[i];
    }
  }
  return out;
}

SweepDesign parse_sweep(std::string_view toml_text, std::string_view source_name,
                        const std::filesystem::path& base_dir, const SweepLoadOptions& options) {
  SweepParser parser(std::string(source_name), base_dir, options);
  return parser.parse(toml_text);
}

bool is_sweep_file(const std::filesystem::path& file) {
  const InputFileText read = read_input_file(file, "sweep file");
  if (!read.text) return false;
  toml::table root;
#if TOML_EXCEPTIONS
  try {
    root = toml::parse(*read.text, file.string());
  } catch (const toml::parse_error&) {
    return false;
  }
#else
  auto result = toml::parse(*read.text, file.string());
  if (!result) return false;
  root = std::move(result).table();
#endif
  return root.contains("design") || root.contains("factors") || root.contains("base");
}

SweepDesign load_sweep(const std::filesystem::path& file, const SweepLoadOptions& options) {
  const std::string name = file.string();
  const InputFileText read = read_input_file(file, "sweep file");
  if (!read.text) {
    throw InputError({{name, 0, 0, read.missing ? "cannot open sweep file" : read.problem}});
  }
  SweepDesign design = parse_sweep(*read.text, name, file.parent_path(), options);
  design.file = file;
  return design;
}

Scenario scenario_for_point(const Scenario& base, const SweepDesign& design, std::size_t p) {
  Scenario out = base;
  char name[32];
  std::snprintf(name, sizeof name, "point_%05zu", p);
  out.name = name;
  std::string settings;
  for (std::size_t f = 0; f < design.factors.size(); ++f) {
    const Param param = design.factors[f].parameter;
    const double v = design.value(p, f);
    out.parameters[static_cast<std::size_t>(param)] = Distribution::fixed(v);
    settings += (settings.empty() ? "" : ", ") + std::string(spec(param).path) + " = " +
                value_text(spec(param), v);
  }
  out.description = "Sweep " + design.name + " (" + std::string(design_type_name(design.type)) +
                    "), point " + std::to_string(p) + " of " + std::to_string(design.points) +
                    " on " + base.name + ": " + settings;
  return out;
}

}  // namespace rampart::scenarios
