#include "rampart/analysis/table.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "rampart/support/json.hpp"

namespace rampart::analysis {

namespace {

// Shortest text that reads back to the same double (CSV, JSON). NaN/inf are handled by callers.
std::string shortest_double(double value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

std::string integer_text(std::int64_t value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

void trim_trailing_zeros(std::string& text) {
  const auto dot = text.find('.');
  if (dot == std::string::npos) return;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
}

// Like %.{digits}g, but in plain decimal notation for every magnitude a reader meets in these
// tables (1e-4 up to 1e15): 1234567 prints as "1234567", not "1.235e+06". Outside that range the
// exponent form is the readable one.
std::string readable_double(double value, int digits) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0.0) return "0";
  const double magnitude = std::fabs(value);
  std::array<char, 512> buffer{};
  std::string text;
  if (magnitude >= 1e-4 && magnitude < 1e15) {
    const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
    const int decimals = std::max(0, digits - 1 - exponent);
    const int length = std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, value);
    text.assign(buffer.data(), static_cast<std::size_t>(std::max(0, length)));
    trim_trailing_zeros(text);
  } else {
    const int length = std::snprintf(buffer.data(), buffer.size(), "%.*g", digits, value);
    text.assign(buffer.data(), static_cast<std::size_t>(std::max(0, length)));
  }
  if (text == "-0") text = "0";
  return text;
}

bool is_number(const Cell& cell) {
  return std::holds_alternative<double>(cell) || std::holds_alternative<std::int64_t>(cell);
}

// A column is numeric (right-aligned) when every non-empty cell in it is a number.
std::vector<bool> numeric_columns(const Table& table) {
  std::vector<bool> numeric(table.columns().size(), true);
  bool any_value_seen = false;
  for (const auto& row : table.rows()) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (std::holds_alternative<std::monostate>(row[c])) continue;
      any_value_seen = true;
      if (!is_number(row[c])) numeric[c] = false;
    }
  }
  if (!any_value_seen) std::fill(numeric.begin(), numeric.end(), false);
  return numeric;
}

// Control characters would break the alignment of a text table or the row of a Markdown one.
std::string single_line(std::string_view text) {
  std::string line(text);
  for (char& ch : line) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = ' ';
  }
  return line;
}

// Display width in code points (UTF-8 continuation bytes do not count), so "Türkiye" aligns.
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char ch) {
    return (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U;
  }));
}

std::string text_cell(const Cell& cell, int digits) {
  if (const auto* text = std::get_if<std::string>(&cell)) return single_line(*text);
  if (const auto* number = std::get_if<double>(&cell)) return readable_double(*number, digits);
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) return integer_text(*integer);
  return {};
}

void write_padded(std::ostream& out, const std::string& text, std::size_t width,
                  bool right_aligned) {
  const std::string padding(width - std::min(width, display_width(text)), ' ');
  if (right_aligned) {
    out << padding << text;
  } else {
    out << text << padding;
  }
}

void write_text(std::ostream& out, const Table& table, int digits) {
  const auto& columns = table.columns();
  const auto numeric = numeric_columns(table);
  std::vector<std::string> header;
  std::vector<std::size_t> widths;
  for (const auto& column : columns) {
    header.push_back(single_line(column));
    widths.push_back(display_width(header.back()));
  }
  std::vector<std::vector<std::string>> cells;
  cells.reserve(table.rows().size());
  for (const auto& row : table.rows()) {
    auto& line = cells.emplace_back();
    for (std::size_t c = 0; c < row.size(); ++c) {
      line.push_back(text_cell(row[c], digits));
      widths[c] = std::max(widths[c], display_width(line.back()));
    }
  }
  // Lines carry no trailing blanks (empty cells at the end of a row leave none).
  const auto write_line = [&](const std::vector<std::string>& line) {
    std::ostringstream text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      if (c > 0) text << "  ";
      write_padded(text, line[c], widths[c], numeric[c]);
    }
    std::string padded = text.str();
    padded.erase(padded.find_last_not_of(' ') + 1);
    out << padded << '\n';
  };
  if (!table.title().empty()) out << single_line(table.title()) << "\n\n";
  write_line(header);
  std::vector<std::string> rule;
  rule.reserve(widths.size());
  for (const auto width : widths) rule.emplace_back(width, '-');
  write_line(rule);
  for (const auto& line : cells) write_line(line);
  if (!table.notes().empty()) {
    out << '\n';
    for (const auto& note : table.notes()) out << note << '\n';
  }
}

