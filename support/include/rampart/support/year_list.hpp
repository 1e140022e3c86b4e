#pragma once
// The syntax of a --years option: comma-separated items, each a year ("2030") or an inclusive
// range ("2025-2035"), blanks around items and numbers ignored. What the years must be (in a
// results file, in observed data) is the caller's check.

#include <string_view>
#include <vector>

namespace rampart::support {

struct YearItem {
  std::string_view text;  // the item as written, trimmed (for messages)
  bool valid = false;     // a year or a range with first <= last
  int first = 0;
  int last = 0;
};

// Every item of `text` in order, the invalid ones included, so that a caller reports problems in
// the order they are written. `text` must outlive the items.
std::vector<YearItem> parse_year_list(std::string_view text);

}  // namespace rampart::support
