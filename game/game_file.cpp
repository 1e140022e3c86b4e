#include "rampart/game/game_file.hpp"

#include <hdf5.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include "rampart/io/block_buffer.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/partial_path.hpp"
#include "rampart/io/results_header.hpp"
#include "rampart/io/results_reader.hpp"
#include "rampart/io/results_writer.hpp"

namespace rampart::game {
namespace {

namespace h5 = engine::h5;
constexpr const char* kGameFormat = "rampart-game";
constexpr std::int64_t kGameFormatVersion = 1;
constexpr std::array<const char*, 3> kChoiceSets = {"core_share", "aid_share", "commitment"};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const auto comma = text.find(',', begin);
    const auto end = comma == std::string::npos ? text.size() : comma;
    out.push_back(text.substr(begin, end - begin));
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  return out;
}

engine::ResultsHeader header_of(const Game& game, const Provenance& provenance) {
  engine::ResultsHeader h;
  const auto& scenario = game.setup().scenario;
  h.scenario_names = {kPlayedName, kAgentsName};
  const std::string toml = scenarios::to_toml(scenario);
  h.scenario_tomls = {toml, toml};
  for (const auto& c : scenario.countries) {
    h.country_iso3.push_back(c.iso3);
    h.country_names.push_back(c.name);
  }
  h.seed = game.setup().seed;
  h.runs = 1;
  h.first_year = game.start_year();
  h.horizon = game.horizon();
  h.block_runs = 1;
  h.command = provenance.command;
  h.rampart_version = provenance.version;
  h.git_sha = provenance.git_sha;
  h.created = engine::creation_timestamp();
  if (game.setup().calibration) h.calibration_files = game.setup().calibration->files;
  return h;
}

double choice_value(const Choice& c, std::size_t set) {
  return set == 0 ? c.core_share : set == 1 ? c.aid_share : c.commitment;
}
double& choice_value(Choice& c, std::size_t set) {
  return set == 0 ? c.core_share : set == 1 ? c.aid_share : c.commitment;
}

void write_game_group(hid_t file, const Game& game) {
  const auto& s = game.setup();
  const h5::Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), "group properties");
  h5::check_status(H5Pset_obj_track_times(gcpl.id(), false), "disable group time stamps");
  const h5::Handle group(H5Gcreate2(file, "game", H5P_DEFAULT, gcpl.id(), H5P_DEFAULT),
                         "create /game");
  h5::write_attribute(group.id(), "format", std::string_view(kGameFormat));
  h5::write_attribute(group.id(), "format_version", kGameFormatVersion);
  h5::write_attribute(group.id(), "scenario", std::string_view(s.scenario.name));
  h5::write_attribute(group.id(), "seed", static_cast<std::uint64_t>(s.seed));
  h5::write_attribute(group.id(), "run", std::int64_t{0});
  h5::write_attribute(group.id(), "rounds", std::int64_t{s.rounds});
  h5::write_attribute(group.id(), "years_per_round", std::int64_t{s.years_per_round});
  h5::write_attribute(group.id(), "rounds_played", std::int64_t{game.rounds_played()});
  h5::write_attribute(group.id(), "played_through",
                      std::int64_t{game.year_after(game.rounds_played())});
  h5::write_attribute(group.id(), "team_countries", std::string_view(joined(s.team_countries)));
  h5::write_attribute(group.id(), "join_codes", std::string_view(joined(s.join_codes)));
  h5::write_attribute(group.id(), "teacher_key", std::string_view(s.teacher_key));
  // [round][team] of every round of the game; NaN where not played or not chosen.
  const std::array<hsize_t, 2> dims{static_cast<hsize_t>(s.rounds),
                                    static_cast<hsize_t>(game.teams())};
  const h5::Handle space(H5Screate_simple(2, dims.data(), nullptr), "choices dataspace");
  const h5::Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), "dataset properties");
  h5::check_status(H5Pset_obj_track_times(dcpl.id(), false), "disable dataset time stamps");
  for (std::size_t set = 0; set < kChoiceSets.size(); ++set) {
    std::vector<double> values(dims[0] * dims[1], std::nan(""));
    for (std::size_t r = 0; r < game.choices().size(); ++r) {
      for (std::size_t t = 0; t < game.choices()[r].size(); ++t) {
        values[r * dims[1] + t] = choice_value(game.choices()[r][t], set);
      }
    }
    const h5::Handle dataset(H5Dcreate2(group.id(), kChoiceSets[set], H5T_IEEE_F64LE, space.id(),
                                        H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                             std::string("create /game/") + kChoiceSets[set]);
    h5::check_status(
        H5Dwrite(dataset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        std::string("write /game/") + kChoiceSets[set]);
  }
  // The teacher's events per round: the probed state's index (-1 none), a ceasefire (0/1), the
  // US policy ordered from the round on (-1 unchanged, else a scenarios::UsPolicy value).
  const std::array<hsize_t, 1> rounds{static_cast<hsize_t>(s.rounds)};
  const h5::Handle round_space(H5Screate_simple(1, rounds.data(), nullptr), "events dataspace");
  std::vector<std::int32_t> probe(rounds[0], -1);
  std::vector<std::int32_t> ceasefire(rounds[0], 0);
  std::vector<std::int32_t> us_policy(rounds[0], -1);
  for (std::size_t r = 0; r < game.events().size(); ++r) {
    probe[r] = game.events()[r].probe_target;
    ceasefire[r] = game.events()[r].ceasefire ? 1 : 0;
    us_policy[r] = game.events()[r].us_policy;
  }
  for (const auto& [name, values] :
       {std::pair<const char*, const std::vector<std::int32_t>*>{"probe_target", &probe},
        {"ceasefire", &ceasefire},
        {"us_policy", &us_policy}}) {
    const h5::Handle dataset(H5Dcreate2(group.id(), name, H5T_STD_I32LE, round_space.id(),
                                        H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                             std::string("create /game/") + name);
    h5::check_status(
        H5Dwrite(dataset.id(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values->data()),
        std::string("write /game/") + name);
  }
}

[[noreturn]] void not_a_game(const std::filesystem::path& path, const std::string& why) {
  throw GameError(GameError::Kind::BadRequest, path.string() + " is not a game file: " + why);
}

}  // namespace

void save_game(const Game& game, const std::filesystem::path& path, const Provenance& provenance) {
  h5::silence_error_printing();
  const auto part = engine::partial_path(path);
  std::error_code ignored;
  std::filesystem::remove(part, ignored);
  const auto header = header_of(game, provenance);
  {
    auto writer = engine::ResultsWriter::create(part, header);
    engine::BlockBuffer block(game.model().shape(), 1);
    for (std::size_t s = 0; s < 2; ++s) {
      block.assign(s, 0, 1);
      block.parameters(0) = game.parameters();
      game.simulate(s == 0, block.view(0));
      writer.write_block(block);
    }
    writer.finish();
  }
  {
    const h5::Handle file(H5Fopen(part.c_str(), H5F_ACC_RDWR, H5P_DEFAULT),
                          "open " + part.string());
    write_game_group(file.id(), game);
    h5::check_status(H5Fflush(file.id(), H5F_SCOPE_GLOBAL), "flush " + part.string());
  }
  std::filesystem::rename(part, path);
}

std::unique_ptr<Game> load_game(const std::filesystem::path& path,
                                const scenarios::CountryTable& countries) {
  h5::silence_error_printing();
  if (!std::filesystem::is_regular_file(path)) not_a_game(path, "no such file");
  // The countries as the file's calibration data make them (the library's for a file without).
  std::optional<scenarios::CountryTable> stored;
  {
    const engine::ResultsReader reader(path);
    stored = reader.stored_country_table();
  }
  const scenarios::CountryTable& table = stored ? *stored : countries;
  const h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                        "open " + path.string());
  engine::check_format(file.id(), path.string());
  const auto header = engine::read_results_header(file.id());
  if (H5Lexists(file.id(), "game", H5P_DEFAULT) <= 0) not_a_game(path, "it has no /game group");
  const h5::Handle group(H5Gopen2(file.id(), "game", H5P_DEFAULT), "open /game");
  if (h5::read_string_attribute(group.id(), "format") != kGameFormat ||
      h5::read_int_attribute(group.id(), "format_version") != kGameFormatVersion) {
    not_a_game(path, "unknown /game format");
  }
  if (header.scenario_tomls.empty()) not_a_game(path, "it stores no scenario");
  GameSetup setup;
  setup.scenario =
      scenarios::parse_stored_scenario(header.scenario_tomls.front(), path.string(), table);
  setup.calibration = table.data;
  setup.seed = h5::read_uint_attribute(group.id(), "seed");
  const auto bounded = [&](const char* name, std::int64_t hi) {
    const auto v = h5::read_int_attribute(group.id(), name);
    if (v < 0 || v > hi) not_a_game(path, std::string(name) + " out of range");
    return static_cast<int>(v);
  };
  setup.rounds = bounded("rounds", kMaxRounds);
  setup.years_per_round = bounded("years_per_round", kMaxYearsPerRound);
  const int played = bounded("rounds_played", setup.rounds);
  setup.team_countries = split(h5::read_string_attribute(group.id(), "team_countries"));
  setup.join_codes = split(h5::read_string_attribute(group.id(), "join_codes"));
  setup.teacher_key = h5::read_string_attribute(group.id(), "teacher_key");
  auto game = std::make_unique<Game>(std::move(setup));
  const auto teams = static_cast<std::size_t>(game->teams());
  std::vector<std::vector<Choice>> choices(static_cast<std::size_t>(played),
                                           std::vector<Choice>(teams));
  for (std::size_t set = 0; set < kChoiceSets.size(); ++set) {
    const h5::Handle dataset(H5Dopen2(group.id(), kChoiceSets[set], H5P_DEFAULT),
                             std::string("open /game/") + kChoiceSets[set]);
    const auto dims = h5::extent(dataset.id());
    if (dims.size() != 2 || dims[0] != static_cast<hsize_t>(game->setup().rounds) ||
        dims[1] != teams) {
      not_a_game(path, std::string("/game/") + kChoiceSets[set] + " has the wrong shape");
    }
    std::vector<double> values(dims[0] * dims[1]);
    h5::check_status(
        H5Dread(dataset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        std::string("read /game/") + kChoiceSets[set]);
    for (std::size_t r = 0; r < choices.size(); ++r) {
      for (std::size_t t = 0; t < teams; ++t)
        choice_value(choices[r][t], set) = values[r * teams + t];
    }
  }
  std::vector<RoundEvents> events(static_cast<std::size_t>(played));
  for (const char* name : {"probe_target", "ceasefire", "us_policy"}) {
    // A game saved before the US policy event has no /game/us_policy: the US was never ordered.
    if (std::string(name) == "us_policy" && H5Lexists(group.id(), name, H5P_DEFAULT) <= 0) continue;
    const h5::Handle dataset(H5Dopen2(group.id(), name, H5P_DEFAULT),
                             std::string("open /game/") + name);
    const auto dims = h5::extent(dataset.id());
    if (dims.size() != 1 || dims[0] != static_cast<hsize_t>(game->setup().rounds)) {
      not_a_game(path, std::string("/game/") + name + " has the wrong shape");
    }
    std::vector<std::int32_t> values(dims[0]);
    h5::check_status(
        H5Dread(dataset.id(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        std::string("read /game/") + name);
    for (std::size_t r = 0; r < events.size(); ++r) {
      if (std::string(name) == "probe_target") {
        events[r].probe_target = values[r];
      } else if (std::string(name) == "us_policy") {
        events[r].us_policy = values[r];
      } else {
        events[r].ceasefire = values[r] != 0;
      }
    }
  }
  game->replay(choices, events);
  return game;
}

}  // namespace rampart::game
