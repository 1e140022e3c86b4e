#include "rampart/analysis/observed_data.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>

#include "rampart/scenarios/input_file.hpp"
#include "rampart/support/csv.hpp"
#include "rampart/support/errors.hpp"
#include "rampart/support/text_format.hpp"
#include "rampart/support/text_parse.hpp"

namespace rampart::analysis {

namespace {

using support::Diagnostic;

// A file with this many problems is not a CSV worth reading on; stop collecting so that any
// input, however large, is answered quickly.
constexpr std::size_t kMaxDiagnostics = 50;
// Values echoed in messages are cut to this many bytes (at a character boundary).
constexpr std::size_t kMaxEchoBytes = 40;
// "did you mean" compares with every known name; skip it for values no name is close to.
constexpr std::size_t kMaxSuggestLength = 64;

constexpr std::array<std::string_view, 6> kColumnNames = {"year",           "country",      "gdp",
                                                          "spending_share", "spending_pct", "nato"};
enum Column : std::size_t { kYear, kCountry, kGdp, kShare, kPct, kNato, kNumColumns };

using Field = support::CsvField;
using Record = support::CsvRecord;

class Diagnostics {
 public:
  explicit Diagnostics(std::string_view file) : file_(file) {}
  // Beyond the cap problems are dropped; raise() then says the reading stopped.
  void add(int line, int column, std::string message) {
    if (!full()) list_.push_back({file_, line, column, std::move(message)});
  }
  [[nodiscard]] bool full() const { return list_.size() >= kMaxDiagnostics; }
  [[nodiscard]] bool empty() const { return list_.empty(); }
  [[noreturn]] void raise() {
    if (full()) {
      list_.push_back(
          {file_, 0, 0, "too many errors; stopped after " + std::to_string(kMaxDiagnostics)});
    }
    throw support::InputError(std::move(list_));
  }

