// `rampart trace SCENARIO --country ISO3`: one run, year by year, for one state and the world.

#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/world.hpp"
#include "rampart/support/text_format.hpp"

namespace rampart::cli {

namespace {

namespace po = boost::program_options;

constexpr const char* kUsage =
    "Usage: rampart trace SCENARIO --country ISO3 [--seed S] [--run I] [--horizon Y]\n"
    "                     [--format text|csv]\n"
    "Runs one replicate of SCENARIO (a file or a library name) and prints, year by year, the\n"
    "state's spending, capability, aid, commitment, security weight, perceived threat and\n"
    "deterrence ratio, with Russia's capability, the threat index, the war state, US presence\n"
    "and any crisis.\n";

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::size_t country_index(const scenarios::Scenario& s, const std::string& argument) {
  const std::string key = upper(argument);
  std::vector<std::string_view> codes;
  for (std::size_t i = 0; i < s.countries.size(); ++i) {
    const auto& c = s.countries[i];
    if (c.iso3 == key || upper(c.name) == key) return i;
    codes.push_back(c.iso3);
  }
  std::string message = "unknown country '" + argument + "';";
  const std::string suggestion = support::did_you_mean(key, codes);
  if (!suggestion.empty()) {
    message += suggestion;
  } else {
    message += " countries are " + support::join_names(codes);
  }
  throw UsageError{message};
}

const char* war_name(int code) {
  switch (code) {
    case 0:
      return "active";
    case 1:
      return "ceasefire";
    case 2:
      return "frozen";
    default:
      return "?";
  }
}

const char* outcome_name(int code) {
  switch (code) {
    case 1:
      return "deterred";
    case 2:
      return "contained";
    case 3:
      return "failed";
    default:
      return "";
  }
}

struct Row {
  int year;
  double share_pct, spending, capability, aid_pct, commitment, weight, perceived, deterrence;
  double russia, threat, presence;
  int war;
  std::string crisis;
};

void print_table(const std::vector<Row>& rows, const std::string& iso3) {
  std::printf("%-4s  %8s %9s %10s %7s %6s %6s %7s %8s | %9s %6s %-9s %8s %s\n", "year",
              (iso3 + " s%").c_str(), "USD bn", "capab.", "aid %", "k", "w", "threat", "DR",
              "Russia K", "T", "war", "US pres.", "crisis");
  for (const auto& r : rows) {
    std::printf(
        "%-4d  %8.3f %9.2f %10.1f %7.3f %6.3f %6.3f %7.3f %8.3f | %9.1f %6.3f %-9s %8.3f %s\n",
        r.year, r.share_pct, r.spending, r.capability, r.aid_pct, r.commitment, r.weight,
        r.perceived, r.deterrence, r.russia, r.threat, war_name(r.war), r.presence,
        r.crisis.c_str());
  }
  // The short column names, spelled out (docs/model.md, section 4, has the equations).
  std::printf(
      "\n%s s%%: defence spending, %% of GDP; USD bn: defence spending; capab.: military "
      "capability; aid %%: aid to\nUkraine, %% of GDP; k: commitment to answer an ally's call "
      "(0-1); w: security weight (how much the\nstate values security over consumption, 0-1); "
      "threat: perceived extra threat; DR: deterrence ratio\n(own and allied capability that "
      "arrives in time over Russia's, above 1 deters); Russia K: Russia's\ncapability; T: threat "
      "index (Russia's capability last year / 2024's); war: the war in Ukraine; US\npres.: US "
      "presence in Europe (1 = 2024's); crisis: this year's probe and how it ended.\n",
      iso3.c_str());
}

void print_csv(const std::vector<Row>& rows) {
  std::printf(
      "year,spending_share_pct,spending_usd_bn,capability,aid_share_pct,commitment,"
      "security_weight,perceived_threat,deterrence_ratio,russia_capability,threat,war_state,"
      "us_presence,crisis\n");
  for (const auto& r : rows) {
    std::printf("%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%s,%.17g,%s\n",
                r.year, r.share_pct, r.spending, r.capability, r.aid_pct, r.commitment, r.weight,
                r.perceived, r.deterrence, r.russia, r.threat, war_name(r.war), r.presence,
                r.crisis.c_str());
  }
}

// One run of `model`, year by year, as state `i` and the world saw it.
std::vector<Row> traced_rows(const sim::Model& model, const sim::RunRng& rng, int i) {
  const scenarios::Scenario& scenario = model.scenario();
  std::vector<Row> rows;
  const std::function<void(const sim::World&)> observe = [&](const sim::World& w) {
    Row r{};
    r.year = w.year;
    r.share_pct = 100.0 * w.share[i];
    r.spending = w.spending[i];
    r.capability = w.capability[i];
    r.aid_pct = 100.0 * w.aid_share[i];
    r.commitment = w.commitment[i];
    r.weight = w.security_weight[i];
    r.perceived = w.perceived_threat[i];
    r.deterrence = w.deterrence_ratio[i];
    r.russia = w.russia_capability;
    r.threat = w.threat;
    r.presence = w.us_presence;
    r.war = w.war_state;
    if (w.crisis_target >= 0) {
      r.crisis = scenario.countries[static_cast<std::size_t>(w.crisis_target)].iso3 + " " +
                 outcome_name(w.crisis_outcome);
    }
    rows.push_back(std::move(r));
  };
  sim::RunRecordStorage record(model.shape());
  scenarios::ParameterValues params;
  model.sample_and_run(rng, params, record.view(), &observe);
  return rows;
}

}  // namespace

int cmd_trace(const Args& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("country,c", po::value<std::string>(),
                                                    "ISO3 code (or name) of the state to trace")(
      "seed,s", po::value<std::uint64_t>(), "master seed (default: the scenario's, else 1)")(
      "run,r", po::value<std::uint64_t>()->default_value(0), "replicate index")(
      "horizon,y", po::value<int>(), "last simulated year (default: the scenario's)")(
      "format,f", po::value<std::string>()->default_value("text"),
      "text (a table with a legend) or csv, as the other commands' --format");
  const auto parsed = parse_options(args, kUsage, options, {"scenario", 1});
  if (!parsed) return 0;
  const auto& vm = *parsed;
  if (vm.count("scenario") == 0U) throw UsageError{"missing SCENARIO"};
  if (vm.count("country") == 0U) throw UsageError{"missing --country ISO3"};
  std::string format = vm["format"].as<std::string>();
  if (format == "table") format = "text";  // its first name
  if (format != "text" && format != "csv") {
    throw UsageError{"--format must be 'text' or 'csv', not '" + format + "'"};
  }

  const auto table = scenarios::load_country_table(scenarios::scenario_library_dir());
  const auto scenario = scenarios::load_scenario(
      scenarios::resolve_scenario_argument(vm["scenario"].as<std::vector<std::string>>().front()),
      table);
  const std::size_t index = country_index(scenario, vm["country"].as<std::string>());
  const int horizon = vm.count("horizon") != 0U ? vm["horizon"].as<int>() : scenario.horizon;
  if (horizon < scenarios::kMinHorizon || horizon > scenarios::kMaxHorizon) {
    throw UsageError{"--horizon must be in " + std::to_string(scenarios::kMinHorizon) + ".." +
                     std::to_string(scenarios::kMaxHorizon)};
  }
  const std::uint64_t seed =
      vm.count("seed") != 0U ? vm["seed"].as<std::uint64_t>() : scenario.seed.value_or(1);
  const sim::RunRng rng(seed, vm["run"].as<std::uint64_t>());

  const sim::Model model(scenario, horizon);
  const std::vector<Row> rows = traced_rows(model, rng, static_cast<int>(index));

  if (format == "csv") {
    print_csv(rows);
  } else {
    std::printf("%s, %s (%s), seed %llu, run %llu\n", scenario.name.c_str(),
                scenario.countries[index].name.c_str(), scenario.countries[index].iso3.c_str(),
                static_cast<unsigned long long>(seed),
                static_cast<unsigned long long>(vm["run"].as<std::uint64_t>()));
    print_table(rows, scenario.countries[index].iso3);
  }
  return 0;
}

}  // namespace rampart::cli
