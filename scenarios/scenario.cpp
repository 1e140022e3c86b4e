#include "rampart/scenarios/scenario.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>
#include <tuple>

#include "rampart/scenarios/input_file.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/support/errors.hpp"
#include "rampart/support/text_format.hpp"

namespace rampart::scenarios {

using support::Diagnostic;
using support::did_you_mean;
using support::format_number;
using support::InputError;
using support::join_names;
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kScalarKeys[] = {"name",    "description", "view",   "start_year",
                                            "horizon", "seed",        "extends"};
constexpr std::string_view kCountriesTable = "countries";
constexpr std::string_view kDistributionNames[] = {"uniform", "normal", "triangular", "beta",
                                                   "discrete"};

// The fields each distribution form takes (first the required ones) and how many are required.
struct DistributionForm {
  Distribution::Kind kind;
  std::string_view name;
  std::vector<std::string_view> fields;
  std::size_t required;  // fields[1..required] are required ("dist" is fields[0])
};

const std::vector<DistributionForm>& distribution_forms() {
  static const std::vector<DistributionForm> kForms = {
      {Distribution::Kind::Uniform, "uniform", {"dist", "low", "high"}, 2},
      {Distribution::Kind::Normal, "normal", {"dist", "mean", "sd", "low", "high"}, 2},
      {Distribution::Kind::Triangular, "triangular", {"dist", "low", "mode", "high"}, 3},
      {Distribution::Kind::Beta, "beta", {"dist", "alpha", "beta", "low", "high"}, 2},
      {Distribution::Kind::Discrete, "discrete", {"dist", "values", "weights"}, 1},
  };
  return kForms;
}

// The parameter tables ("economy", "state", ...) in registry order, and their keys.
struct Section {
  std::string_view name;
  std::vector<std::string_view> keys;
  std::vector<Param> params;
};

const std::vector<Section>& sections() {
  static const std::vector<Section> kList = [] {
    std::vector<Section> out;
    for (const auto& s : parameter_specs()) {
      const auto dot = s.path.find('.');
      const auto section = s.path.substr(0, dot);
      const auto key = s.path.substr(dot + 1);
      auto it =
          std::find_if(out.begin(), out.end(), [&](const Section& x) { return x.name == section; });
      if (it == out.end()) it = out.insert(out.end(), Section{section, {}, {}});
      it->keys.push_back(key);
      it->params.push_back(s.id);
    }
    return out;
  }();
  return kList;
}

struct AttributeRange {
  double low;
  double high;
};

AttributeRange attribute_range(std::string_view key) {
  if (key == "frontline_tier") return {1, 3};
  if (key == "debt_2024") return {0, 400};
  if (key == "aid_share_2024") return {0, 0.05};
  if (key == "safe_loans_eur_bn") return {0, 150};
  if (key == "preference") return {-20, 20};
  if (key == "preference_sd") return {0, 10};
  return {0, 1};
}

std::string range_text(double low, double high) {
  std::string text(1, '[');
  text += format_number(low);
  text += ", ";
  text += format_number(high);
  text += ']';
  return text;
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::optional<double> number_of(const toml::node& node) {
  if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node.as_floating_point()) return f->get();
  return std::nullopt;
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    default:
      return "a date or time";
  }
}