 private:
  std::string file_;
  std::vector<Diagnostic> list_;
};

std::string echo(std::string_view text) {
  if (text.size() <= kMaxEchoBytes) return std::string(text);
  std::size_t cut = kMaxEchoBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

// Splits one line into fields; records a diagnostic and returns nothing when a quote is not
// closed or text follows a closing quote.
std::optional<std::vector<Field>> split_line(std::string_view line, int line_number,
                                             Diagnostics& diagnostics) {
  std::vector<Field> fields;
  const auto problem = support::split_csv_line(line, fields, support::CsvBlanks::Trim);
  if (!problem) return fields;
  diagnostics.add(line_number, problem->column,
                  problem->kind == support::CsvSplitError::Kind::UnclosedQuote
                      ? "quoted field is not closed (a field cannot span lines)"
                      : "unexpected text after a closing quote");
  return std::nullopt;
}

// The records of the file: every line that is not blank or a '#' comment. Reports the first
// byte that is not UTF-8 (so every echoed value is valid text) and stops there.
std::vector<Record> read_records(std::string_view text, Diagnostics& diagnostics) {
  std::vector<Record> records;
  int line_number = 0;
  std::size_t start = 0;
  while (start < text.size() && !diagnostics.full()) {
    ++line_number;
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    for (std::size_t i = 0; i < line.size();) {
      const std::size_t length = support::utf8_sequence_length(line, i);
      if (length == 0 || line[i] == '\0') {
        diagnostics.add(line_number, static_cast<int>(i) + 1,
                        line[i] == '\0' ? "file holds a NUL byte (not a text file)"
                                        : "file is not valid UTF-8 text");
        return records;
      }
      i += length;
    }
    const std::string_view content = support::trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (auto fields = split_line(line, line_number, diagnostics)) {
      records.push_back({line_number, std::move(*fields)});
    }
  }
  return records;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc{} || result.ptr != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

struct Header {
  std::array<std::optional<std::size_t>, kNumColumns> index{};  // column -> field index
  std::size_t fields = 0;
};

std::optional<Header> parse_header(const Record& record, Diagnostics& diagnostics) {
  Header header;
  header.fields = record.fields.size();
  bool ok = true;
  for (std::size_t f = 0; f < record.fields.size(); ++f) {
    // A header of thousands of fields: once the list is full, suggestions are wasted work.
    if (diagnostics.full()) return std::nullopt;
    const Field& field = record.fields[f];
    const auto known = std::find(kColumnNames.begin(), kColumnNames.end(), field.text);
    if (known == kColumnNames.end()) {
      const std::string_view key = field.text;
      diagnostics.add(
          record.line, field.column,
          "unknown column '" + echo(field.text) + "';" +
              (key.size() <= kMaxSuggestLength ? support::did_you_mean(key, kColumnNames)
                                               : std::string()) +
              " allowed columns: " + support::join_names(kColumnNames));
      ok = false;
      continue;
    }
    const auto column = static_cast<std::size_t>(known - kColumnNames.begin());
    if (header.index[column]) {
      diagnostics.add(record.line, field.column, "duplicate column '" + field.text + "'");
      ok = false;
      continue;
    }
    header.index[column] = f;
  }
  for (const auto column : {kCountry, kGdp}) {
    if (!header.index[column]) {
      diagnostics.add(record.line, 1, "missing column '" + std::string(kColumnNames[column]) + "'");
      ok = false;
    }
  }
  if (header.index[kShare] && header.index[kPct]) {
    diagnostics.add(
        record.line, record.fields[*header.index[kPct]].column,
        "give either 'spending_share' (fraction) or 'spending_pct' (percent), not both");
    ok = false;
  } else if (!header.index[kShare] && !header.index[kPct]) {
    diagnostics.add(record.line, 1,
                    "missing column 'spending_share' (fraction of GDP) or 'spending_pct' "
                    "(percent of GDP)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return header;
}

// Country names a row may use: every ISO3 code and every English name of the built-in table.
std::vector<std::string_view> known_country_names(const scenarios::CountryTable& countries) {
  std::vector<std::string_view> names;
  for (const auto& country : countries.countries) {
    names.emplace_back(country.iso3);
    names.emplace_back(country.name);
  }
  return names;
}

const scenarios::Country* find_country(const scenarios::CountryTable& countries,
                                       std::string_view name) {
  for (const auto& country : countries.countries) {
    if (country.iso3 == name || country.name == name) return &country;
  }
  return nullptr;
}

struct Row {
  int line = 0;
  int year = 0;
  std::string country;
  double gdp = 0.0;
  double share = 0.0;
  unsigned char nato = 0;
};

class RowParser {
 public:
  RowParser(const Header& header, const scenarios::CountryTable& countries,
            Diagnostics& diagnostics)
      : header_(header),
        countries_(countries),
        names_(known_country_names(countries)),
        diagnostics_(diagnostics) {}

  std::optional<Row> parse(const Record& record) {
    if (record.fields.size() != header_.fields) {
      const int column =
          record.fields.size() > header_.fields ? record.fields[header_.fields].column : 1;
      diagnostics_.add(record.line, column,
                       "row has " + std::to_string(record.fields.size()) + " fields, the header " +
                           std::to_string(header_.fields));
      return std::nullopt;
    }
    record_ = &record;
    ok_ = true;
    Row row;
    row.line = record.line;
    if (header_.index[kYear]) {
      const Field& field = field_of(kYear);
      if (auto year = support::parse_int(field.text)) {
        row.year = *year;
      } else {
        fail(field, "year '" + echo(field.text) + "' is not a whole number");
      }
    }
    row.gdp = non_negative(kGdp, "gdp");
    const bool in_percent = header_.index[kPct].has_value();
    const double share =
        non_negative(in_percent ? kPct : kShare, in_percent ? "spending_pct" : "spending_share");
    if (in_percent && share > 100.0) {
      fail(field_of(kPct), "spending_pct " + echo(field_of(kPct).text) + " is above 100 %");
    } else if (!in_percent && share > 1.0) {
      fail(field_of(kShare), "spending_share " + echo(field_of(kShare).text) +
                                 " is above 1; is it in percent? then name the column "
                                 "'spending_pct'");
    }
    row.share = in_percent ? share / 100.0 : share;
    if (header_.index[kNato]) {
      const Field& field = field_of(kNato);
      if (field.text == "0" || field.text == "1") {
        row.nato = field.text == "1" ? 1 : 0;
      } else {
        fail(field, "nato '" + echo(field.text) + "' must be 0 or 1");
      }
    }
    country(row);
    if (!ok_) return std::nullopt;
    return row;
  }

 private:
  const Field& field_of(Column column) const { return record_->fields[*header_.index[column]]; }

  void fail(const Field& field, std::string message) {
    diagnostics_.add(record_->line, field.column, std::move(message));
    ok_ = false;
  }

  double non_negative(Column column, const char* name) {
    const Field& field = field_of(column);
    if (field.text.empty()) {
      fail(field, std::string(name) + " is empty");
      return 0.0;
    }
    const auto value = parse_number(field.text);
    if (!value) {
      fail(field, std::string(name) + " '" + echo(field.text) + "' is not a number");
      return 0.0;
    }
    if (*value < 0.0) {
      fail(field, std::string(name) + " " + echo(field.text) + " is negative");
      return 0.0;
    }
    return *value;
  }

  // Known countries are stored by ISO3 code; with a `nato` column any other name is kept as
  // given (a state outside the built-in table), without it the table must know the country.
  void country(Row& row) {
    const Field& field = field_of(kCountry);
    if (field.text.empty()) {
      fail(field, "empty country");
      return;
    }
    if (const auto* known = find_country(countries_, field.text)) {
      row.country = known->iso3;
      if (!header_.index[kNato]) row.nato = known->nato ? 1 : 0;
      return;
    }
    row.country = field.text;
    if (header_.index[kNato]) return;
    fail(field,
         "unknown country '" + echo(field.text) + "';" +
             (field.text.size() <= kMaxSuggestLength ? support::did_you_mean(field.text, names_)
                                                     : std::string()) +
             " use an ISO3 code or name of scenarios/data/countries_2024.csv, or add a "
             "'nato' column (0/1) for other states");
  }

  const Header& header_;
  const scenarios::CountryTable& countries_;
  std::vector<std::string_view> names_;
  Diagnostics& diagnostics_;
  const Record* record_ = nullptr;
  bool ok_ = true;
};

}  // namespace

std::vector<ObservedYear> parse_observed_csv(std::string_view text, std::string_view source_name,
                                             const scenarios::CountryTable& countries) {
  Diagnostics diagnostics(source_name);
  const auto records = read_records(text, diagnostics);
  if (!diagnostics.empty()) diagnostics.raise();
  if (records.empty()) {
    diagnostics.add(0, 0, "file is empty (expected a header row: country,gdp,spending_pct)");
    diagnostics.raise();
  }
  const auto header = parse_header(records.front(), diagnostics);
  if (!header) diagnostics.raise();
  if (records.size() == 1) {
    diagnostics.add(records.front().line, 1, "no data rows after the header");
    diagnostics.raise();
  }

  RowParser parser(*header, countries, diagnostics);
  std::map<int, ObservedYear> years;
  std::map<std::pair<int, std::string>, int> first_line;  // (year, country) -> line
  for (std::size_t r = 1; r < records.size() && !diagnostics.full(); ++r) {
    auto row = parser.parse(records[r]);
    if (!row) continue;
    const auto [seen, inserted] = first_line.try_emplace({row->year, row->country}, row->line);
    if (!inserted) {
      const Field& field = records[r].fields[*header->index[kCountry]];
      diagnostics.add(row->line, field.column,
                      "duplicate country '" + echo(row->country) +
                          (header->index[kYear] ? "' in year " + std::to_string(row->year) : "'") +
                          " (first on line " + std::to_string(seen->second) + ")");
      continue;
    }
    auto& year = years[row->year];
    year.year = row->year;
    if (row->country == "USA") year.us_index = static_cast<int>(year.countries.size());
    year.countries.push_back(std::move(row->country));
    year.gdp.push_back(row->gdp);
    year.spending_share.push_back(row->share);
    year.nato.push_back(row->nato);
  }
  if (!diagnostics.empty()) diagnostics.raise();

  std::vector<ObservedYear> result;
  result.reserve(years.size());
  for (auto& entry : years) result.push_back(std::move(entry.second));
  return result;
}

std::vector<ObservedYear> load_observed_csv(const std::filesystem::path& file,
                                            const scenarios::CountryTable& countries) {
  const scenarios::InputFileText read = scenarios::read_input_file(file, "CSV file");
  if (!read.text) {
    throw support::InputError(
        {{file.string(), 0, 0, read.missing ? "cannot open file" : read.problem}});
  }
  return parse_observed_csv(*read.text, file.string(), countries);
}

}  // namespace rampart::analysis
