#pragma once
// Observed cross-sections for `rampart burden DATA.csv`: a CSV with a header row and the columns
//   country          ISO3 code (or the English name used in scenarios/data/countries_2024.csv)
//   gdp              GDP, any currency unit (the same for every row of a year)
//   spending_share   core defence spending as a fraction of GDP (0.0205), or
//   spending_pct     the same in percent (2.05) - exactly one of the two
//   year             optional: several years in one file, one cross-section each
//   nato             optional 0/1: membership; without it membership comes from the built-in
//                    country table, and a country it does not know is an error
// Blank lines and lines starting with '#' are skipped; fields may be double-quoted.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/scenarios/country.hpp"

namespace rampart::analysis {

struct ObservedYear {
  int year = 0;                        // 0 when the file has no year column
  std::vector<std::string> countries;  // ISO3 codes (or the given names when `nato` is given)
  std::vector<double> gdp;
  std::vector<double> spending_share;  // fraction
  std::vector<unsigned char> nato;
  int us_index = -1;
};

// Parses `text` (named `source_name` in messages). Collects every problem (unknown column or
// country with "did you mean", missing column, non-numeric or negative value, duplicate country
// within a year, an empty file) and throws support::InputError with FILE:LINE:COL diagnostics.
// Years come out ascending.
std::vector<ObservedYear> parse_observed_csv(std::string_view text, std::string_view source_name,
                                             const scenarios::CountryTable& countries);
std::vector<ObservedYear> load_observed_csv(const std::filesystem::path& file,
                                            const scenarios::CountryTable& countries);

}  // namespace rampart::analysis