// toml++ visits keys in sorted order: put the diagnostics back in file order, each file's
// problems together in the order the files were first mentioned.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> files;
  for (const auto& d : diagnostics) {
    if (std::find(files.begin(), files.end(), d.file) == files.end()) files.push_back(d.file);
  }
  const auto rank = [&](const Diagnostic& d) {
    return std::tuple(std::find(files.begin(), files.end(), d.file) - files.begin(), d.line,
                      d.column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
}

// Reads one scenario document into a Scenario, collecting every problem it finds.
class Loader {
 public:
  Loader(const CountryTable& table, std::vector<Diagnostic>& diagnostics)
      : table_(table), diagnostics_(diagnostics) {
    for (const auto& c : table_.countries) country_codes_.push_back(c.iso3);
  }

  // `chain` holds the canonical paths of the files being read, for cycle detection.
  void parse_document(std::string_view text, const std::string& source, const fs::path& base_dir,
                      std::vector<fs::path>& chain, Scenario& s) {
    if (is_blank(text)) {
      error(source, 0, 0, "file is empty; a scenario needs at least name = \"...\"");
      return;
    }
    toml::table root;
    try {
      root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
      std::string message(e.description());
      const std::string lower = [&] {
        std::string l = message;
        std::transform(l.begin(), l.end(), l.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return l;
      }();
      if (lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos) {
        message = "file is not valid UTF-8 text (" + message + ")";
      } else {
        message = "TOML syntax error: " + message;
      }
      error(source, static_cast<int>(e.source().begin.line),
            static_cast<int>(e.source().begin.column), message);
      return;
    }

    if (const toml::node* extends = root.get("extends")) {
      apply_extends(*extends, source, base_dir, chain, s);
    }
    if (!root.contains("name")) error(source, 0, 0, "missing required key 'name'");

    std::vector<std::string_view> top_keys(std::begin(kScalarKeys), std::end(kScalarKeys));
    for (const auto& section : sections()) top_keys.push_back(section.name);
    top_keys.push_back(kCountriesTable);

    for (const auto& [key, node] : root) {
      const std::string_view k = key.str();
      if (k == "name") {
        read_name(source, node, s);
      } else if (k == "description" || k == "view") {
        if (const auto* str = node.as_string()) {
          (k == "description" ? s.description : s.view) = str->get();
        } else {
          error_at(source, node, std::string(k) + " must be a string, not " + type_name(node));
        }
      } else if (k == "horizon") {
        read_horizon(source, node, s);
      } else if (k == "start_year") {
        read_start_year(source, node, s);
      } else if (k == "seed") {
        read_seed(source, node, s);
      } else if (k == "extends") {
        // applied first, above
      } else if (k == kCountriesTable) {
        read_countries(source, key, node, s);
      } else if (const Section* section = find_section(k)) {
        read_section(source, *section, key, node, s);
      } else {
        error_at_key(source, key,
                     "unknown key '" + std::string(k) + "';" + did_you_mean(k, top_keys) +
                         " allowed top-level keys and tables: " + join_names(top_keys));
      }
    }
  }

  // Reads a file's text, reporting a missing, unreadable, oversized or non-regular path (a
  // device or FIFO is never opened: it could stream forever or block).
  std::optional<std::string> read_file(const fs::path& file, const std::string& source) {
    InputFileText read = read_input_file(file, "scenario file");
    if (!read.text) error(source, 0, 0, read.problem);
    return std::move(read.text);
  }

  // Text stored in a results file must stand alone: its `extends` would read whatever file the
  // text names on this machine (even /dev/zero), so it is refused.
  void forbid_extends() { extends_allowed_ = false; }

 private:
  void error(const std::string& source, int line, int column, std::string message) {
    diagnostics_.push_back({source, line, column, std::move(message)});
  }
  void error_at(const std::string& source, const toml::node& node, std::string message) {
    const auto& begin = node.source().begin;
    error(source, static_cast<int>(begin.line), static_cast<int>(begin.column), std::move(message));
  }
  void error_at_key(const std::string& source, const toml::key& key, std::string message) {
    const auto& begin = key.source().begin;
    error(source, static_cast<int>(begin.line), static_cast<int>(begin.column), std::move(message));
  }

  static const Section* find_section(std::string_view name) {
    for (const auto& s : sections()) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }

  void apply_extends(const toml::node& node, const std::string& source, const fs::path& base_dir,
                     std::vector<fs::path>& chain, Scenario& s) {
    if (!extends_allowed_) {
      error_at(source, node,
               "extends is not allowed here: a scenario stored in a results file is fully "
               "resolved and self-contained (the file is damaged or was not written by Rampart)");
      return;
    }
    const auto* str = node.as_string();
    if (!str) {
      error_at(source, node,
               "extends must be a string (a path relative to this file, or a library name)");
      return;
    }
    // Relative to this file first, then a library name ("baseline" or "baseline.toml"), as a
    // sweep's `base`: a scenario saved anywhere can extend the library.
    std::vector<fs::path> candidates{(base_dir / str->get()).lexically_normal()};
    if (fs::path(str->get()).is_relative()) {
      const fs::path library = scenario_library_dir();
      candidates.push_back((library / str->get()).lexically_normal());
      if (fs::path(str->get()).extension() != ".toml") {
        candidates.push_back((library / (str->get() + ".toml")).lexically_normal());
      }
    }
    std::error_code ec;
    const auto found = std::find_if(candidates.begin(), candidates.end(),
                                    [&ec](const fs::path& c) { return fs::exists(c, ec); });
    if (found == candidates.end()) {
      std::string looked;
      for (const auto& c : candidates) {
        looked += (looked.empty() ? "" : ", ") + fs::absolute(c, ec).lexically_normal().string();
      }
      error_at(source, node,
               "extends: file '" + str->get() + "' not found (looked for " + looked +
                   "); a library scenario is named like \"baseline\" (rampart scenarios)");
      return;
    }
    const fs::path parent = *found;
    InputFileText read = read_input_file(parent, "scenario file");
    if (!read.text) {
      error_at(source, node, "extends: '" + str->get() + "' " + read.problem);
      return;
    }
    const fs::path canonical = fs::weakly_canonical(parent, ec);
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
      std::string cycle;
      for (const auto& f : chain) cycle += f.filename().string() + " -> ";
      error_at(source, node, "extends cycle: " + cycle + canonical.filename().string());
      return;
    }
    const std::string parent_source = parent.string();
    chain.push_back(canonical);
    parse_document(*read.text, parent_source, parent.parent_path(), chain, s);
    chain.pop_back();
  }

  void read_name(const std::string& source, const toml::node& node, Scenario& s) {
    const auto* str = node.as_string();
    if (!str) {
      error_at(source, node, "name must be a string, not " + type_name(node));
      return;
    }
    const std::string& name = str->get();
    const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!valid) {
      error_at(source, node,
               "name '" + name + "' must be lower-case letters, digits and '_' ([a-z0-9_]+)");
      return;
    }
    s.name = name;
  }

  void read_horizon(const std::string& source, const toml::node& node, Scenario& s) {
    const auto* i = node.as_integer();
    if (!i) {
      error_at(source, node, "horizon must be an integer year, not " + type_name(node));
      return;
    }
    if (i->get() < kMinHorizon || i->get() > kMaxHorizon) {
      error_at(source, node,
               "horizon " + std::to_string(i->get()) + " is outside the allowed range [" +
                   std::to_string(kMinHorizon) + ", " + std::to_string(kMaxHorizon) + "]");
      return;
    }
    s.horizon = static_cast<int>(i->get());
  }

  void read_start_year(const std::string& source, const toml::node& node, Scenario& s) {
    const auto* i = node.as_integer();
    if (!i) {
      error_at(source, node, "start_year must be an integer year, not " + type_name(node));
      return;
    }
    if (i->get() < kMinStartYear || i->get() > kMaxStartYear) {
      error_at(source, node,
               "start_year " + std::to_string(i->get()) + " is outside the allowed range [" +
                   std::to_string(kMinStartYear) + ", " + std::to_string(kMaxStartYear) + "]");
      return;
    }
    if (i->get() < kMaxStartYear && (!table_.history || !table_.history->loaded)) {
      error_at(source, node,
               "start_year " + std::to_string(i->get()) +
                   " needs the 2014-2024 record, and the data folder has no history/ "
                   "(set RAMPART_DATA_DIR to the scenario library)");
      return;
    }
    s.start_year = static_cast<int>(i->get());
  }

  void read_seed(const std::string& source, const toml::node& node, Scenario& s) {
    const auto* i = node.as_integer();
    if (!i || i->get() < 0) {
      error_at(source, node, "seed must be a non-negative integer");
      return;
    }
    s.seed = static_cast<std::uint64_t>(i->get());
  }

  void read_section(const std::string& source, const Section& section, const toml::key& key,
                    const toml::node& node, Scenario& s) {
    const auto* table = node.as_table();
    if (!table) {
      error_at_key(source, key,
                   "'" + std::string(section.name) + "' must be a table of parameters ([" +
                       std::string(section.name) + "]), not " + type_name(node));
      return;
    }
    for (const auto& [param_key, value] : *table) {
      const auto it = std::find(section.keys.begin(), section.keys.end(), param_key.str());
      if (it == section.keys.end()) {
        error_at_key(source, param_key,
                     "unknown key '" + std::string(param_key.str()) + "' in [" +
                         std::string(section.name) + "];" +
                         did_you_mean(param_key.str(), section.keys) +
                         " allowed keys: " + join_names(section.keys));
        continue;
      }
      const Param p = section.params[static_cast<std::size_t>(it - section.keys.begin())];
      if (auto d = read_parameter(source, spec(p), value)) {
        s.parameters[static_cast<std::size_t>(p)] = std::move(*d);
      }
    }
  }

  // A parameter's value: a number, a category name, or a distribution table.
  std::optional<Distribution> read_parameter(const std::string& source, const ParameterSpec& sp,
                                             const toml::node& node) {
    const std::string path(sp.path);
    if (const auto* table = node.as_table()) return read_distribution(source, sp, *table);
    const auto value = read_value(source, sp, node, path);
    if (!value) return std::nullopt;
    return Distribution::fixed(*value);
  }

  // One value of a parameter (fixed, or one of a discrete distribution's values).
  std::optional<double> read_value(const std::string& source, const ParameterSpec& sp,
                                   const toml::node& node, const std::string& what) {
    double value = 0.0;
    if (const auto* str = node.as_string()) {
      if (!sp.categorical()) {
        error_at(source, node, what + ": expected a number or a distribution table, not a string");
        return std::nullopt;
      }
      const auto it = std::find(sp.categories.begin(), sp.categories.end(), str->get());
      if (it == sp.categories.end()) {
        error_at(source, node,
                 what + ": unknown category '" + str->get() + "';" +
                     did_you_mean(str->get(), sp.categories) +
                     " allowed: " + join_names(sp.categories));
        return std::nullopt;
      }
      value = static_cast<double>(it - sp.categories.begin());
    } else if (const auto number = number_of(node)) {
      value = *number;
    } else {
      std::string expected = sp.categorical() ? "a category name" : "a number";
      error_at(
          source, node,
          what + ": expected " + expected + " or a distribution table, not " + type_name(node));
      return std::nullopt;
    }
    if (!std::isfinite(value)) {
      error_at(source, node, what + ": value must be finite");
      return std::nullopt;
    }
    if (sp.integral() && value != std::floor(value)) {
      error_at(source, node,
               what + ": " + format_number(value) + " must be an integer (unit '" +
                   std::string(sp.unit) + "')");
      return std::nullopt;
    }
    if (value < sp.min_value || value > sp.max_value) {
      error_at(source, node,
               what + ": " + format_number(value) + " is outside the allowed range " +
                   range_text(sp.min_value, sp.max_value));
      return std::nullopt;
    }
    return value;
  }

  std::optional<Distribution> read_distribution(const std::string& source, const ParameterSpec& sp,
                                                const toml::table& table) {
    const std::string path(sp.path);
    const toml::node* dist_node = table.get("dist");
    if (!dist_node) {
      error_at(source, table,
               path + ": distribution table has no 'dist' field; one of: " +
                   join_names(kDistributionNames));
      return std::nullopt;
    }
    const auto* dist_name = dist_node->as_string();
    if (!dist_name) {
      error_at(source, *dist_node, path + ": 'dist' must be a string");
      return std::nullopt;
    }
    const auto& forms = distribution_forms();
    const auto form = std::find_if(forms.begin(), forms.end(), [&](const DistributionForm& f) {
      return f.name == dist_name->get();
    });
    if (form == forms.end()) {
      error_at(source, *dist_node,
               path + ": unknown distribution '" + dist_name->get() + "';" +
                   did_you_mean(dist_name->get(), kDistributionNames) +
                   " allowed: " + join_names(kDistributionNames));
      return std::nullopt;
    }
    if (sp.integral() && form->kind != Distribution::Kind::Discrete) {
      error_at(source, *dist_node,
               path + " takes integer values (unit '" + std::string(sp.unit) +
                   "'): use a fixed value or a discrete distribution, not " +
                   std::string(form->name));
      return std::nullopt;
    }

    bool ok = true;
    for (const auto& [field, value] : table) {
      if (std::find(form->fields.begin(), form->fields.end(), field.str()) == form->fields.end()) {
        error_at_key(source, field,
                     path + ": unknown field '" + std::string(field.str()) + "' in a " +
                         std::string(form->name) + " distribution;" +
                         did_you_mean(field.str(), form->fields) +
                         " allowed: " + join_names(form->fields));
        ok = false;
      }
    }
    for (std::size_t i = 1; i <= form->required; ++i) {
      if (!table.contains(form->fields[i])) {
        error_at(source, table,
                 path + ": " + std::string(form->name) + " distribution is missing field '" +
                     std::string(form->fields[i]) + "'");
        ok = false;
      }
    }
    if (!ok) return std::nullopt;

    Distribution d;
    d.kind = form->kind;
    if (d.kind == Distribution::Kind::Discrete) {
      if (!read_discrete(source, sp, table, d)) return std::nullopt;
    } else {
      // Optional bounds default to the parameter's range (beta: to 0..1).
      const bool is_beta = d.kind == Distribution::Kind::Beta;
      const auto field = [&](std::string_view name, double fallback) {
        const toml::node* n = table.get(name);
        if (!n) return fallback;
        const auto v = number_of(*n);
        if (!v || !std::isfinite(*v)) {
          error_at(source, *n, path + ": field '" + std::string(name) + "' must be a number");
          ok = false;
          return fallback;
        }
        return *v;
      };
      d.low = field("low", is_beta ? 0.0 : sp.min_value);
      d.high = field("high", is_beta ? 1.0 : sp.max_value);
      d.mean = field("mean", 0.0);
      d.sd = field("sd", 0.0);
      d.mode = field("mode", 0.0);
      d.alpha = field("alpha", 0.0);
      d.beta = field("beta", 0.0);
      if (!ok) return std::nullopt;
      if (!check_continuous(source, path, table, d)) return std::nullopt;
    }

    if (d.support_min() < sp.min_value || d.support_max() > sp.max_value) {
      error_at(source, table,
               path + ": distribution support " + range_text(d.support_min(), d.support_max()) +
                   " is outside the allowed range " + range_text(sp.min_value, sp.max_value));
      return std::nullopt;
    }
    return d;
  }

  bool check_continuous(const std::string& source, const std::string& path,
                        const toml::table& table, const Distribution& d) {
    bool ok = true;
    const auto fail = [&](std::string message) {
      error_at(source, table, path + ": " + std::move(message));
      ok = false;
    };
    if (d.low > d.high) {
      fail("low " + format_number(d.low) + " is greater than high " + format_number(d.high));
    }
    if (d.kind == Distribution::Kind::Triangular && d.low <= d.high &&
        (d.mode < d.low || d.mode > d.high)) {
      fail("mode " + format_number(d.mode) + " is outside [low, high] " +
           range_text(d.low, d.high));
    }
    if (d.kind == Distribution::Kind::Normal && !(d.sd > 0.0)) {
      fail("sd must be positive, not " + format_number(d.sd));
    }
    if (d.kind == Distribution::Kind::Beta && (!(d.alpha > 0.0) || !(d.beta > 0.0))) {
      fail("alpha and beta must be positive");
    }
    return ok;
  }

  bool read_discrete(const std::string& source, const ParameterSpec& sp, const toml::table& table,
                     Distribution& d) {
    const std::string path(sp.path);
    const auto* values = table.get("values")->as_array();
    if (!values || values->empty()) {
      error_at(source, *table.get("values"), path + ": 'values' must be a non-empty array");
      return false;
    }
    bool ok = true;
    for (const auto& v : *values) {
      if (const auto value = read_value(source, sp, v, path + " values")) {
        d.values.push_back(*value);
      } else {
        ok = false;
      }
    }
    if (const toml::node* weights_node = table.get("weights")) {
      const auto* weights = weights_node->as_array();
      if (!weights || weights->size() != values->size()) {
        error_at(source, *weights_node,
                 path + ": 'weights' must be an array with one weight per value (" +
                     std::to_string(values->size()) + ")");
        return false;
      }
      for (const auto& w : *weights) {
        const auto weight = number_of(w);
        if (!weight || !std::isfinite(*weight) || *weight < 0.0) {
          error_at(source, w, path + ": each weight must be a number >= 0");
          ok = false;
          continue;
        }
        d.weights.push_back(*weight);
      }
      if (ok) {
        double sum = 0.0;
        for (const double w : d.weights) sum += w;
        if (!(sum > 0.0)) {
          error_at(source, *weights_node, path + ": the weights must not all be zero");
          ok = false;
        }
      }
    } else {
      d.weights.assign(d.values.size(), 1.0);
    }
    if (!ok) return false;
    double sum = 0.0;
    for (const double w : d.weights) sum += w;
    // Weights already normalised (as written by to_toml) are kept bit for bit.
    if (std::abs(sum - 1.0) > 8 * std::numeric_limits<double>::epsilon()) {
      for (double& w : d.weights) w /= sum;
    }
    return true;
  }

  void read_countries(const std::string& source, const toml::key& key, const toml::node& node,
                      Scenario& s) {
    const auto* table = node.as_table();
    if (!table) {
      error_at_key(source, key, "'countries' must be a table of [countries.ISO3] tables");
      return;
    }
    for (const auto& [code, attributes] : *table) {
      const auto index = table_.index_of(code.str());
      if (!index) {
        error_at_key(source, code,
                     "unknown country '" + std::string(code.str()) + "' in [countries];" +
                         did_you_mean(code.str(), country_codes_) +
                         " allowed ISO3 codes: " + join_names(country_codes_));
        continue;
      }
      const auto* attrs = attributes.as_table();
      if (!attrs) {
        error_at_key(source, code,
                     "countries." + std::string(code.str()) + " must be a table of attributes");
        continue;
      }
      for (const auto& [attr, value] : *attrs) {
        read_country_attribute(source, code.str(), attr, value, s.countries[*index]);
      }
    }
  }

  void read_country_attribute(const std::string& source, std::string_view code,
                              const toml::key& attr, const toml::node& value, Country& c) {
    const std::string what = "countries." + std::string(code) + "." + std::string(attr.str());
    const auto& keys = kCountryAttributeKeys;
    if (std::find(std::begin(keys), std::end(keys), attr.str()) == std::end(keys)) {
      error_at_key(source, attr,
                   "unknown key '" + std::string(attr.str()) + "' in [countries." +
                       std::string(code) + "];" + did_you_mean(attr.str(), keys) +
                       " allowed keys: " + join_names(keys));
      return;
    }
    if (attr.str() == "nato" || attr.str() == "eu" || attr.str() == "neutral" ||
        attr.str() == "escape_clause" || attr.str() == "preference_estimated") {
      if (const auto* b = value.as_boolean()) {
        bool& flag = attr.str() == "nato"            ? c.nato
                     : attr.str() == "eu"            ? c.eu
                     : attr.str() == "neutral"       ? c.neutral
                     : attr.str() == "escape_clause" ? c.escape_clause
                                                     : c.preference_estimated;
        flag = b->get();
      } else {
        error_at(source, value, what + ": expected true or false, not " + type_name(value));
      }
      return;
    }
    if (value.is_table()) {
      error_at(source, value, what + ": country attributes take fixed values only");
      return;
    }
    const auto number = number_of(value);
    if (!number || !std::isfinite(*number)) {
      error_at(source, value, what + ": expected a number, not " + type_name(value));
      return;
    }
    const AttributeRange range = attribute_range(attr.str());
    if (*number < range.low || *number > range.high) {
      error_at(source, value,
               what + ": " + format_number(*number) + " is outside the allowed range " +
                   range_text(range.low, range.high));
      return;
    }
    const std::string_view k = attr.str();
    if (k == "frontline_tier") {
      if (*number != std::floor(*number)) {
        error_at(source, value, what + ": must be an integer (1, 2 or 3)");
        return;
      }
      c.frontline_tier = static_cast<int>(*number);
    } else if (k == "exposure") {
      c.exposure = *number;
    } else if (k == "debt_2024") {
      c.debt_2024 = *number;
    } else if (k == "fiscal_space") {
      c.fiscal_space = *number;
    } else if (k == "populism") {
      c.populism = *number;
    } else if (k == "compliance") {
      c.compliance = *number;
    } else if (k == "aid_share_2024") {
      c.aid_share_2024 = *number;
    } else if (k == "safe_loans_eur_bn") {
      c.safe_loans_eur_bn = *number;
    } else if (k == "preference") {
      c.preference = *number;
    } else if (k == "preference_sd") {
      c.preference_sd = *number;
    }
  }

  const CountryTable& table_;
  bool extends_allowed_ = true;
  std::vector<Diagnostic>& diagnostics_;
  std::vector<std::string_view> country_codes_;
};

