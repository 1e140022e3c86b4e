#include "rampart/scenarios/country.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <span>
#include <sstream>

#include "rampart/scenarios/csv.hpp"
#include "rampart/scenarios/errors.hpp"

namespace rampart::scenarios {
namespace {

constexpr std::size_t kExpectedCountries = 36;

constexpr std::string_view kCountryColumns[] = {"iso3",
                                                "country",
                                                "nato",
                                                "eu",
                                                "gdp_usd_bn_2024",
                                                "defence_usd_mn_2024",
                                                "defence_pct_gdp_2024",
                                                "defence_pct_gdp_2023",
                                                "defence_pct_gdp_2014",
                                                "gdp_usd_bn_2014",
                                                "defence_usd_mn_2014",
                                                "real_change_2024_pct",
                                                "source"};

constexpr std::string_view kAttributeColumns[] = {
    "iso3",           "neutral",       "frontline_tier",    "exposure",
    "debt_2024",      "fiscal_space",  "populism",          "compliance",
    "aid_share_2024", "escape_clause", "safe_loans_eur_bn", "basis"};

// Collects the problems of one CSV file; every row is checked before giving up.
class CsvChecker {
 public:
  explicit CsvChecker(std::filesystem::path file) : file_(std::move(file)) {}

  void error(int line, int column, std::string message) {
    diagnostics_.push_back({file_.string(), line, column, std::move(message)});
  }
  [[nodiscard]] bool ok() const { return diagnostics_.empty(); }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

  // Reads the file into records after checking its header; empty lines are skipped.
  std::vector<CsvRecord> read(std::span<const std::string_view> columns) {
    std::vector<CsvRecord> records;
    std::error_code ec;
    if (!std::filesystem::exists(file_, ec)) {
      error(0, 0, "calibration file not found");
      return records;
    }
    std::ifstream in(file_, std::ios::binary);
    if (!in) {
      error(0, 0, "cannot read calibration file");
      return records;
    }
    std::string text;
    int line_number = 0;
    bool header_seen = false;
    std::vector<CsvField> fields;
    while (std::getline(in, text)) {
      ++line_number;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (text.empty()) continue;
      int error_column = 0;
      if (!split_csv_line(text, fields, error_column)) {
        error(line_number, error_column, "malformed quoted field");
        continue;
      }
      if (!header_seen) {
        header_seen = true;
        check_header(line_number, fields, columns);
        if (!ok()) return records;
        continue;
      }
      if (fields.size() != columns.size()) {
        error(line_number, 1,
              "expected " + std::to_string(columns.size()) + " columns, found " +
                  std::to_string(fields.size()));
        continue;
      }
      records.push_back({line_number, fields});
    }
    if (!header_seen) error(0, 0, "calibration file is empty");
    return records;
  }

  // A number in [lo, hi]; an empty field gives empty_value when allowed.
  double number(const CsvRecord& r, std::size_t col, std::string_view name, double lo, double hi,
                std::optional<double> empty_value = std::nullopt) {
    const CsvField& f = r.fields[col];
    if (f.text.empty() && empty_value) return *empty_value;
    double value = 0.0;
    const char* first = f.text.data();
    const char* last = first + f.text.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (f.text.empty() || ec != std::errc{} || end != last) {
      error(r.line, f.column, std::string(name) + ": '" + f.text + "' is not a number");
      return 0.0;
    }
    if (!(value >= lo && value <= hi)) {
      std::ostringstream msg;
      msg << name << ": " << f.text << " is outside the allowed range [" << lo << ", " << hi << "]";
      error(r.line, f.column, msg.str());
    }
    return value;
  }

  bool flag(const CsvRecord& r, std::size_t col, std::string_view name) {
    const CsvField& f = r.fields[col];
    if (f.text == "1" || f.text == "true") return true;
    if (f.text == "0" || f.text == "false") return false;
    error(r.line, f.column, std::string(name) + ": '" + f.text + "' is not 0 or 1");
    return false;
  }

  std::string iso3(const CsvRecord& r) {
    const CsvField& f = r.fields[0];
    const bool valid = f.text.size() == 3 && std::all_of(f.text.begin(), f.text.end(), [](char c) {
                         return c >= 'A' && c <= 'Z';
                       });
    if (!valid) error(r.line, f.column, "iso3: '" + f.text + "' is not a three-letter code");
    return f.text;
  }

 private:
  void check_header(int line, const std::vector<CsvField>& fields,
                    std::span<const std::string_view> columns) {
    std::string expected;
    for (const auto c : columns) {
      if (!expected.empty()) expected += ',';
      expected.append(c);
    }
    if (fields.size() != columns.size()) {
      error(line, 1,
            "header has " + std::to_string(fields.size()) + " columns; expected " + expected);
      return;
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (fields[i].text != columns[i]) {
        error(line, fields[i].column,
              "header column " + std::to_string(i + 1) + " is '" + fields[i].text +
                  "'; expected '" + std::string(columns[i]) + "'");
      }
    }
  }

