#pragma once
// The charting libraries every report inlines, copied into the binary at build time from
// analysis/report/web/node_modules (versions pinned in web/package-lock.json).

#include <span>
#include <string>

namespace rampart::analysis::report {

enum class WebAsset { Vega, VegaLite, VegaEmbed };

// The minified JavaScript of `asset`, without its source-map comment.
std::string web_asset(WebAsset asset);

}  // namespace rampart::analysis::report
