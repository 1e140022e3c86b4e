#include "rampart/scenarios/country.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <span>
#include <sstream>

#include "csv_checker.hpp"
#include "rampart/scenarios/calibration_data.hpp"
#include "rampart/scenarios/errors.hpp"
#include "rampart/scenarios/history.hpp"

namespace rampart::scenarios {

using support::CsvRecord;
using support::Diagnostic;
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

}  // namespace

std::optional<std::size_t> CountryTable::index_of(std::string_view iso3) const {
  for (std::size_t i = 0; i < countries.size(); ++i) {
    if (countries[i].iso3 == iso3) return i;
  }
  return std::nullopt;
}

CountryTable load_country_table(const std::filesystem::path& data_dir) {
  return load_country_table(
      std::make_shared<const CalibrationData>(read_calibration_data(data_dir)));
}

CountryTable load_country_table(std::shared_ptr<const CalibrationData> data) {
  constexpr std::string_view kCountriesFile = "data/countries_2024.csv";
  constexpr std::string_view kAttributesFile = "data/country_attributes.csv";
  CsvChecker countries_csv(data->display_path(kCountriesFile), data->text_of(kCountriesFile));
  CsvChecker attributes_csv(data->display_path(kAttributesFile), data->text_of(kAttributesFile));

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
    c.gdp_2014 = countries_csv.number(r, 9, "gdp_usd_bn_2014", 0.0, 1e6, 0.0);
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
  table.history = std::make_shared<const History>(load_history(*data, table));
  table.data = std::move(data);
  return table;
}

}  // namespace rampart::scenarios
