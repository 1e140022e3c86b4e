#pragma once
// The JSON and HTML text helpers of the report. Its JSON sits inside HTML <script> elements, so
// strings are written in support::JsonTarget::Html form.

#include <string>
#include <string_view>
#include <vector>

#include "rampart/support/json.hpp"

namespace rampart::analysis::report {

inline std::string json_string(std::string_view text) {
  return support::json_string(text, support::JsonTarget::Html);
}

inline std::string json_string_list(const std::vector<std::string>& items) {
  return support::json_string_list(items, support::JsonTarget::Html);
}

using support::json_number;

// Text for HTML content and attribute values.
std::string html_escaped(std::string_view text);

}  // namespace rampart::analysis::report