Scenario default_scenario(const CountryTable& table) {
  Scenario s;
  for (const auto& sp : parameter_specs()) {
    s.parameters[static_cast<std::size_t>(sp.id)] = Distribution::fixed(sp.default_value);
  }
  s.countries = table.countries;
  s.history = table.history;
  return s;
}

// ---- writing ---------------------------------------------------------------------------------

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          static constexpr char kHex[] = "0123456789ABCDEF";
          out += "\\u00";
          out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
          out += kHex[static_cast<unsigned char>(c) & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string value_text(const ParameterSpec& sp, double v) {
  if (sp.categorical()) {
    const auto code = static_cast<std::size_t>(v);
    if (v >= 0 && code < sp.categories.size()) return toml_string(sp.categories[code]);
  }
  return format_number(v);
}

std::string distribution_text(const ParameterSpec& sp, const Distribution& d) {
  using K = Distribution::Kind;
  const auto n = [](double v) { return format_number(v); };
  switch (d.kind) {
    case K::Fixed:
      return value_text(sp, d.value);
    case K::Uniform:
      return "{ dist = \"uniform\", low = " + n(d.low) + ", high = " + n(d.high) + " }";
    case K::Normal:
      return "{ dist = \"normal\", mean = " + n(d.mean) + ", sd = " + n(d.sd) +
             ", low = " + n(d.low) + ", high = " + n(d.high) + " }";
    case K::Triangular:
      return "{ dist = \"triangular\", low = " + n(d.low) + ", mode = " + n(d.mode) +
             ", high = " + n(d.high) + " }";
    case K::Beta:
      return "{ dist = \"beta\", alpha = " + n(d.alpha) + ", beta = " + n(d.beta) +
             ", low = " + n(d.low) + ", high = " + n(d.high) + " }";
    case K::Discrete: {
      std::string values;
      std::string weights;
      for (std::size_t i = 0; i < d.values.size(); ++i) {
        values += (i ? ", " : "") + value_text(sp, d.values[i]);
        weights += (i ? ", " : "") + n(d.weights[i]);
      }
      return "{ dist = \"discrete\", values = [" + values + "], weights = [" + weights + "] }";
    }
  }
  return value_text(sp, d.value);
}

}  // namespace

