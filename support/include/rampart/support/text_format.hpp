#pragma once
// Small text helpers shared by every layer: shortest round-trip number formatting, "did you mean"
// suggestions and UTF-8 checking.

#include <span>
#include <string>
#include <string_view>

namespace rampart::support {

// The shortest decimal text that reads back as the same double ("0.035", "1e-05", "150").
std::string format_number(double value);

// `value` with `digits` significant digits, as an ostream writes it ("0.1235", "1.235e+06").
std::string format_significant(double value, int digits);

// Edit distance between two keys (optimal string alignment, case-insensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a small edit distance, else "".
std::string closest_name(std::string_view key, std::span<const std::string_view> candidates);

// " did you mean 'x'?" for the closest candidate within a small edit distance, else "".
std::string did_you_mean(std::string_view key, std::span<const std::string_view> candidates);

// "a, b, c"
std::string join_names(std::span<const std::string_view> names);

// Length (1..4) of the well-formed UTF-8 sequence starting at text[at] (no overlongs, surrogates
// or code points above U+10FFFF), 0 when the bytes there are not one. Lets readers reject or
// replace bad bytes so what they echo and write (JSON) stays valid text.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

}  // namespace rampart::support
