#pragma once
// A minimal RFC 4180 CSV reader for the calibration data: comma-separated fields, optional
// double quotes (with "" for a quote inside), one record per line. Each field keeps its column.

#include <string>
#include <string_view>
#include <vector>

namespace rampart::scenarios {

struct CsvField {
  std::string text;
  int column = 1;  // 1-based character column where the field starts
};

struct CsvRecord {
  int line = 0;  // 1-based
  std::vector<CsvField> fields;
};

// Splits one line into fields. Returns false (and the column of the problem in error_column)
// when a quoted field is not closed or a quote is followed by something other than a comma.
bool split_csv_line(std::string_view line, std::vector<CsvField>& fields, int& error_column);

}  // namespace rampart::scenarios
