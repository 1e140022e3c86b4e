// Sweep designs: the generators' defining properties, the file loader, its diagnostics, and the
// library's two example sweeps.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "library_fixture.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/scenarios/sweep.hpp"
#include "rampart/support/errors.hpp"

namespace rampart::test {
namespace {

using scenarios::DesignType;
using scenarios::Param;
using scenarios::SweepDesign;
using ::testing::HasSubstr;

const std::filesystem::path kBadDir = std::filesystem::path(RAMPART_TEST_DATA_DIR) / "sweeps";

std::vector<support::Diagnostic> diagnostics_of(const std::filesystem::path& file,
                                                scenarios::SweepLoadOptions options = {}) {
  try {
    scenarios::load_sweep(file, options);
  } catch (const support::InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << file << " loaded without an error";
  return {};
}

std::string all_messages(const std::vector<support::Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.format() + "\n";
  return out;
}

// --- generators --------------------------------------------------------------------------------

TEST(FullFactorial, CoversTheGridExactlyOnceFirstFactorSlowest) {
  const std::vector<std::size_t> counts{3, 2, 4};
  const auto rows = scenarios::full_factorial_indices(counts);
  ASSERT_EQ(rows.size(), 3U * 2U * 4U * 3U);
  std::set<std::vector<std::size_t>> seen;
  for (std::size_t p = 0; p < 24; ++p) {
    std::vector<std::size_t> row(rows.begin() + static_cast<std::ptrdiff_t>(p * 3),
                                 rows.begin() + static_cast<std::ptrdiff_t>(p * 3 + 3));
    for (std::size_t f = 0; f < 3; ++f) EXPECT_LT(row[f], counts[f]);
    EXPECT_TRUE(seen.insert(row).second) << "point " << p << " repeats a combination";
    // Mixed radix, first factor the most significant digit.
    EXPECT_EQ(p, row[0] * 8 + row[1] * 4 + row[2]);
  }
  EXPECT_EQ(seen.size(), 24U);
}

TEST(LatinHypercube, EachFactorHasOnePointPerStratum) {
  for (std::size_t n : {1U, 7U, 50U, 256U}) {
    const std::size_t d = 5;
    const auto u = scenarios::latin_hypercube_unit(n, d, 42);
    ASSERT_EQ(u.size(), n * d);
    for (std::size_t f = 0; f < d; ++f) {
      std::vector<int> hits(n, 0);
      for (std::size_t p = 0; p < n; ++p) {
        const double x = u[p * d + f];
        ASSERT_GT(x, 0.0);
        ASSERT_LT(x, 1.0);
        ++hits[static_cast<std::size_t>(std::floor(x * static_cast<double>(n)))];
      }
      EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }))
          << "n=" << n << " factor " << f;
    }
  }
}

TEST(LatinHypercube, DependsOnlyOnTheSeed) {
  EXPECT_EQ(scenarios::latin_hypercube_unit(20, 3, 7), scenarios::latin_hypercube_unit(20, 3, 7));
  EXPECT_NE(scenarios::latin_hypercube_unit(20, 3, 7), scenarios::latin_hypercube_unit(20, 3, 8));
}

TEST(Saltelli, MatricesFollowTheABConstruction) {
  const std::size_t n = 64;
  const std::size_t d = 4;
  const auto m = scenarios::saltelli_unit(n, d);
  ASSERT_EQ(m.size(), n * (d + 2) * d);
  auto at = [&](std::size_t block, std::size_t k, std::size_t i) {
    return m[(block * n + k) * d + i];
  };
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t i = 0; i < d; ++i) {
      EXPECT_GT(at(0, k, i), 0.0);
      EXPECT_LT(at(0, k, i), 1.0);
      // AB_i equals A except column i, which is B's.
      for (std::size_t j = 0; j < d; ++j) {
        EXPECT_EQ(at(2 + i, k, j), j == i ? at(1, k, j) : at(0, k, j));
      }
    }
  }
  // A and B are the two halves of one 2d-dimensional Sobol sequence. Boost starts after the
  // sequence's origin, so row k is Sobol point k+1: the first point is (1/2, ..., 1/2), and rows
  // 0..n-2 with the origin are a net: in each dimension one point per interval of width 1/n.
  for (std::size_t i = 0; i < d; ++i) {
    EXPECT_EQ(at(0, 0, i), 0.5);
    EXPECT_EQ(at(1, 0, i), 0.5);
    for (std::size_t block : {0U, 1U}) {
      std::vector<int> hits(n, 0);
      hits[0] = 1;  // the origin
      for (std::size_t k = 0; k + 1 < n; ++k) {
        ++hits[static_cast<std::size_t>(std::floor(at(block, k, i) * static_cast<double>(n)))];
      }
      EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }))
          << "block " << block << " column " << i;
    }
  }
  // A and B are different matrices (otherwise every AB_i would equal A).
  const std::vector<double> a(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(n * d));
  const std::vector<double> b(m.begin() + static_cast<std::ptrdiff_t>(n * d),
                              m.begin() + static_cast<std::ptrdiff_t>(2 * n * d));
  EXPECT_NE(a, b);
}

