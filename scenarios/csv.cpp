#include "rampart/scenarios/csv.hpp"

namespace rampart::scenarios {

bool split_csv_line(std::string_view line, std::vector<CsvField>& fields, int& error_column) {
  fields.clear();
  std::size_t i = 0;
  while (true) {
    CsvField field;
    field.column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.text += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field.text += line[i++];
      }
      if (!closed) {
        error_column = field.column;
        return false;
      }
      if (i < line.size() && line[i] != ',') {
        error_column = static_cast<int>(i) + 1;
        return false;
      }
    } else {
      while (i < line.size() && line[i] != ',') field.text += line[i++];
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

}  // namespace rampart::scenarios
