#pragma once
// The 36 states: calibration data (countries_2024.csv) joined with the attributes the data lacks
// (country_attributes.csv). Scenario files may override the attributes per ISO3 code.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::scenarios {

struct Country {
  // From countries_2024.csv (NATO June 2024 release; SIPRI for non-NATO EU members).
  std::string iso3;
  std::string name;
  bool nato = false;
  bool eu = false;
  double gdp_2024 = 0.0;            // USD bn, current prices, used as constant 2024 USD
  double defence_share_2024 = 0.0;  // fraction of GDP as reported (NATO: real 2015 prices)
  double gdp_2014 = 0.0;            // USD bn, current prices of 2014
  // From country_attributes.csv (each value has a source or rationale there); overridable.
  bool neutral = false;            // Article 42(7) opt-out (Austria, Ireland, Malta)
  int frontline_tier = 3;          // 1 borders Russia/Belarus/Ukraine war zone, 2 near, 3 far
  double exposure = 0.0;           // 0..1 weight of Russian threat in this state's perception
  double debt_2024 = 0.0;          // general government gross debt, % of GDP
  double fiscal_space = 1.0;       // 0..1 scale on the yearly fiscal room
  double populism = 0.0;           // 0..1 populist pressure against defence effort
  double compliance = 0.5;         // 0..1 propensity to follow alliance spending norms
  double aid_share_2024 = 0.0;     // military aid to Ukraine, fraction of GDP per year
  bool escape_clause = false;      // requested the EU's national escape clause for defence (2025)
  double safe_loans_eur_bn = 0.0;  // provisional SAFE loan allocation (Commission, Sep 2025)
  // Estimated by `rampart calibrate` (scenarios/data/estimates.toml): the logit of the state's
  // security weight at the 2014 threat, and its standard error. A state without an estimate
  // (no panel data) has its weight calibrated to its start-year share instead.
  bool preference_estimated = false;
  double preference = 0.0;
  double preference_sd = 0.0;

  [[nodiscard]] bool is_us() const { return iso3 == "USA"; }

  friend bool operator==(const Country&, const Country&) = default;
};

// The overridable attribute keys of [countries.ISO3] tables, in output order.
// `nato` and `eu` let a scenario change memberships (a counterfactual such as "what if Austria
// joined NATO", or the all-allies world of the Olson-Zeckhauser validation case).
inline constexpr std::string_view kCountryAttributeKeys[] = {"nato",
                                                             "eu",
                                                             "neutral",
                                                             "frontline_tier",
                                                             "exposure",
                                                             "debt_2024",
                                                             "fiscal_space",
                                                             "populism",
                                                             "compliance",
                                                             "aid_share_2024",
                                                             "escape_clause",
                                                             "safe_loans_eur_bn",
                                                             "preference_estimated",
                                                             "preference",
                                                             "preference_sd"};

struct History;          // history.hpp
struct CalibrationData;  // calibration_data.hpp

struct CountryTable {
  std::vector<Country> countries;               // file order; exactly 36
  std::shared_ptr<const History> history;       // the 2014-2024 record, loaded with the table
  std::shared_ptr<const CalibrationData> data;  // the files' text (results files store it)
  [[nodiscard]] std::optional<std::size_t> index_of(std::string_view iso3) const;
};

// Loads and validates <data_dir>/data/countries_2024.csv and <data_dir>/data/country_attributes.csv
// (data_dir is the scenario library folder) and joins them on iso3. The 2024 defence share is
// converted from percent to a fraction; an empty share (Iceland) is 0. Throws DataError naming
// file, line and column on a missing file, bad row, duplicate or missing country.
CountryTable load_country_table(const std::filesystem::path& data_dir);

// The same from the files' text (read from a folder, or stored in a results file); messages name
// each file by data->display_path.
CountryTable load_country_table(std::shared_ptr<const CalibrationData> data);

}  // namespace rampart::scenarios