std::vector<Param> Scenario::uncertain_parameters() const {
  std::vector<Param> out;
  for (const auto& sp : parameter_specs()) {
    if (!distribution(sp.id).is_fixed()) out.push_back(sp.id);
  }
  return out;
}

Scenario parse_scenario(std::string_view toml_text, std::string_view source_name,
                        const CountryTable& countries, const std::filesystem::path& base_dir) {
  std::vector<Diagnostic> diagnostics;
  Loader loader(countries, diagnostics);
  Scenario s = default_scenario(countries);
  std::vector<fs::path> chain;
  loader.parse_document(toml_text, std::string(source_name), base_dir, chain, s);
  if (!diagnostics.empty()) {
    sort_diagnostics(diagnostics);
    throw InputError(std::move(diagnostics));
  }
  return s;
}

Scenario parse_stored_scenario(std::string_view toml_text, std::string_view source_name,
                               const CountryTable& countries) {
  std::vector<Diagnostic> diagnostics;
  Loader loader(countries, diagnostics);
  loader.forbid_extends();
  Scenario s = default_scenario(countries);
  std::vector<fs::path> chain;
  loader.parse_document(toml_text, std::string(source_name), {}, chain, s);
  if (!diagnostics.empty()) {
    sort_diagnostics(diagnostics);
    throw InputError(std::move(diagnostics));
  }
  return s;
}

