#pragma once
// Reading one calibration CSV file with every problem collected (file, line, column), shared by
// the country table and the history panel. Private to the scenarios layer.

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "rampart/support/csv.hpp"
#include "rampart/support/errors.hpp"

namespace rampart::scenarios {

// Collects the problems of one CSV file; every row is checked before giving up.
class CsvChecker {
 public:
  // `text` is the file's content, nullptr when the file is missing; `file` names it in messages.
  CsvChecker(std::filesystem::path file, const std::string* text)
      : file_(std::move(file)), text_(text) {}

  void error(int line, int column, std::string message) {
    diagnostics_.push_back({file_.string(), line, column, std::move(message)});
  }
  [[nodiscard]] bool ok() const { return diagnostics_.empty(); }
  std::vector<support::Diagnostic>& diagnostics() { return diagnostics_; }

  // Reads the file into records after checking its header; empty lines are skipped.
  std::vector<support::CsvRecord> read(std::span<const std::string_view> columns) {
    std::vector<support::CsvRecord> records;
    if (text_ == nullptr) {
      error(0, 0, "calibration file not found");
      return records;
    }
    std::istringstream in(*text_);
    std::string text;
    int line_number = 0;
    bool header_seen = false;
    std::vector<support::CsvField> fields;
    while (std::getline(in, text)) {
      ++line_number;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (text.empty()) continue;
      if (const auto problem = support::split_csv_line(text, fields, support::CsvBlanks::Keep)) {
        error(line_number, problem->column, "malformed quoted field");
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
  double number(const support::CsvRecord& r, std::size_t col, std::string_view name, double lo,
                double hi, std::optional<double> empty_value = std::nullopt) {
    const support::CsvField& f = r.fields[col];
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

  bool flag(const support::CsvRecord& r, std::size_t col, std::string_view name) {
    const support::CsvField& f = r.fields[col];
    if (f.text == "1" || f.text == "true") return true;
    if (f.text == "0" || f.text == "false") return false;
    error(r.line, f.column, std::string(name) + ": '" + f.text + "' is not 0 or 1");
    return false;
  }

  std::string iso3(const support::CsvRecord& r) {
    const support::CsvField& f = r.fields[0];
    const bool valid = f.text.size() == 3 && std::all_of(f.text.begin(), f.text.end(), [](char c) {
                         return c >= 'A' && c <= 'Z';
                       });
    if (!valid) error(r.line, f.column, "iso3: '" + f.text + "' is not a three-letter code");
    return f.text;
  }

 private:
  void check_header(int line, const std::vector<support::CsvField>& fields,
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
  const std::string* text_;
  std::vector<support::Diagnostic> diagnostics_;
};

}  // namespace rampart::scenarios
