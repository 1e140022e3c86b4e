#include "rampart/io/compression.hpp"

#include <array>

namespace rampart::engine {
namespace {
constexpr std::array kCompressions{Compression::Deflate, Compression::None};
}  // namespace

std::string_view compression_name(Compression compression) {
  switch (compression) {
    case Compression::Deflate:
      return "deflate";
    case Compression::None:
      return "none";
  }
  return "deflate";
}

std::optional<Compression> parse_compression(std::string_view name) {
  for (const Compression c : kCompressions) {
    if (compression_name(c) == name) return c;
  }
  return std::nullopt;
}

std::string compression_names() {
  std::string names;
  for (const Compression c : kCompressions) {
    if (!names.empty()) names += ", ";
    names += compression_name(c);
  }
  return names;
}

}  // namespace rampart::engine