TEST(SweepFactor, MapsUnitValuesToRangesAndStrata) {
  scenarios::SweepFactor range;
  range.parameter = Param::UsPresenceFloor;
  range.low = 0.2;
  range.high = 0.6;
  EXPECT_DOUBLE_EQ(range.map_unit(0.0), 0.2);
  EXPECT_DOUBLE_EQ(range.map_unit(0.5), 0.4);

  scenarios::SweepFactor years;  // integral: each of 2030..2033 with equal odds
  years.parameter = Param::NatoTargetYear;
  years.low = 2030;
  years.high = 2033;
  EXPECT_EQ(years.map_unit(0.0), 2030);
  EXPECT_EQ(years.map_unit(0.26), 2031);
  EXPECT_EQ(years.map_unit(0.999), 2033);

  scenarios::SweepFactor list;
  list.parameter = Param::UsPolicy;
  list.values = {0, 2};
  EXPECT_EQ(list.map_unit(0.49), 0);
  EXPECT_EQ(list.map_unit(0.51), 2);

  scenarios::SweepFactor levels = range;
  levels.levels = 3;
  EXPECT_EQ(levels.factorial_levels(), (std::vector<double>{0.2, 0.4, 0.6}));
}

// --- the loader and the example sweeps ---------------------------------------------------------

TEST(SweepFile, EveryLibrarySweepLoadsWithinItsLimitAndItsBaseLoads) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(library_dir() / "sweeps")) {
    if (entry.path().extension() != ".toml") continue;
    ++count;
    SCOPED_TRACE(entry.path().string());
    // Loading without `force` checks the file's own max_points (the research sweeps raise it);
    // a results file holds at most 32768 points (a 16-bit point index in the events table).
    const SweepDesign design = scenarios::load_sweep(entry.path());
    EXPECT_LE(design.points, 32768U);
    EXPECT_EQ(design.matrix.size(), design.points * design.factor_count());
    EXPECT_NO_THROW(scenarios::load_scenario(design.base, countries()));
  }
  EXPECT_GE(count, 2);
}

TEST(SweepFile, TeachingGridIsAFullFactorialOverItsValues) {
  const SweepDesign design =
      scenarios::load_sweep(library_dir() / "sweeps" / "presence_threat_grid.toml");
  EXPECT_EQ(design.type, DesignType::FullFactorial);
  EXPECT_EQ(design.factor_parameters(),
            (std::vector<Param>{Param::UsPresenceFloor, Param::RussiaRebuild}));
  ASSERT_EQ(design.points, 12U);
  EXPECT_EQ(design.replicates, 50);
  EXPECT_EQ(design.runs(), 600U);
  EXPECT_EQ(design.base, (library_dir() / "us_disengagement.toml").lexically_normal());
  std::set<std::pair<double, double>> cells;
  for (std::size_t p = 0; p < design.points; ++p)
    cells.emplace(design.value(p, 0), design.value(p, 1));
  EXPECT_EQ(cells.size(), 12U);
  // First factor slowest.
  EXPECT_EQ(design.value(0, 0), 0.0);
  EXPECT_EQ(design.value(1, 0), 0.0);
  EXPECT_EQ(design.value(1, 1), 1.5);
  EXPECT_EQ(design.value(3, 0), 0.25);
}

