// rampart play [SCENARIO] --teams N | --countries A,B,...: the seminar game. Starts the game's
// web server and prints the teacher's address and one join code per team; every played round
// rewrites the game file (a results file with the choices, docs/seminar.md "The game"), so
// Ctrl-C or a crash loses at most the round in progress: continue with --resume FILE.

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <boost/program_options.hpp>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "output_paths.hpp"
#include "rampart/game/game.hpp"
#include "rampart/game/game_file.hpp"
#include "rampart/game/server.hpp"
#include "rampart/io/output_lock.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/version.hpp"
#include "run_session.hpp"

namespace rampart::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

// The states --teams N hands out, in this order: large and small, frontline and far.
constexpr const char* kTeamOrder[] = {"DEU", "FRA", "POL", "ITA", "GBR", "ESP",
                                      "NLD", "EST", "SWE", "FIN", "LTU", "CZE"};

// What students type, and what the QR codes on the cards encode, when the server listens on every
// interface (0.0.0.0): this machine's first IPv4 address that is up and not loopback, the one a
// room's Wi-Fi usually reaches; THIS-MACHINE (for the teacher to replace) when it has none.
std::string room_address() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "THIS-MACHINE";
  std::string found = "THIS-MACHINE";
  for (const ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET) continue;
    if ((a->ifa_flags & IFF_UP) == 0U || (a->ifa_flags & IFF_LOOPBACK) != 0U) continue;
    std::array<char, INET_ADDRSTRLEN> text{};
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    if (inet_ntop(AF_INET, &in->sin_addr, text.data(), text.size()) != nullptr) {
      found = text.data();
      break;
    }
  }
  freeifaddrs(list);
  return found;
}

po::options_description play_options() {
  po::options_description visible(
      "Usage: rampart play [SCENARIO] (--teams N | --countries A,B,...) [options]\n"
      "       rampart play --resume GAME.h5 [--debrief OUT.html] [options]\n\n"
      "The seminar game (docs/seminar.md, \"The game\"): each team plays one state in its "
      "browser,\n"
      "round by round; the model's agents play every other state. Starts a web server and prints\n"
      "the teacher's page and one join code per team. Every round rewrites the game file, a\n"
      "results file with the teams' choices; Ctrl-C stops, --resume continues.\n\n"
      "Options");
  visible.add_options()("help,h", "show this help")(
      "teams", po::value<int>(), "number of teams (1..12); states from DEU,FRA,POL,ITA,GBR,...")(
      "countries", po::value<std::string>(), "the teams' states, ISO3 codes, e.g. DEU,FRA,POL")(
      "rounds", po::value<int>()->default_value(4), "rounds (1..12)")(
      "years-per-round", po::value<int>()->default_value(2), "years a round plays (1..5)")(
      "seed,s", po::value<std::uint64_t>(), "seed (default: the scenario's, else 1)")(
      "output,o", po::value<std::string>()->default_value("game.h5"), "the game file")(
      "force", "overwrite an existing game file (or debrief)")("resume", po::value<std::string>(),
                                                               "continue the game in this file")(
      "debrief", po::value<std::string>(),
      "with --resume: write the debrief as one standalone HTML file and exit")(
      "bind", po::value<std::string>()->default_value("127.0.0.1"),
      "address to listen on (0.0.0.0: the room's network; prints a warning)")(
      "port", po::value<int>()->default_value(8080), "port (0: any free one)");
  return visible;
}

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (const char c : text + ",") {
    if (c != ',') {
      item += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!item.empty()) {
      out.push_back(item);
      item.clear();
    }
  }
  return out;
}

// Random codes a class can type: no 0/O or 1/I.
std::string random_code(std::mt19937_64& rng, int length) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string code;
  for (int i = 0; i < length; ++i) code += kAlphabet[pick(rng)];
  return code;
}

std::unique_ptr<game::Game> new_game(const po::variables_map& vm, std::string& command) {
  const std::string argument =
      vm.count("scenario") != 0U ? vm["scenario"].as<std::string>() : "baseline";
  const auto file = scenarios::resolve_scenario_argument(argument);
  const auto countries = scenarios::load_country_table(scenarios::scenario_library_dir());
  game::GameSetup setup;
  setup.scenario = scenarios::load_scenario(file, countries);
  setup.calibration = countries.data;
  if ((vm.count("teams") != 0U) == (vm.count("countries") != 0U)) {
    throw UsageError{"give either --teams N or --countries A,B,..."};
  }
  if (vm.count("countries") != 0U) {
    setup.team_countries = split_codes(vm["countries"].as<std::string>());
  } else {
    const int teams = vm["teams"].as<int>();
    if (teams < 1 || teams > static_cast<int>(game::kMaxTeams)) {
      throw UsageError{"--teams must be 1.." + std::to_string(game::kMaxTeams) + " (got " +
                       std::to_string(teams) + ")"};
    }
    for (const char* iso3 : kTeamOrder) {
      if (static_cast<int>(setup.team_countries.size()) == teams) break;
      for (const auto& c : setup.scenario.countries) {
        if (c.iso3 == iso3) setup.team_countries.emplace_back(iso3);
      }
    }
    if (static_cast<int>(setup.team_countries.size()) < teams) {
      throw UsageError{"scenario " + setup.scenario.name +
                       " has too few of the usual team states;" + " name them with --countries"};
    }
  }
  setup.seed =
      vm.count("seed") != 0U ? vm["seed"].as<std::uint64_t>() : setup.scenario.seed.value_or(1);
  setup.rounds = vm["rounds"].as<int>();
  setup.years_per_round = vm["years-per-round"].as<int>();
  std::random_device device;
  std::mt19937_64 rng((static_cast<std::uint64_t>(device()) << 32U) | device());
  for (std::size_t t = 0; t < setup.team_countries.size(); ++t) {
    std::string code;
    do {
      code = random_code(rng, 6);
    } while (std::find(setup.join_codes.begin(), setup.join_codes.end(), code) !=
             setup.join_codes.end());
    setup.join_codes.push_back(code);
  }
  setup.teacher_key = random_code(rng, 12);
  std::string teams;
  for (const auto& c : setup.team_countries) teams += (teams.empty() ? "" : ",") + c;
  command = "rampart play " + shell_quoted(argument) + " --countries " + teams + " --rounds " +
            std::to_string(setup.rounds) + " --years-per-round " +
            std::to_string(setup.years_per_round) + " --seed " + std::to_string(setup.seed);
  return std::make_unique<game::Game>(std::move(setup));
}