Scenario load_scenario(const std::filesystem::path& file, const CountryTable& countries) {
  std::vector<Diagnostic> diagnostics;
  Loader loader(countries, diagnostics);
  Scenario s = default_scenario(countries);
  const std::string source = file.string();
  if (const auto text = loader.read_file(file, source)) {
    std::error_code ec;
    std::vector<fs::path> chain{fs::weakly_canonical(file, ec)};
    loader.parse_document(*text, source, file.parent_path(), chain, s);
  }
  if (!diagnostics.empty()) {
    sort_diagnostics(diagnostics);
    throw InputError(std::move(diagnostics));
  }
  s.file = file;
  return s;
}

std::string to_toml(const Scenario& s) {
  std::ostringstream out;
  out << "# Rampart scenario '" << s.name << "', fully resolved: every parameter and every\n"
      << "# country attribute is written out, so this text alone reproduces the scenario.\n"
      << "name = " << toml_string(s.name) << '\n'
      << "description = " << toml_string(s.description) << '\n'
      << "view = " << toml_string(s.view) << '\n'
      << "start_year = " << s.start_year << '\n'
      << "horizon = " << s.horizon << '\n';
  if (s.seed) out << "seed = " << *s.seed << '\n';
  for (const auto& section : sections()) {
    out << "\n[" << section.name << "]\n";
    for (std::size_t i = 0; i < section.params.size(); ++i) {
      const ParameterSpec& sp = spec(section.params[i]);
      out << "# " << sp.meaning << " (unit " << sp.unit << "; range "
          << range_text(sp.min_value, sp.max_value);
      if (sp.categorical()) out << "; categories " << join_names(sp.categories);
      out << "; default " << value_text(sp, sp.default_value) << ")\n";
      out << section.keys[i] << " = " << distribution_text(sp, s.distribution(sp.id)) << '\n';
    }
  }
  out << "\n# Per-country attributes (nato, eu: memberships; neutral: Article 42(7) opt-out;\n"
      << "# frontline_tier 1..3;"
      << " exposure, fiscal_space, populism, compliance 0..1; debt_2024 % of GDP;\n"
      << "# aid_share_2024 military aid to Ukraine as a fraction of GDP; escape_clause: requested\n"
      << "# the EU's national escape clause for defence; safe_loans_eur_bn: SAFE loan "
         "allocation;\n"
      << "# preference: the security weight's logit estimated from the 2014-2024 panel, with "
         "its\n# standard error preference_sd, used where preference_estimated is true).\n";
  for (const Country& c : s.countries) {
    out << "\n[countries." << c.iso3 << "]  # " << c.name << '\n'
        << "nato = " << (c.nato ? "true" : "false") << '\n'
        << "eu = " << (c.eu ? "true" : "false") << '\n'
        << "neutral = " << (c.neutral ? "true" : "false") << '\n'
        << "frontline_tier = " << c.frontline_tier << '\n'
        << "exposure = " << format_number(c.exposure) << '\n'
        << "debt_2024 = " << format_number(c.debt_2024) << '\n'
        << "fiscal_space = " << format_number(c.fiscal_space) << '\n'
        << "populism = " << format_number(c.populism) << '\n'
        << "compliance = " << format_number(c.compliance) << '\n'
        << "aid_share_2024 = " << format_number(c.aid_share_2024) << '\n'
        << "escape_clause = " << (c.escape_clause ? "true" : "false") << '\n'
        << "safe_loans_eur_bn = " << format_number(c.safe_loans_eur_bn) << '\n'
        << "preference_estimated = " << (c.preference_estimated ? "true" : "false") << '\n'
        << "preference = " << format_number(c.preference) << '\n'
        << "preference_sd = " << format_number(c.preference_sd) << '\n';
  }
  return out.str();
}

}  // namespace rampart::scenarios
