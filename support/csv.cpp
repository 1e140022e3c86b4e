#include "rampart/support/csv.hpp"

#include <algorithm>

#include "rampart/support/text_parse.hpp"

namespace rampart::support {

namespace {

bool is_blank(char ch) {
  return ch == ' ' || ch == '\t';
}

}  // namespace

std::optional<CsvSplitError> split_csv_line(std::string_view line, std::vector<CsvField>& fields,
                                            CsvBlanks blanks) {
  fields.clear();
  const bool trim_blanks = blanks == CsvBlanks::Trim;
  const auto skip_blanks = [&](std::size_t& i) {
    while (trim_blanks && i < line.size() && is_blank(line[i])) ++i;
  };
  std::size_t i = 0;
  while (true) {
    skip_blanks(i);
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
      if (!closed) return CsvSplitError{CsvSplitError::Kind::UnclosedQuote, field.column};
      skip_blanks(i);
      if (i < line.size() && line[i] != ',') {
        return CsvSplitError{CsvSplitError::Kind::TextAfterQuote, static_cast<int>(i) + 1};
      }
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      const std::string_view text = line.substr(i, end - i);
      field.text = std::string(trim_blanks ? trim(text) : text);
      i = end;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return std::nullopt;
    ++i;  // the comma
  }
}

}  // namespace rampart::support