void refuse_with_resume(const po::variables_map& vm) {
  for (const char* name : {"scenario", "teams", "countries", "seed"}) {
    if (vm.count(name) != 0U) {
      throw UsageError{std::string("--resume continues the game its file records; drop ") +
                       (std::string(name) == "scenario" ? "SCENARIO" : "--" + std::string(name))};
    }
  }
  for (const char* name : {"rounds", "years-per-round", "output"}) {
    if (!vm[name].defaulted()) {
      throw UsageError{std::string("--resume continues the game its file records; drop --") + name};
    }
  }
}

}  // namespace

int cmd_play(const Args& args) {
  const auto visible = play_options();
  const auto parsed = parse_options(args, "", visible, {"scenario", 1});
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  const int port = vm["port"].as<int>();
  if (port < 0 || port > 65535) {
    throw UsageError{"--port must be 0..65535 (got " + std::to_string(port) + ")"};
  }
  const std::string bind = vm["bind"].as<std::string>();
  std::unique_ptr<game::Game> game;
  std::string command;
  fs::path output;
  if (vm.count("resume") != 0U) {
    refuse_with_resume(vm);
    output = vm["resume"].as<std::string>();
    game =
        game::load_game(output, scenarios::load_country_table(scenarios::scenario_library_dir()));
    command = "rampart play --resume " + shell_quoted(output.string());
    if (vm.count("debrief") != 0U) {
      const fs::path html = vm["debrief"].as<std::string>();
      check_output_path(html, {});
      if (fs::exists(html) && vm.count("force") == 0U) {
        throw UsageError{html.string() + " exists; overwrite it with --force"};
      }
      std::ofstream out(html, std::ios::binary | std::ios::trunc);
      out << game::debrief_html(*game);
      out.close();
      if (!out) throw std::runtime_error("cannot write " + html.string());
      std::cout << "wrote " << html.string() << '\n';
      return 0;
    }
  } else {
    if (vm.count("debrief") != 0U) {
      throw UsageError{"--debrief exports a played game: give it with --resume GAME.h5"};
    }
    output = vm["output"].as<std::string>();
    check_output_path(output, {".part", ".lock"});
    if (fs::exists(output) && vm.count("force") == 0U) {
      throw UsageError{output.string() + " exists; continue it with --resume " +
                       shell_quoted(output.string()) + ", or overwrite it with --force"};
    }
    game = new_game(vm, command);
  }
  const engine::OutputLock lock(output);
  const game::Provenance provenance{command, kVersion, kGitSha};
  const auto save = [&](const game::Game& g) { game::save_game(g, output, provenance); };
  game::Server server(*game, bind, static_cast<std::uint16_t>(port), save);
  // Before the codes are printed: whoever reads them may press Ctrl-C at once.
  server.stop_on_signals();
  if (vm.count("resume") == 0U) save(*game);  // round 0: resumable from the start
  if (bind != "127.0.0.1" && bind != "::1") {
    std::cerr << "rampart play: warning: listening on " << bind
              << ": anyone who can reach this machine on port " << server.port()
              << " can open the pages; the join codes and the teacher's key are the only lock\n";
  }
  const std::string host = bind == "0.0.0.0"                     ? room_address()
                           : bind.find(':') != std::string::npos ? "[" + bind + "]"
                                                                 : bind;
  const std::string base = "http://" + host + ":" + std::to_string(server.port());
  // The cards and the teacher's join panel show these same links, as QR codes.
  server.set_join_base(base);
  const auto& setup = game->setup();
  std::cout << "Rampart seminar game: " << setup.scenario.name << ", " << game->teams()
            << " teams, " << setup.rounds << " rounds of " << setup.years_per_round << " years ("
            << game->first_year_of(1) << "-" << game->horizon() << "), " << game->rounds_played()
            << " played; saved in " << output.string() << "\n"
            << "Teacher:  " << base << "/teacher?key=" << setup.teacher_key << "\n"
            << "Teams join at " << base << "/ with their code:\n";
  for (int t = 0; t < game->teams(); ++t) {
    const auto state = static_cast<std::size_t>(game->team_state(t));
    std::cout << "  team " << (t + 1) << "  " << setup.scenario.countries[state].iso3 << "  "
              << setup.scenario.countries[state].name << "  code "
              << setup.join_codes[static_cast<std::size_t>(t)] << "  " << base
              << "/team?code=" << setup.join_codes[static_cast<std::size_t>(t)] << "\n";
  }
  std::cout << "Ctrl-C stops; the game is saved after every round." << std::endl;
  server.run();
  std::cout << "stopped after " << game->rounds_played() << " of " << setup.rounds
            << " rounds; continue with: rampart play --resume " << shell_quoted(output.string())
            << std::endl;
  return 0;
}

}  // namespace rampart::cli