TEST(SweepFile, ResearchSweepIsASaltelliDesignWithinRanges) {
  const SweepDesign design =
      scenarios::load_sweep(library_dir() / "sweeps" / "disengagement_sobol.toml");
  EXPECT_EQ(design.type, DesignType::Sobol);
  const std::size_t d = design.factor_count();
  EXPECT_EQ(d, 6U);
  EXPECT_EQ(design.base_samples, 4096U);
  EXPECT_EQ(design.points, 4096U * 8U);
  EXPECT_EQ(design.replicates, 2);
  for (std::size_t p = 0; p < design.points; ++p) {
    for (std::size_t f = 0; f < d; ++f) {
      EXPECT_GE(design.value(p, f), design.factors[f].low);
      EXPECT_LT(design.value(p, f), design.factors[f].high);
    }
  }
  // Row p of block AB_i repeats A's row except factor i.
  const std::size_t n = design.base_samples;
  for (std::size_t k = 0; k < n; k += 97) {
    for (std::size_t i = 0; i < d; ++i) {
      for (std::size_t j = 0; j < d; ++j) {
        EXPECT_EQ(design.value((2 + i) * n + k, j), design.value((j == i ? n : 0) + k, j));
      }
    }
  }
}

TEST(SweepFile, LatinHypercubeFromTextUsesTheSeedAndStrata) {
  const char* text = R"(
name = "lhs"
base = "base.toml"
seed = 5
replicates = 3
[design]
type = "latin_hypercube"
points = 40
[[factors]]
parameter = "state.compliance_scale"
low = 0.5
high = 1.5
[[factors]]
parameter = "us.policy"
values = ["committed", "transactional", "disengaging"]
)";
  const SweepDesign a = scenarios::parse_sweep(text, "lhs.toml", kBadDir);
  const SweepDesign b = scenarios::parse_sweep(text, "lhs.toml", kBadDir);
  EXPECT_EQ(a.matrix, b.matrix);
  ASSERT_EQ(a.points, 40U);
  EXPECT_EQ(a.runs(), 120U);
  std::vector<int> hits(40, 0);
  std::vector<int> policies(3, 0);
  for (std::size_t p = 0; p < 40; ++p) {
    ++hits[static_cast<std::size_t>(std::floor((a.value(p, 0) - 0.5) * 40.0))];
    ++policies[static_cast<std::size_t>(a.value(p, 1))];
  }
  EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  // 40 strata over 3 categories: 40/3 each, give or take the two strata that straddle a cut.
  for (int c : policies) EXPECT_TRUE(c >= 12 && c <= 14) << c;
}

TEST(SweepFile, BaseMayBeALibraryName) {
  const char* text = R"(
name = "by_name"
base = "hague_5pct"
seed = 1
[design]
type = "full_factorial"
[[factors]]
parameter = "nato.target_year"
low = 2030
high = 2040
levels = 3
)";
  scenarios::SweepLoadOptions options;
  options.library_dir = library_dir();
  const SweepDesign d = scenarios::parse_sweep(text, "by_name.toml", kBadDir, options);
  EXPECT_EQ(d.base, library_dir() / "hague_5pct.toml");
  // Without a library folder given, the scenario library's own folder.
  EXPECT_EQ(scenarios::parse_sweep(text, "by_name.toml", kBadDir).base,
            scenarios::scenario_library_dir() / "hague_5pct.toml");
  ASSERT_EQ(d.points, 3U);
  EXPECT_EQ(d.value(1, 0), 2035);
}

TEST(SweepFile, ScenarioForPointFixesTheFactors) {
  const SweepDesign design =
      scenarios::load_sweep(library_dir() / "sweeps" / "presence_threat_grid.toml");
  const scenarios::Scenario base = scenarios::load_scenario(design.base, countries());
  ASSERT_FALSE(base.distribution(Param::UsPresenceFloor).is_fixed());
  const scenarios::Scenario s = scenarios::scenario_for_point(base, design, 7);
  EXPECT_EQ(s.name, "point_00007");
  EXPECT_TRUE(s.distribution(Param::UsPresenceFloor).is_fixed());
  EXPECT_EQ(s.distribution(Param::UsPresenceFloor).value, design.value(7, 0));
  EXPECT_EQ(s.distribution(Param::RussiaRebuild).value, design.value(7, 1));
  // Everything else is the base's.
  EXPECT_EQ(s.distribution(Param::UsDrawdownYears).kind,
            base.distribution(Param::UsDrawdownYears).kind);
  EXPECT_THAT(s.description, HasSubstr("us.presence_floor = "));
  // And it is a valid scenario: it round-trips through the scenario format.
  const scenarios::Scenario again =
      scenarios::parse_scenario(scenarios::to_toml(s), "point", countries());
  EXPECT_EQ(again.distribution(Param::UsPresenceFloor).value, design.value(7, 0));
}

