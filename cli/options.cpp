#include "options.hpp"

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

namespace rampart::cli {

namespace po = boost::program_options;

namespace {

// Boost.Program_options reads unsigned values with lexical_cast, which accepts "-1" and wraps
// it to 18446744073709551615: a negative --seed, --run or --max-memory would silently run.
bool takes_unsigned(const po::value_semantic* semantic) {
  return dynamic_cast<const po::typed_value<std::uint64_t>*>(semantic) != nullptr ||
         dynamic_cast<const po::typed_value<unsigned long>*>(semantic) != nullptr ||
         dynamic_cast<const po::typed_value<unsigned long long>*>(semantic) != nullptr ||
         dynamic_cast<const po::typed_value<unsigned>*>(semantic) != nullptr;
}

void refuse_negative_unsigned(const po::parsed_options& parsed,
                              const po::options_description& options) {
  for (const auto& option : parsed.options) {
    if (option.position_key != -1 || option.string_key.empty()) continue;  // positional
    const po::option_description* description = options.find_nothrow(option.string_key, false);
    if (description == nullptr || !takes_unsigned(description->semantic().get())) continue;
    for (const auto& token : option.value) {
      const auto first = token.find_first_not_of(" \t");
      if (first != std::string::npos && token[first] == '-') {
        throw UsageError{"--" + option.string_key + " must not be negative (got " + token + ")"};
      }
    }
  }
}

}  // namespace

std::optional<po::variables_map> parse_options(const Args& args, const char* usage,
                                               const po::options_description& visible,
                                               Positionals positionals,
                                               const po::options_description* hidden_options) {
  po::options_description hidden;
  hidden.add_options()(positionals.name, po::value<std::vector<std::string>>(), "");
  po::options_description all;
  all.add(visible).add(hidden);
  if (hidden_options != nullptr) all.add(*hidden_options);
  po::positional_options_description positional;
  positional.add(positionals.name, positionals.max_count);

  po::variables_map vm;
  const po::parsed_options parsed =
      po::command_line_parser(args).options(all).positional(positional).run();
  refuse_negative_unsigned(parsed, all);
  po::store(parsed, vm);
  po::notify(vm);
  if (vm.count("help") != 0U) {
    std::cout << usage << visible << '\n';
    return std::nullopt;
  }
  return vm;
}

}  // namespace rampart::cli
