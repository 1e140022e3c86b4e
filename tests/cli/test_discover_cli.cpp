// `rampart discover` on a small real sweep and run file: PRIM finds the factor that decides the
// condition, the inputs can be the sampled parameters, the output is the same at any thread
// count, and requests that do not fit the file exit with status 2.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "shared_files_cli.hpp"

namespace {

using rampart::cli_test::has;
using rampart::cli_test::Result;

class DiscoverCli : public rampart::cli_test::SharedFilesCliTest {
 protected:
  static void SetUpTestSuite() {
    make_folder("discover_cli");
    // The US presence floor decides what is left of the US in Europe once the drawdown is over:
    // a planted structure the model itself produces.
    std::ofstream(dir_ / "grid.toml")
        << "name = \"grid\"\nbase = \"" RAMPART_SOURCE_DIR
           "/scenarios/us_disengagement.toml\"\n"
           "seed = 7\nreplicates = 8\n[design]\ntype = \"full_factorial\"\n"
           "[[factors]]\nparameter = \"us.presence_floor\"\nvalues = [0.0, 0.5, 1.0]\n"
           "[[factors]]\nparameter = \"russia.rebuild_multiplier\"\nvalues = [1.0, 1.5, 2.0]\n";
    ASSERT_EQ(
        rampart("sweep " + file("grid.toml") + " --horizon 2030 -q -o " + file("grid.h5")).status,
        0);
    ASSERT_EQ(
        rampart("run baseline us_disengagement --runs 64 --horizon 2030 -q -o " + file("run.h5"))
            .status,
        0);
  }
};

TEST_F(DiscoverCli, FindsTheFactorThatDecidesTheCondition) {
  const std::string args =
      "discover " + file("grid.h5") + " --outcome 'us_presence@2030 > 0.4' --alpha 0.34";
  const auto r = rampart(args);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "all 9 points x 8 replicates, 72 runs")) << r.out;
  EXPECT_TRUE(has(r.out, "base rate: the condition holds in")) << r.out;
  EXPECT_TRUE(has(r.out, "chosen box")) << r.out;
  EXPECT_TRUE(has(r.out, ": us.presence_floor >= 0.5 - density 100%")) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const auto csv1 = rampart(args + " --format csv --threads 1");
  const auto csv2 = rampart(args + " --format csv --threads 2");
  ASSERT_EQ(csv1.status, 0) << csv1.err;
  EXPECT_TRUE(has(csv1.out,
                  "stage,step,support,coverage,density,density_lower,density_upper,"
                  "rows,box\n"))
      << csv1.out;
  EXPECT_TRUE(has(csv1.out, "\npaste,")) << csv1.out;
  EXPECT_EQ(csv1.out, csv2.out);
}

TEST_F(DiscoverCli, GridLevelsNeedAWideEnoughAlpha) {
  const auto r = rampart("discover " + file("grid.h5") + " --outcome 'us_presence@2030 > 0.4'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "no slice could be peeled")) << r.out;
}

TEST_F(DiscoverCli, SampledParametersAsInputs) {
  const auto sweep = rampart("discover " + file("grid.h5") +
                             " --outcome 'us_presence@2030 > 0.4' --alpha 0.34 "
                             "--inputs parameters -f json");
  ASSERT_EQ(sweep.status, 0) << sweep.err;
  EXPECT_TRUE(has(sweep.out, "constant across the runs, left out")) << sweep.out;
  EXPECT_TRUE(has(sweep.out, "us.presence_floor >= 0.5")) << sweep.out;
  // A run file: the parameters each run drew, in one scenario.
  const auto run = rampart("discover " + file("run.h5") +
                           " --scenario us_disengagement --outcome 'crises >= 1'");
  if (run.status == 2 && has(run.err, "holds in")) GTEST_SKIP() << run.err;  // no variation
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(has(run.out, "scenario us_disengagement, 64 runs")) << run.out;
}

TEST_F(DiscoverCli, RequestsThatDoNotFitTheFileExitWith2) {
  const auto none = rampart("discover " + file("grid.h5") + " --outcome 'us_presence@2030 > 9'");
  EXPECT_EQ(none.status, 2);
  EXPECT_TRUE(has(none.err, "holds in none of the 72 runs")) << none.err;
  const auto all = rampart("discover " + file("grid.h5") + " --outcome 'us_presence@2030 >= 0'");
  EXPECT_EQ(all.status, 2);
  EXPECT_TRUE(has(all.err, "holds in every one of the 72 runs")) << all.err;
  const auto several = rampart("discover " + file("run.h5") + " --outcome 'crises >= 1'");
  EXPECT_EQ(several.status, 2);
  EXPECT_TRUE(has(several.err, "--scenario")) << several.err;
  const auto factors = rampart("discover " + file("run.h5") +
                               " --scenario baseline --outcome 'crises >= 1' --inputs factors");
  EXPECT_EQ(factors.status, 2);
  EXPECT_TRUE(has(factors.err, "--inputs parameters")) << factors.err;
  const auto unknown =
      rampart("discover " + file("run.h5") + " --scenario baselin --outcome 'crises >= 1'");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_TRUE(has(unknown.err, "baseline")) << unknown.err;
  EXPECT_EQ(rampart("discover " + file("grid.h5") +
                    " --outcome 'us_presence@2030 > 0.4' "
                    "--inputs knobs")
                .status,
            2);
  EXPECT_EQ(rampart("discover " + file("grid.h5")).status, 2);
  const auto help = rampart("discover --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_TRUE(has(help.out, "--min-support")) << help.out;
}

}  // namespace
