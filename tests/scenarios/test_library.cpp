// Finding the scenario library and resolving scenario arguments against it.

#include <gtest/gtest.h>

#include <cstdlib>

#include "rampart/scenarios/library.hpp"
#include "rampart/support/errors.hpp"
#include "scenario_test_support.hpp"

namespace rampart::scenarios {
namespace {

using support::InputError;

namespace fs = std::filesystem;

// Points RAMPART_DATA_DIR at the repository's library for the test, restoring it after.
class Library : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* old = std::getenv("RAMPART_DATA_DIR")) saved_ = old;
    ::setenv("RAMPART_DATA_DIR", testing::repo_library().c_str(), 1);
  }
  void TearDown() override {
    if (saved_) {
      ::setenv("RAMPART_DATA_DIR", saved_->c_str(), 1);
    } else {
      ::unsetenv("RAMPART_DATA_DIR");
    }
  }
  std::optional<std::string> saved_;
};

TEST_F(Library, DirectoryComesFromTheEnvironment) {
  EXPECT_EQ(scenario_library_dir(), testing::repo_library());
  ::setenv("RAMPART_DATA_DIR", "/some/where", 1);
  EXPECT_EQ(scenario_library_dir(), fs::path("/some/where"));
}

TEST(InstalledLibrary, IsShareRampartBesideTheBinaryWhenItHasData) {
  const testing::TempDir prefix("installed");
  const fs::path binary = prefix.path() / "bin" / "rampart";
  // A binary in a build tree: no share/rampart beside it.
  EXPECT_EQ(installed_library_dir(binary), fs::path());
  EXPECT_EQ(installed_library_dir(fs::path()), fs::path());
  // A share/rampart without data/ is not a library either.
  fs::create_directories(prefix.path() / "share" / "rampart");
  EXPECT_EQ(installed_library_dir(binary), fs::path());
  prefix.write("share/rampart/data/countries_2024.csv", "iso3\n");
  EXPECT_EQ(installed_library_dir(binary), prefix.path() / "share" / "rampart");
}

TEST_F(Library, ResolvesNamesAndPaths) {
  EXPECT_EQ(resolve_scenario_argument("baseline"), testing::repo_library() / "baseline.toml");
  const auto child = (testing::good_dir() / "child.toml").string();
  EXPECT_EQ(resolve_scenario_argument(child), fs::path(child));
  // A missing path is the loader's to report; a missing name is reported here.
  EXPECT_EQ(resolve_scenario_argument("no/such.toml"), fs::path("no/such.toml"));
  try {
    resolve_scenario_argument("basline");
    FAIL();
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_NE(e.diagnostics()[0].message.find("; did you mean 'baseline'?; library scenarios: "),
              std::string::npos)
        << e.diagnostics()[0].message;
  }
  try {
    resolve_scenario_argument("no_such_scenario");
    FAIL();
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, "no_such_scenario");
    EXPECT_NE(e.diagnostics()[0].message.find("library scenarios: baseline"), std::string::npos)
        << e.diagnostics()[0].message;
    EXPECT_EQ(e.diagnostics()[0].message.find("did you mean"), std::string::npos)
        << "no suggestion for a name far from every scenario";
  }
}

TEST_F(Library, DefaultSetIsTheFourHeadlineScenariosInOrder) {
  const auto set = default_scenario_set();
  std::vector<std::string> names;
  for (const auto& f : set) names.push_back(f.stem().string());
  std::vector<std::string> expected;
  for (const char* n : {"baseline", "hague_5pct", "us_transactional", "us_disengagement"}) {
    if (fs::exists(testing::repo_library() / (std::string(n) + ".toml"))) expected.push_back(n);
  }
  EXPECT_EQ(names, expected);
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "baseline");
}

TEST_F(Library, ListsEveryFileSortedWithDescriptionAndView) {
  const auto entries = list_library(testing::library_table());
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(testing::repo_library())) {
    files += e.path().extension() == ".toml" ? 1 : 0;
  }
  ASSERT_EQ(entries.size(), files);
  for (std::size_t i = 1; i < entries.size(); ++i) {
    EXPECT_LT(entries[i - 1].file, entries[i].file);
  }
  const auto baseline = std::find_if(entries.begin(), entries.end(),
                                     [](const LibraryEntry& e) { return e.name == "baseline"; });
  ASSERT_NE(baseline, entries.end());
  EXPECT_NE(baseline->description.find("2024 posture continues"), std::string::npos);
  EXPECT_NE(baseline->view.find("EPRS"), std::string::npos);
  for (const auto& e : entries) {
    EXPECT_EQ(e.name, e.file.stem().string()) << "a library file's name matches its file name";
  }
}

}  // namespace
}  // namespace rampart::scenarios
