#pragma once
// The few JSON and HTML text helpers the report needs.

#include <string>
#include <string_view>
#include <vector>

namespace rampart::analysis::report {

// A JSON string literal; '<', '>' and '&' are written as \u escapes so the text can sit inside
// an HTML <script> element without ending it.
std::string json_string(std::string_view text);

// A JSON array of json_string literals.
std::string json_string_list(const std::vector<std::string>& items);

// The shortest text that reads back to the same double; null for NaN and infinities.
std::string json_number(double value);

// Text for HTML content and attribute values.
std::string html_escaped(std::string_view text);

}  // namespace rampart::analysis::report