  std::filesystem::path file_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

std::optional<std::size_t> CountryTable::index_of(std::string_view iso3) const {
  for (std::size_t i = 0; i < countries.size(); ++i) {
    if (countries[i].iso3 == iso3) return i;
  }
  return std::nullopt;
}

CountryTable load_country_table(const std::filesystem::path& data_dir) {
  const auto countries_file = data_dir / "data" / "countries_2024.csv";
  const auto attributes_file = data_dir / "data" / "country_attributes.csv";
  CsvChecker countries_csv(countries_file);
  CsvChecker attributes_csv(attributes_file);

  CountryTable table;
  std::map<std::string, int> first_line;  // iso3 -> line where it was first seen
  for (const CsvRecord& r : countries_csv.read(kCountryColumns)) {
    Country c;
    c.iso3 = countries_csv.iso3(r);
    c.name = r.fields[1].text;
    c.nato = countries_csv.flag(r, 2, "nato");
    c.eu = countries_csv.flag(r, 3, "eu");
    c.gdp_2024 = countries_csv.number(r, 4, "gdp_usd_bn_2024", 1e-3, 1e6);
    // Percent in the file, a fraction in the model; Iceland reports no figure: zero.
    c.defence_share_2024 =
        countries_csv.number(r, 6, "defence_pct_gdp_2024", 0.0, 100.0, 0.0) / 100.0;
    if (auto [it, inserted] = first_line.emplace(c.iso3, r.line); !inserted) {
      countries_csv.error(
          r.line, r.fields[0].column,
          "duplicate country " + c.iso3 + " (first on line " + std::to_string(it->second) + ")");
      continue;
    }
    table.countries.push_back(std::move(c));
  }
  if (countries_csv.ok() && table.countries.size() != kExpectedCountries) {
    countries_csv.error(0, 0,
                        "expected " + std::to_string(kExpectedCountries) + " countries, found " +
                            std::to_string(table.countries.size()));
  }

  std::map<std::string, int> attribute_line;
  for (const CsvRecord& r : attributes_csv.read(kAttributeColumns)) {
    const std::string iso3 = attributes_csv.iso3(r);
    if (auto [it, inserted] = attribute_line.emplace(iso3, r.line); !inserted) {
      attributes_csv.error(
          r.line, r.fields[0].column,
          "duplicate country " + iso3 + " (first on line " + std::to_string(it->second) + ")");
      continue;
    }
    const auto index = table.index_of(iso3);
    if (!index) {
      if (countries_csv.ok()) {
        attributes_csv.error(r.line, r.fields[0].column,
                             "country " + iso3 + " is not in countries_2024.csv");
      }
      continue;
    }
    Country& c = table.countries[*index];
    c.neutral = attributes_csv.flag(r, 1, "neutral");
    const double tier = attributes_csv.number(r, 2, "frontline_tier", 1, 3);
    c.frontline_tier = static_cast<int>(tier);
    if (tier != static_cast<double>(c.frontline_tier)) {
      attributes_csv.error(r.line, r.fields[2].column, "frontline_tier must be 1, 2 or 3");
    }
    c.exposure = attributes_csv.number(r, 3, "exposure", 0, 1);
    c.debt_2024 = attributes_csv.number(r, 4, "debt_2024", 0, 400);
    c.fiscal_space = attributes_csv.number(r, 5, "fiscal_space", 0, 1);
    c.populism = attributes_csv.number(r, 6, "populism", 0, 1);
    c.compliance = attributes_csv.number(r, 7, "compliance", 0, 1);
    c.aid_share_2024 = attributes_csv.number(r, 8, "aid_share_2024", 0, 0.05);
    c.escape_clause = attributes_csv.flag(r, 9, "escape_clause");
    c.safe_loans_eur_bn = attributes_csv.number(r, 10, "safe_loans_eur_bn", 0, 150);
  }
  if (countries_csv.ok() && attributes_csv.ok()) {
    for (const Country& c : table.countries) {
      if (!attribute_line.contains(c.iso3)) {
        attributes_csv.error(0, 0, "no row for country " + c.iso3 + " (" + c.name + ")");
      }
    }
  }

  std::vector<Diagnostic> all = std::move(countries_csv.diagnostics());
  for (auto& d : attributes_csv.diagnostics()) all.push_back(std::move(d));
  if (!all.empty()) throw DataError(std::move(all));
  return table;
}

}  // namespace rampart::scenarios
