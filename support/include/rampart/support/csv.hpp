#pragma once
// The one CSV line splitter (RFC 4180 within a line): comma-separated fields, optional double
// quotes with "" for a quote inside. The calibration tables read it strictly; observed data
// files, written by hand, may have blanks around fields.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::support {

struct CsvField {
  std::string text;
  int column = 1;  // 1-based byte column where the field starts (after leading blanks)
};

struct CsvRecord {
  int line = 0;  // 1-based
  std::vector<CsvField> fields;
};

enum class CsvBlanks {
  Keep,  // blanks are part of the field
  Trim,  // spaces and tabs around a field (and around its quotes) are dropped
};

struct CsvSplitError {
  enum class Kind {
    UnclosedQuote,   // column: the opening quote
    TextAfterQuote,  // column: the first character after the closing quote
  };
  Kind kind;
  int column;  // 1-based
};

// Splits one line into `fields` (cleared first). Returns the problem when a quoted field is not
// closed or a closing quote is followed by something other than a comma.
std::optional<CsvSplitError> split_csv_line(std::string_view line, std::vector<CsvField>& fields,
                                            CsvBlanks blanks);

}  // namespace rampart::support
