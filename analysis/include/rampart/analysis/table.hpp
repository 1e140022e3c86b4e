#pragma once
// The one output shape of every analysis command: a tidy table (one observation per row) with a
// title and notes, printed as aligned text (default), CSV, JSON or Markdown. CSV holds only the
// rows (so pandas.read_csv / R read.csv take it as is); JSON holds
//   {"title": ..., "columns": [...], "rows": [{column: value, ...}, ...], "notes": [...]}
// with NaN written as null; text and Markdown print the notes under the table.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rampart::analysis {

enum class TableFormat { Text, Csv, Json, Markdown };

// "text", "csv", "json", "markdown" (also "md"). Throws std::invalid_argument naming the allowed
// values otherwise.
TableFormat parse_table_format(std::string_view name);

// Empty (monostate) prints as "" in text/CSV/Markdown and null in JSON.
using Cell = std::variant<std::monostate, std::string, double, std::int64_t>;

class Table {
 public:
  Table(std::string title, std::vector<std::string> columns);

  // Throws std::invalid_argument when the row's length differs from the columns'.
  void add_row(std::vector<Cell> row);
  void add_note(std::string note);
  // Significant digits of doubles in text and Markdown (default 4); CSV and JSON always write
  // the shortest text that reads back to the same double (std::to_chars).
  void set_significant_digits(int digits) { digits_ = digits; }

  [[nodiscard]] const std::string& title() const { return title_; }
  [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
  [[nodiscard]] const std::vector<std::vector<Cell>>& rows() const { return rows_; }
  [[nodiscard]] const std::vector<std::string>& notes() const { return notes_; }

  // Text: the title, a header, the rows with numbers right-aligned and text left-aligned in
  // columns as wide as their widest cell, then the notes.
  void write(std::ostream& out, TableFormat format) const;

 private:
  std::string title_;
  std::vector<std::string> columns_;
  std::vector<std::vector<Cell>> rows_;
  std::vector<std::string> notes_;
  int digits_ = 4;
};

}  // namespace rampart::analysis
