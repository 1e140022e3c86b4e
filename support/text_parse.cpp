#include "rampart/support/text_parse.hpp"

#include <charconv>
#include <system_error>

namespace rampart::support {

namespace {

bool is_blank(char ch) {
  return ch == ' ' || ch == '\t';
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc{} || result.ptr != end) return std::nullopt;
  return value;
}

}  // namespace rampart::support