// --- diagnostics -------------------------------------------------------------------------------

TEST(SweepDiagnostics, UnknownParameterSuggestsTheClosestPath) {
  const auto ds = diagnostics_of(kBadDir / "unknown_parameter.toml");
  ASSERT_EQ(ds.size(), 1U) << all_messages(ds);
  EXPECT_EQ(ds[0].line, 9);
  EXPECT_EQ(ds[0].column, 13);
  EXPECT_THAT(ds[0].message, HasSubstr("unknown parameter 'us.presence_flor'"));
  EXPECT_THAT(ds[0].message, HasSubstr("did you mean 'us.presence_floor'?"));
  EXPECT_THAT(ds[0].format(), HasSubstr("unknown_parameter.toml:9:13: error: "));
}

TEST(SweepDiagnostics, RangeOutsideTheParameterIsRejected) {
  const auto ds = diagnostics_of(kBadDir / "out_of_range.toml");
  ASSERT_EQ(ds.size(), 1U) << all_messages(ds);
  EXPECT_EQ(ds[0].line, 12);
  EXPECT_EQ(ds[0].column, 8);
  EXPECT_THAT(ds[0].message,
              HasSubstr("high 1.5 of us.presence_floor is outside its range [0, 1]"));
}

TEST(SweepDiagnostics, MissingDesignFieldIsNamed) {
  const auto ds = diagnostics_of(kBadDir / "missing_design_fields.toml");
  ASSERT_EQ(ds.size(), 1U) << all_messages(ds);
  EXPECT_EQ(ds[0].line, 5);
  EXPECT_THAT(ds[0].message, HasSubstr("missing required key 'base_samples'"));
}

TEST(SweepDiagnostics, TooManyPointsUnlessForced) {
  const auto ds = diagnostics_of(kBadDir / "too_many_points.toml");
  ASSERT_EQ(ds.size(), 1U) << all_messages(ds);
  EXPECT_EQ(ds[0].line, 4);
  EXPECT_EQ(ds[0].column, 14);
  EXPECT_THAT(ds[0].message, HasSubstr("has 121 points, more than max_points = 100"));
  scenarios::SweepLoadOptions force;
  force.force = true;
  const SweepDesign d = scenarios::load_sweep(kBadDir / "too_many_points.toml", force);
  EXPECT_EQ(d.points, 121U);
}

TEST(SweepDiagnostics, EveryProblemIsReportedInOnePass) {
  const auto ds = diagnostics_of(kBadDir / "several_problems.toml");
  const std::string all = all_messages(ds);
  EXPECT_EQ(ds.size(), 7U) << all;
  EXPECT_THAT(all, HasSubstr("several_problems.toml:4:1: error: unknown key 'sede' in the sweep "
                             "file (did you mean 'seed'?)"));
  EXPECT_THAT(all, HasSubstr("several_problems.toml:1:8: error: 'name' must match [a-z0-9_]+"));
  EXPECT_THAT(all, HasSubstr("missing required key 'seed'"));
  EXPECT_THAT(all, HasSubstr("several_problems.toml:3:14: error: 'replicates' must be at least 1"));
  EXPECT_THAT(all, HasSubstr("unknown design type 'latin_hypercub' (did you mean "
                             "'latin_hypercube'?)"));
  EXPECT_THAT(all, HasSubstr("unknown category 'disengagin' for us.policy (did you mean "
                             "'disengaging'?)"));
  EXPECT_THAT(all, HasSubstr("nato.target_year (year) must be an integer, got 2035.5"));
}

