#pragma once
// The one JSON text writer for tables (--format json), the HTML report and the forecast page.

#include <string>
#include <string_view>
#include <vector>

namespace rampart::support {

// Where a JSON string literal ends up. Both forms are valid JSON and read back the same.
enum class JsonTarget {
  // A .json file: control characters as \n, \t, ... (\u00XX for the rest).
  File,
  // Inside an HTML <script> element: '<', '>', '&' and every control character as \u00XX, so
  // no "</script>" or "<!--" can end or change the element.
  Html,
};

// A JSON string literal of `text`; bytes that are not valid UTF-8 become U+FFFD (\ufffd), so the
// output always parses.
std::string json_string(std::string_view text, JsonTarget target);

// A JSON array of json_string literals, ", " between items.
std::string json_string_list(const std::vector<std::string>& items, JsonTarget target);

// The shortest text that reads back to the same double; null for NaN and infinities.
std::string json_number(double value);

}  // namespace rampart::support
