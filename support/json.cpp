#include "rampart/support/json.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "rampart/support/text_format.hpp"

namespace rampart::support {

namespace {

void append_unicode_escape(std::string& out, unsigned char byte) {
  std::array<char, 8> escape{};
  std::snprintf(escape.data(), escape.size(), "\\u%04x", static_cast<unsigned>(byte));
  out += escape.data();
}

// The two-character escape JSON has for some control characters, else 0.
char short_escape(unsigned char byte) {
  switch (byte) {
    case '\n':
      return 'n';
    case '\r':
      return 'r';
    case '\t':
      return 't';
    case '\b':
      return 'b';
    case '\f':
      return 'f';
    default:
      return 0;
  }
}

}  // namespace

std::string json_string(std::string_view text, JsonTarget target) {
  std::string quoted = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        quoted += "\\ufffd";
        ++i;
      } else {
        quoted.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    const bool html_special = byte == '<' || byte == '>' || byte == '&';
    // Html form writes every control character as \u00XX, as the report always did.
    const char letter = target == JsonTarget::File ? short_escape(byte) : '\0';
    if (byte == '"' || byte == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(byte);
    } else if (letter != '\0') {
      quoted += '\\';
      quoted += letter;
    } else if (byte < 0x20 || (target == JsonTarget::Html && html_special)) {
      append_unicode_escape(quoted, byte);
    } else {
      quoted += static_cast<char>(byte);
    }
    ++i;
  }
  quoted += '"';
  return quoted;
}

std::string json_string_list(const std::vector<std::string>& items, JsonTarget target) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += json_string(items[i], target);
  }
  return out + "]";
}

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

}  // namespace rampart::support