std::vector<support::Diagnostic> text_diagnostics(const std::string& text, bool force = false) {
  scenarios::SweepLoadOptions options;
  options.force = force;
  try {
    scenarios::parse_sweep(text, "text.toml", kBadDir, options);
  } catch (const support::InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return {};
}

TEST(SweepDiagnostics, FactorShapeMistakes) {
  const std::string head = "name = \"x\"\nbase = \"base.toml\"\nseed = 1\n";
  auto one = [&](const std::string& rest, std::string_view expected) {
    const auto ds = text_diagnostics(head + rest);
    ASSERT_EQ(ds.size(), 1U) << all_messages(ds);
    EXPECT_THAT(ds[0].message, HasSubstr(std::string(expected)));
  };
  one("[design]\ntype = \"full_factorial\"\n[[factors]]\nparameter = \"eu.duplication\"\n"
      "low = 0.0\nhigh = 0.2\n",
      "needs 'levels' (>= 2) for a full factorial");
  one("[design]\ntype = \"sobol\"\nbase_samples = 8\n[[factors]]\nparameter = "
      "\"eu.duplication\"\nvalues = [0.1]\nlow = 0.0\nhigh = 0.2\n",
      "gives both 'values' and 'low'/'high'");
  one("[design]\ntype = \"sobol\"\nbase_samples = 8\n[[factors]]\nparameter = "
      "\"eu.duplication\"\nlow = 0.3\nhigh = 0.2\n",
      "low (0.3) must be below high (0.2)");
  one("[design]\ntype = \"latin_hypercube\"\npoints = 8\n[[factors]]\nparameter = "
      "\"eu.duplication\"\nlow = 0.0\nhigh = 0.2\nlevels = 3\n",
      "'levels' applies only to full_factorial designs");
  one("[design]\ntype = \"full_factorial\"\npoints = 8\n[[factors]]\nparameter = "
      "\"eu.duplication\"\nvalues = [0.1, 0.2]\n",
      "'points' applies only to latin_hypercube designs");
  one("[design]\ntype = \"full_factorial\"\n[[factors]]\nparameter = \"eu.duplication\"\n"
      "values = [0.1, 0.1]\n",
      "value 0.1 of eu.duplication is repeated");
  one("[design]\ntype = \"full_factorial\"\n[[factors]]\nparameter = \"eu.duplication\"\n"
      "values = [0.1]\nstep = 2\n",
      "unknown key 'step' in [[factors]]");
  one("[design]\ntype = \"full_factorial\"\n[[factors]]\nparameter = \"eu.duplication\"\n"
      "values = [0.1]\n[[factors]]\nparameter = \"eu.duplication\"\nvalues = [0.2]\n",
      "parameter 'eu.duplication' is already a factor");
  one("[design]\ntype = \"full_factorial\"\n", "a sweep needs at least one factor");
  one("[[factors]]\nparameter = \"eu.duplication\"\nvalues = [0.1]\n",
      "missing required table [design]");
}

TEST(SweepDiagnostics, EvenAForcedDesignMustFitInMemory) {
  const auto ds = text_diagnostics(
      "name = \"x\"\nbase = \"base.toml\"\nseed = 1\n[design]\ntype = \"sobol\"\n"
      "base_samples = 1099511627776\n[[factors]]\nparameter = \"eu.duplication\"\nlow = "
      "0.0\nhigh = 0.2\n",
      true);
  ASSERT_EQ(ds.size(), 1U) << all_messages(ds);
  EXPECT_THAT(ds[0].message, HasSubstr("too large to generate"));
}

TEST(SweepDiagnostics, MissingFileAndBase) {
  const auto missing = diagnostics_of(kBadDir / "no_such_sweep.toml");
  ASSERT_EQ(missing.size(), 1U);
  EXPECT_THAT(missing[0].message, HasSubstr("cannot open"));
  try {
    scenarios::parse_sweep(
        "name = \"x\"\nbase = \"nowhere.toml\"\nseed = 1\n[design]\ntype = "
        "\"sobol\"\nbase_samples = 4\n[[factors]]\nparameter = "
        "\"eu.duplication\"\nlow = 0.0\nhigh = 0.2\n",
        "text.toml", kBadDir);
    FAIL() << "a missing base was accepted";
  } catch (const support::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1U);
    EXPECT_EQ(e.diagnostics()[0].line, 2);
    EXPECT_THAT(e.diagnostics()[0].message, HasSubstr("base scenario 'nowhere.toml' not found"));
  }
}

TEST(SweepDiagnostics, SyntaxErrorHasAPosition) {
  try {
    scenarios::parse_sweep("name = \"x\"\nseed = = 1\n", "syntax.toml", kBadDir);
    FAIL() << "bad TOML was accepted";
  } catch (const support::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1U);
    EXPECT_EQ(e.diagnostics()[0].line, 2);
    EXPECT_THAT(e.diagnostics()[0].message, HasSubstr("TOML syntax error"));
  }
}

}  // namespace
}  // namespace rampart::test
