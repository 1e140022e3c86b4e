#include "options.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace rampart::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parse_options(const Args& args, const char* usage,
                                               const po::options_description& visible,
                                               Positionals positionals) {
  po::options_description hidden;
  hidden.add_options()(positionals.name, po::value<std::vector<std::string>>(), "");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add(positionals.name, positionals.max_count);

  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help") != 0U) {
    std::cout << usage << visible << '\n';
    return std::nullopt;
  }
  return vm;
}

}  // namespace rampart::cli
