#include "rampart/scenarios/history.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "csv_checker.hpp"
#include "rampart/scenarios/calibration_data.hpp"
#include "rampart/scenarios/errors.hpp"

namespace rampart::scenarios {

using support::CsvRecord;
using support::Diagnostic;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string_view> panel_columns() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> v{"iso3", "country"};
    for (int y = kHistoryFirstYear; y <= kHistoryLastYear; ++y) {
      v.push_back("share_gdp_pct_" + std::to_string(y));
    }
    return v;
  }();
  return {kNames.begin(), kNames.end()};
}

constexpr std::string_view kAccessionColumns[] = {
    "iso3", "country", "accession_date", "year", "nato_member_number", "citation"};
constexpr std::string_view kSipriColumns[] = {
    "iso3", "country", "year", "milex_cur_usd_mn", "share_gdp_pct", "source"};
constexpr std::string_view kRussiaColumns[] = {"iso3", "country", "year", "milex_const2023_usd_mn",
                                               "source"};
constexpr std::string_view kCalendarColumns[] = {"year", "event", "key", "value", "citation"};

int year_of(CsvChecker& csv, const CsvRecord& r, std::size_t col) {
  return static_cast<int>(
      csv.number(r, col, "year", kHistoryFirstYear, 2100));  // whole years; checked below
}

}  // namespace

double History::gdp(std::size_t state, int year, double gdp_2024) const {
  const double start = gdp_2014[state];
  if (!(start > 0.0) || !(gdp_2024 > 0.0)) return gdp_2024;
  const double t = static_cast<double>(year - kHistoryFirstYear) /
                   static_cast<double>(kHistoryLastYear - kHistoryFirstYear);
  return start * std::pow(gdp_2024 / start, t);
}

History load_history(const CalibrationData& data, const CountryTable& table) {
  History h;
  if (!data.has_history()) return h;
  const auto checker = [&data](std::string_view name) {
    const std::string path = "data/history/" + std::string(name);
    return CsvChecker(data.display_path(path), data.text_of(path));
  };
  const std::size_t n = table.countries.size();
  h.share.assign(n, HistorySeries{});
  for (auto& s : h.share) s.fill(kNaN);
  h.share_from_panel.assign(n, false);
  h.accession_year.assign(n, 0);
  h.gdp_2014.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) h.gdp_2014[i] = table.countries[i].gdp_2014;
  std::vector<Diagnostic> all;
  const auto keep = [&all](CsvChecker& csv) {
    for (auto& d : csv.diagnostics()) all.push_back(std::move(d));
  };

  // The NATO panel, percent of real GDP.
  CsvChecker panel = checker("nato_panel_2014_2024.csv");
  const auto columns = panel_columns();
  for (const CsvRecord& r : panel.read(columns)) {
    const std::string& code = r.fields[0].text;
    const auto index = table.index_of(code);
    if (!index) continue;  // the aggregates NATO_EUR_CAN and NATO_TOTAL
    for (int k = 0; k < kHistoryYears; ++k) {
      h.share[*index][k] = panel.number(r, 2 + k, columns[2 + k], 0.0, 100.0, kNaN) / 100.0;
    }
    h.share_from_panel[*index] = true;
  }
  keep(panel);

  CsvChecker accessions = checker("accessions.csv");
  for (const CsvRecord& r : accessions.read(kAccessionColumns)) {
    const auto index = table.index_of(r.fields[0].text);
    if (!index) {
      accessions.error(r.line, r.fields[0].column, "unknown country '" + r.fields[0].text + "'");
      continue;
    }
    h.accession_year[*index] = year_of(accessions, r, 3);
  }
  keep(accessions);

  // SIPRI shares for the EU members outside NATO, 2014 and 2021-2024, and Russia's spending.
  CsvChecker sipri = checker("sipri_milex.csv");
  for (const CsvRecord& r : sipri.read(kSipriColumns)) {
    const auto index = table.index_of(r.fields[0].text);
    if (!index || h.share_from_panel[*index]) continue;
    const int year = year_of(sipri, r, 2);
    if (History::covers(year)) {
      h.share[*index][History::index(year)] =
          sipri.number(r, 4, "share_gdp_pct", 0.0, 100.0) / 100.0;
    }
  }
  keep(sipri);
  // The gap 2015-2020 in the SIPRI rows: linear between the years on either side (marked).
  for (std::size_t i = 0; i < n; ++i) {
    if (h.share_from_panel[i]) continue;
    auto& s = h.share[i];
    int last = -1;
    for (int k = 0; k < kHistoryYears; ++k) {
      if (std::isnan(s[k])) continue;
      for (int g = last + 1; last >= 0 && g < k; ++g) {
        s[g] = s[last] + (s[k] - s[last]) * static_cast<double>(g - last) / (k - last);
      }
      last = k;
    }
  }

  CsvChecker russia = checker("russia_milex_const2023.csv");
  int russia_years = 0;
  for (const CsvRecord& r : russia.read(kRussiaColumns)) {
    const int year = year_of(russia, r, 2);
    if (!History::covers(year)) continue;
    h.russia_milex[History::index(year)] =
        russia.number(r, 3, "milex_const2023_usd_mn", 1.0, 1e7) / 1000.0;
    ++russia_years;
  }
  if (russia.ok() && russia_years != kHistoryYears) {
    russia.error(0, 0, "expected Russia's spending for every year 2014-2024");
  }
  keep(russia);

  // The US stance and the war, year by year.
  CsvChecker calendar = checker("policy_calendar.csv");
  std::array<bool, kHistoryYears> stance_seen{};
  int invasion = 0;
  for (const CsvRecord& r : calendar.read(kCalendarColumns)) {
    const int year = year_of(calendar, r, 0);
    const std::string& key = r.fields[2].text;
    const std::string& value = r.fields[3].text;
    if (key == "us_stance" && History::covers(year)) {
      if (value != "committed" && value != "transactional") {
        calendar.error(r.line, r.fields[3].column,
                       "us_stance: '" + value + "' is not committed or transactional");
      }
      h.us_transactional[History::index(year)] = value == "transactional";
      stance_seen[History::index(year)] = true;
    } else if (key == "russia_aggression" && value == "full_scale_invasion") {
      invasion = year;
    } else if (key == "nato_guideline_pct_gdp") {
      h.guideline = calendar.number(r, 3, "nato_guideline_pct_gdp", 0.0, 100.0) / 100.0;
    }
  }
  if (calendar.ok()) {
    for (int k = 0; k < kHistoryYears; ++k) {
      if (!stance_seen[k]) {
        calendar.error(0, 0, "no us_stance row for " + std::to_string(kHistoryFirstYear + k));
      }
    }
    if (invasion == 0) calendar.error(0, 0, "no russia_aggression row 'full_scale_invasion'");
  }
  for (int k = 0; k < kHistoryYears; ++k) {
    h.war_active[k] = invasion > 0 && kHistoryFirstYear + k >= invasion;
  }
  keep(calendar);

  if (!all.empty()) throw DataError(std::move(all));
  h.loaded = true;
  return h;
}

}  // namespace rampart::scenarios
