#pragma once
// The game's page, script and styles (game/web/), embedded at build time (embed_pages.cmake).

#include <string_view>

namespace rampart::game {

std::string_view page_html();
std::string_view page_script();
std::string_view page_styles();

}  // namespace rampart::game
