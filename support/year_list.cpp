#include "rampart/support/year_list.hpp"

#include "rampart/support/text_parse.hpp"

namespace rampart::support {

std::vector<YearItem> parse_year_list(std::string_view text) {
  std::vector<YearItem> items;
  while (true) {
    const auto comma = text.find(',');
    YearItem item;
    item.text = trim(text.substr(0, comma));
    // From the second character on, so that "-5" is not read as a range.
    const auto dash = item.text.find('-', 1);
    const auto first = parse_int(trim(item.text.substr(0, dash)));
    const auto last =
        dash == std::string_view::npos ? first : parse_int(trim(item.text.substr(dash + 1)));
    item.valid = first && last && *first <= *last;
    if (item.valid) {
      item.first = *first;
      item.last = *last;
    }
    items.push_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

}  // namespace rampart::support
