#pragma once
// The command-line parsing every subcommand shares: named options plus positional arguments,
// and --help printing the usage and options.

#include <boost/program_options.hpp>
#include <optional>

#include "commands.hpp"

namespace rampart::cli {

struct Positionals {
  const char* name;  // the key they are stored under, e.g. "file"
  int max_count;     // -1: any number
};

// Parses `args`. On --help prints `usage` and the options to stdout and returns nullopt;
// unknown options and bad values throw boost::program_options errors (exit 2 in main), and a
// negative value of an unsigned option throws UsageError (Boost would wrap it silently).
// `hidden` (optional) holds options accepted but not shown by --help, such as old names kept
// as aliases.
std::optional<boost::program_options::variables_map> parse_options(
    const Args& args, const char* usage, const boost::program_options::options_description& visible,
    Positionals positionals, const boost::program_options::options_description* hidden = nullptr);

}  // namespace rampart::cli
