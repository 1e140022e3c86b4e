#pragma once
// How the chunks of a results file's chunked datasets are stored (`--compression`). Both choices
// are read by any HDF5 with nothing extra installed; docs/performance.md gives the measurements
// that chose the default and docs/output.md what a reader sees.

#include <optional>
#include <string>
#include <string_view>

namespace rampart::engine {

enum class Compression {
  Deflate,  // HDF5's shuffle then deflate filters (the default)
  None,     // the values as they are: no filters
};

inline constexpr Compression kDefaultCompression = Compression::Deflate;

// "deflate" or "none": the `--compression` value and the file's `compression` attribute.
[[nodiscard]] std::string_view compression_name(Compression compression);

// The compression a name gives; nullopt for any other name.
[[nodiscard]] std::optional<Compression> parse_compression(std::string_view name);

// The allowed names, for messages: "deflate, none".
[[nodiscard]] std::string compression_names();

}  // namespace rampart::engine
