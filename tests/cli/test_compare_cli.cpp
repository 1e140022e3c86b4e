// `rampart compare`: the table in every format, paired and unpaired comparisons, warnings on
// stderr, and exit status 2 with "did you mean" for requests that do not fit the file.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "shared_files_cli.hpp"

namespace {

using rampart::cli_test::has;
using rampart::cli_test::Result;

class CompareCli : public rampart::cli_test::SharedFilesCliTest {
 protected:
  static void SetUpTestSuite() {
    make_folder("compare_cli");
    ASSERT_EQ(rampart("run baseline us_disengagement --runs 64 --seed 3 --threads 1 -q -o " +
                      (dir_ / "two.h5").string())
                  .status,
              0);
    ASSERT_EQ(
        rampart("run baseline --runs 64 --seed 4 --threads 1 -q -o " + (dir_ / "seed4.h5").string())
            .status,
        0);
  }
};

TEST_F(CompareCli, DefaultOutcomesAsText) {
  const auto r = rampart("compare " + file("two.h5") + " --scenarios baseline,us_disengagement");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "us_share_nato@")) << r.out;
  EXPECT_TRUE(has(r.out, "spending_share[NATO-Europe]@")) << r.out;
  EXPECT_TRUE(has(r.out, "P(first_failure_year <=")) << r.out;
  EXPECT_TRUE(has(r.out, "variance_reduction")) << r.out;
  EXPECT_TRUE(has(r.out, "95 %")) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CompareCli, CsvHasOneRowPerOutcome) {
  const auto r = rampart("compare " + file("two.h5") +
                         " --outcome crises --outcome 'first_failure_year <= 2030' --format csv "
                         "--threads 2");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("outcome,scenario_a,scenario_b,pairs,", 0), 0U) << r.out;
  int lines = 0;
  for (const char c : r.out) lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 3) << r.out;  // header + 2 outcomes (us_disengagement against baseline)
}

TEST_F(CompareCli, OutputDoesNotDependOnTheThreadCount) {
  const std::string args = "compare " + file("two.h5") + " --format csv --threads ";
  const auto one = rampart(args + "1");
  const auto two = rampart(args + "2");
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
}

TEST_F(CompareCli, JsonOutput) {
  const auto r = rampart("compare " + file("two.h5") + " --outcome threat --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "\"columns\"")) << r.out;
  EXPECT_TRUE(has(r.out, "\"notes\"")) << r.out;
}

TEST_F(CompareCli, TwoFilesWithDifferentSeedsWarnAndCompareUnpaired) {
  const auto r =
      rampart("compare " + file("two.h5") + " " + file("seed4.h5") + " --outcome crises");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.err, "seeds differ")) << r.err;
  EXPECT_TRUE(has(r.out, "unpaired")) << r.out;
}

TEST_F(CompareCli, ScenariosNamesTheScenarioInEitherFormAndScenarioIsItsAlias) {
  const std::string two_files =
      "compare " + file("two.h5") + " " + file("seed4.h5") + " --outcome crises --format csv ";
  const auto plural = rampart(two_files + "--scenarios baseline");
  ASSERT_EQ(plural.status, 0) << plural.err;
  EXPECT_TRUE(has(plural.out, "baseline")) << plural.out;
  EXPECT_EQ(plural.out, rampart(two_files + "--scenario baseline").out);
  const auto many = rampart(two_files + "--scenarios baseline,us_disengagement");
  EXPECT_EQ(many.status, 2);
  EXPECT_TRUE(has(many.err, "with two files give one scenario")) << many.err;
  const std::string one_file = "compare " + file("two.h5") + " --outcome crises --format csv ";
  EXPECT_EQ(rampart(one_file + "--scenario baseline,us_disengagement").out,
            rampart(one_file + "--scenarios baseline,us_disengagement").out);
  const auto help = rampart("compare --help");
  EXPECT_FALSE(has(help.out, "--scenario ")) << "the singular is a hidden alias: " << help.out;
}

TEST_F(CompareCli, BadRequestsExitTwoWithAHint) {
  auto r = rampart("compare " + file("two.h5") + " --scenarios baseline,us_disengagment");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "us_disengagement")) << r.err;
  r = rampart("compare " + file("two.h5") + " --outcome 'crisis'");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "did you mean 'crises'")) << r.err;
  r = rampart("compare " + file("two.h5") + " --outcome 'crises >= x'");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "at column")) << r.err;
  r = rampart("compare " + file("two.h5") + " --format yaml");
  EXPECT_EQ(r.status, 2);
  r = rampart("compare " + file("two.h5") + " --confidence 1.5");
  EXPECT_EQ(r.status, 2);
  r = rampart("compare " + file("missing.h5"));
  EXPECT_EQ(r.status, 2);
  r = rampart("compare");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(rampart("compare --help").status, 0);
}

}  // namespace
