#pragma once
// The few parsing steps that option values and CSV fields share.

#include <optional>
#include <string_view>

namespace rampart::support {

// `text` without the spaces and tabs at either end.
std::string_view trim(std::string_view text);

// The whole of `text` as a decimal int (an optional '-', no '+', no blanks), else nothing.
std::optional<int> parse_int(std::string_view text);

}  // namespace rampart::support