// RFC 4180: a field holding a comma, quote, CR or LF is quoted, with quotes doubled.
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char ch : text) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  quoted += '"';
  return quoted;
}

std::string csv_cell(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return csv_field(*text);
  if (const auto* number = std::get_if<double>(&cell)) {
    if (std::isnan(*number)) return {};
    if (std::isinf(*number)) return *number > 0 ? "inf" : "-inf";
    return shortest_double(*number);
  }
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) return integer_text(*integer);
  return {};
}

void write_csv(std::ostream& out, const Table& table) {
  const auto write_fields = [&](const auto& fields, const auto& to_text) {
    for (std::size_t c = 0; c < fields.size(); ++c) {
      if (c > 0) out << ',';
      out << to_text(fields[c]);
    }
    out << '\n';
  };
  write_fields(table.columns(), [](const std::string& name) { return csv_field(name); });
  for (const auto& row : table.rows()) write_fields(row, csv_cell);
}

std::string json_cell(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    return support::json_string(*text, support::JsonTarget::File);
  }
  if (const auto* number = std::get_if<double>(&cell)) return support::json_number(*number);
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) return integer_text(*integer);
  return "null";
}

void write_json(std::ostream& out, const Table& table) {
  using support::JsonTarget;
  out << "{\n  \"title\": " << support::json_string(table.title(), JsonTarget::File)
      << ",\n  \"columns\": " << support::json_string_list(table.columns(), JsonTarget::File);
  out << ",\n  \"rows\": [";
  const auto& rows = table.rows();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << (r > 0 ? ",\n    {" : "\n    {");
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      if (c > 0) out << ", ";
      out << support::json_string(table.columns()[c], JsonTarget::File) << ": "
          << json_cell(rows[r][c]);
    }
    out << '}';
  }
  out << (rows.empty() ? "]" : "\n  ]")
      << ",\n  \"notes\": " << support::json_string_list(table.notes(), JsonTarget::File)
      << "\n}\n";
}

// A Markdown cell: one line, with pipes (the cell separator) and backslashes escaped.
std::string markdown_field(std::string_view text) {
  std::string escaped;
  for (const char ch : single_line(text)) {
    if (ch == '|' || ch == '\\') escaped += '\\';
    escaped += ch;
  }
  return escaped;
}

void write_markdown(std::ostream& out, const Table& table, int digits) {
  const auto numeric = numeric_columns(table);
  if (!table.title().empty()) out << "**" << markdown_field(table.title()) << "**\n\n";
  out << '|';
  for (const auto& column : table.columns()) out << ' ' << markdown_field(column) << " |";
  out << "\n|";
  for (std::size_t c = 0; c < table.columns().size(); ++c)
    out << (numeric[c] ? " ---: |" : " --- |");
  out << '\n';
  for (const auto& row : table.rows()) {
    out << '|';
    for (const auto& cell : row) out << ' ' << markdown_field(text_cell(cell, digits)) << " |";
    out << '\n';
  }
  for (const auto& note : table.notes()) out << '\n' << note << '\n';
}

}  // namespace

TableFormat parse_table_format(std::string_view name) {
  if (name == "text") return TableFormat::Text;
  if (name == "csv") return TableFormat::Csv;
  if (name == "json") return TableFormat::Json;
  if (name == "markdown" || name == "md") return TableFormat::Markdown;
  throw std::invalid_argument("unknown format '" + std::string(name) +
                              "' (allowed: text, csv, json, markdown)");
}

Table::Table(std::string title, std::vector<std::string> columns)
    : title_(std::move(title)), columns_(std::move(columns)) {}

void Table::add_row(std::vector<Cell> row) {
  if (row.size() != columns_.size()) {
    throw std::invalid_argument("table '" + title_ + "': a row has " + std::to_string(row.size()) +
                                " cells for " + std::to_string(columns_.size()) + " columns");
  }
  rows_.push_back(std::move(row));
}

void Table::add_note(std::string note) {
  notes_.push_back(std::move(note));
}

void Table::write(std::ostream& out, TableFormat format) const {
  const int digits = std::clamp(digits_, 1, 17);
  switch (format) {
    case TableFormat::Text:
      write_text(out, *this, digits);
      break;
    case TableFormat::Csv:
      write_csv(out, *this);
      break;
    case TableFormat::Json:
      write_json(out, *this);
      break;
    case TableFormat::Markdown:
      write_markdown(out, *this, digits);
      break;
  }
}

}  // namespace rampart::analysis
