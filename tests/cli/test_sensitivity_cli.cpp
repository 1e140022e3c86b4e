// `rampart sensitivity` on small real sweeps of each design: the table and its notes, identical
// output at any thread count, and exit status 2 with a clear message for requests that do not
// fit the file (a run file, an outcome undefined in some runs, an unknown outcome).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "shared_files_cli.hpp"

namespace {

using rampart::cli_test::has;
using rampart::cli_test::Result;

class SensitivityCli : public rampart::cli_test::SharedFilesCliTest {
 protected:
  static void SetUpTestSuite() {
    make_folder("sensitivity_cli");
    const std::string base = std::string(RAMPART_SOURCE_DIR) + "/scenarios/us_disengagement.toml";
    const std::string head = "base = \"" + base + "\"\nseed = 7\n";
    const std::string factors =
        "[[factors]]\nparameter = \"us.presence_floor\"\nlow = 0.0\nhigh = 1.0\n"
        "[[factors]]\nparameter = \"russia.rebuild_multiplier\"\nlow = 0.5\nhigh = 2.5\n";
    write("grid.toml", "name = \"grid\"\n" + head +
                           "replicates = 8\n[design]\ntype = \"full_factorial\"\n"
                           "[[factors]]\nparameter = \"us.presence_floor\"\n"
                           "values = [0.0, 0.5, 1.0]\n"
                           "[[factors]]\nparameter = \"russia.rebuild_multiplier\"\n"
                           "values = [1.0, 1.5, 2.0]\n");
    write("lhs.toml", "name = \"lhs\"\n" + head +
                          "replicates = 2\n[design]\ntype = \"latin_hypercube\"\npoints = 40\n" +
                          factors);
    write("sobol.toml", "name = \"sobol\"\n" + head +
                            "replicates = 2\n[design]\ntype = \"sobol\"\nbase_samples = 16\n" +
                            factors);
    for (const char* name : {"grid", "lhs", "sobol"}) {
      ASSERT_EQ(rampart(std::string("sweep ") + file(name) + ".toml --horizon 2030 -q -o " +
                        file(name) + ".h5")
                    .status,
                0)
          << name;
    }
    ASSERT_EQ(rampart("run baseline --runs 16 --horizon 2030 -q -o " + file("run") + ".h5").status,
              0);
  }

  static void write(const char* name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
};

// The grid: Morris and regression; the US presence floor moves the US share of NATO spending
// (a larger floor keeps more US spending), so its effect is positive and ranks first.
TEST_F(SensitivityCli, FactorialGridGivesMorrisAndRegression) {
  const auto r = rampart("sensitivity " + file("grid") +
                         ".h5 --outcome us_share_nato@2030 "
                         "--bootstrap 100 --format csv");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out,
                  "factor,SRC,SRC_lower,SRC_upper,SRRC,SRRC_lower,SRRC_upper,mu_star,mu,"
                  "sigma,effects"))
      << r.out;
  EXPECT_TRUE(has(r.out, "\nus.presence_floor,0.")) << r.out;
  EXPECT_TRUE(has(r.out, "\nrussia.rebuild_multiplier,")) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const auto text = rampart("sensitivity " + file("grid") +
                            ".h5 --outcome us_share_nato "
                            "--year 2030 --bootstrap 100");
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_TRUE(has(text.out, "full_factorial design, 9 points x 8 replicates")) << text.out;
  EXPECT_TRUE(has(text.out, "Morris elementary effects")) << text.out;
  EXPECT_TRUE(has(text.out, "replicate (aleatory) share")) << text.out;
  EXPECT_TRUE(has(text.out, "95% confidence")) << text.out;
}

TEST_F(SensitivityCli, LatinHypercubeGivesRankingsWithRSquared) {
  const auto r = rampart("sensitivity " + file("lhs") +
                         ".h5 --outcome us_share_nato@2030 "
                         "--bootstrap 100 --confidence 0.9");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "latin_hypercube design, 40 points x 2 replicates")) << r.out;
  EXPECT_TRUE(has(r.out, "SRRC")) << r.out;
  EXPECT_TRUE(has(r.out, "R^2 = ")) << r.out;
  EXPECT_TRUE(has(r.out, "90% confidence")) << r.out;
  EXPECT_FALSE(has(r.out, "mu_star")) << r.out;
}

TEST_F(SensitivityCli, SobolDesignGivesIndicesAndTheSameOutputAtAnyThreadCount) {
  const std::string args =
      "sensitivity " + file("sobol") + ".h5 --outcome us_share_nato@2030 --bootstrap 100 -f json";
  const auto one = rampart(args + " --threads 1");
  const auto two = rampart(args + " --threads 2");
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_TRUE(has(one.out, "\"S1\"")) << one.out;
  EXPECT_TRUE(has(one.out, "\"ST_upper\"")) << one.out;
  EXPECT_TRUE(has(one.out, "Sobol indices")) << one.out;
  EXPECT_EQ(one.out, two.out);
}

TEST_F(SensitivityCli, RequestsThatDoNotFitTheFileExitWith2) {
  const auto run = rampart("sensitivity " + file("run") + ".h5 --outcome crises");
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(has(run.err, "sensitivity needs a sweep file (rampart sweep)")) << run.err;
  EXPECT_TRUE(has(run.err, "scenarios/sweeps/")) << run.err;

  const auto undefined = rampart("sensitivity " + file("grid") + ".h5 --outcome first_crisis_year");
  EXPECT_EQ(undefined.status, 2);
  EXPECT_TRUE(has(undefined.err, "undefined (NaN)")) << undefined.err;

  const auto unknown = rampart("sensitivity " + file("grid") + ".h5 --outcome us_shar_nato");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_TRUE(has(unknown.err, "us_share_nato")) << unknown.err;

  EXPECT_EQ(rampart("sensitivity " + file("grid") + ".h5").status, 2);  // no --outcome
  EXPECT_EQ(rampart("sensitivity " + file("grid") + ".h5 --outcome crises --format xml").status, 2);
  EXPECT_EQ(rampart("sensitivity " + file("grid") + ".h5 --outcome crises --confidence 1").status,
            2);
  const auto help = rampart("sensitivity --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_TRUE(has(help.out, "--bootstrap")) << help.out;
  EXPECT_TRUE(has(help.out, "--outcome")) << help.out;
  EXPECT_FALSE(has(help.out, "--output")) << "the old name is a hidden alias: " << help.out;
  // Both names at once is a mistake.
  EXPECT_EQ(rampart("sensitivity " + file("grid") + ".h5 --outcome crises --output crises").status,
            2);
}

TEST_F(SensitivityCli, OutputIsStillAcceptedAsTheOldNameOfOutcome) {
  const auto old_name = rampart("sensitivity " + file("grid") +
                                ".h5 --output us_share_nato@2030 "
                                "--bootstrap 50 -f csv");
  const auto new_name = rampart("sensitivity " + file("grid") +
                                ".h5 --outcome us_share_nato@2030 "
                                "--bootstrap 50 -f csv");
  ASSERT_EQ(old_name.status, 0) << old_name.err;
  EXPECT_EQ(old_name.out, new_name.out);
}

}  // namespace
