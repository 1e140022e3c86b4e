// Input files that are not what they claim (issue 13): devices (/dev/zero, /dev/urandom,
// /dev/null), FIFOs, folders and oversized files given as a scenario, as its `extends`, as a
// sweep, as a sweep's `base` or as observed data, and results files whose stored scenario text
// points elsewhere. Each must end in one clear message and exit 2: never a hang, never memory
// growing until the process is killed, never a file of this machine read on a results file's
// say-so.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/stat.h>

#include <fstream>
#include <string>
#include <vector>

#include "../engine/cli_process.hpp"
#include "rampart/analysis/observed_data.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/results_reader.hpp"
#include "rampart/scenarios/errors.hpp"
#include "rampart/scenarios/input_file.hpp"
#include "rampart/scenarios/library.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/scenarios/sweep.hpp"
#include "rampart/support/errors.hpp"

namespace rampart::engine {
namespace {

using ::testing::HasSubstr;

class HostileInputsTest : public CliProcessTest {
 protected:
  // Runs the binary under an alarm: a command that blocks on a FIFO or streams a device forever
  // is killed (status 128 + SIGALRM) instead of hanging the suite.
  Exit run_bounded(const std::vector<std::string>& args, unsigned seconds = 20) {
    return wait(start_program(RAMPART_BINARY, args, {0, seconds}));
  }

  // exit 2 and a message holding `words`, in at most a few lines.
  static void expect_refused(const Exit& e, const std::string& words) {
    EXPECT_EQ(e.status, 2) << e.output;
    EXPECT_THAT(e.output, HasSubstr(words));
    EXPECT_LE(std::count(e.output.begin(), e.output.end(), '\n'), 3) << e.output;
  }

  fs::path fifo(const std::string& name) {
    const fs::path p = dir_ / name;
    EXPECT_EQ(::mkfifo(p.c_str(), 0600), 0);
    return p;
  }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  // A file just over the cap that would otherwise be valid (comments are allowed anywhere).
  fs::path oversized(const std::string& name, const std::string& head) {
    std::string text = head;
    const std::string comment = "# " + std::string(98, 'x') + "\n";
    while (text.size() <= scenarios::kMaxInputFileBytes) text += comment;
    return write(name, text);
  }

  static std::string message_of(const support::InputError& e) {
    std::string text;
    for (const auto& d : e.diagnostics()) text += d.format() + "\n";
    return text;
  }

  static const scenarios::CountryTable& countries() {
    static const scenarios::CountryTable table =
        scenarios::load_country_table(scenarios::scenario_library_dir());
    return table;
  }
};

TEST_F(HostileInputsTest, DevicesAndFifosAsAScenarioAreRefusedAtOnce) {
  const fs::path pipe = fifo("scenario.toml");
  expect_refused(run_bounded({"check", "/dev/zero"}), "/dev/zero: error: is a character device");
  expect_refused(run_bounded({"check", "/dev/urandom"}), "is a character device");
  expect_refused(run_bounded({"check", pipe.string()}), "is a FIFO (named pipe)");
  expect_refused(run_bounded({"check", dir_.string()}), "is a directory, not a scenario file");
  expect_refused(run_bounded({"run", "/dev/zero", "-o", (dir_ / "out.h5").string()}),
                 "is a character device");
  EXPECT_FALSE(fs::exists(dir_ / "out.h5"));
}

TEST_F(HostileInputsTest, DevicesAndFifosAsExtendsAreRefusedAtTheKey) {
  const fs::path pipe = fifo("parent.toml");
  for (const std::string& target :
       {std::string("/dev/zero"), std::string("/dev/urandom"), pipe.string()}) {
    SCOPED_TRACE(target);
    const fs::path child =
        write("child.toml", "name = \"child\"\nextends = \"" + target + "\"\nhorizon = 2030\n");
    // The problem is reported where it is written: the child's line 2.
    const Exit e = run_bounded({"check", child.string()});
    expect_refused(e, child.string() + ":2:11: error: extends: '" + target + "' is a ");
  }
}

TEST_F(HostileInputsTest, OversizedScenarioSweepAndCsvFilesNameTheCap) {
  const fs::path scenario = oversized("big.toml", "name = \"big\"\n");
  try {
    (void)scenarios::load_scenario(scenario, countries());
    ADD_FAILURE() << "an oversized scenario was read";
  } catch (const support::InputError& e) {
    EXPECT_THAT(message_of(e),
                HasSubstr("is larger than 1 MiB, the most a scenario file may have"));
  }
  const fs::path child = write("child.toml", "name = \"c\"\nextends = \"big.toml\"\n");
  try {
    (void)scenarios::load_scenario(child, countries());
    ADD_FAILURE() << "an oversized parent was read";
  } catch (const support::InputError& e) {
    EXPECT_THAT(message_of(e), HasSubstr(":2:11: error: extends: 'big.toml' is larger than 1 MiB"));
  }
  try {
    (void)scenarios::load_sweep(oversized("big_sweep.toml", "name = \"s\"\n"));
    ADD_FAILURE() << "an oversized sweep was read";
  } catch (const support::InputError& e) {
    EXPECT_THAT(message_of(e), HasSubstr("is larger than 1 MiB, the most a sweep file may have"));
  }
  try {
    (void)analysis::load_observed_csv(oversized("big.csv", "country,gdp,spending_pct\n"),
                                      countries());
    ADD_FAILURE() << "an oversized CSV was read";
  } catch (const support::InputError& e) {
    EXPECT_THAT(message_of(e), HasSubstr("is larger than 1 MiB, the most a CSV file may have"));
  }
  // Exactly at the cap is still read (here: a valid scenario of 1 MiB).
  std::string at_cap = "name = \"at_cap\"\n";
  at_cap += std::string(scenarios::kMaxInputFileBytes - at_cap.size() - 1, '#') + "\n";
  const fs::path largest = write("at_cap.toml", at_cap);
  ASSERT_EQ(fs::file_size(largest), scenarios::kMaxInputFileBytes);
  EXPECT_EQ(scenarios::load_scenario(largest, countries()).name, "at_cap");
}

TEST_F(HostileInputsTest, DevicesAndFifosAsASweepOrObservedDataAreRefused) {
  const fs::path pipe = fifo("sweep.toml");
  expect_refused(run_bounded({"sweep", "/dev/zero", "-o", (dir_ / "s.h5").string()}),
                 "/dev/zero: error: is a character device");
  expect_refused(run_bounded({"sweep", pipe.string(), "-o", (dir_ / "s.h5").string()}),
                 "is a FIFO (named pipe), not a sweep file");
  const fs::path csv_pipe = fifo("observed.csv");
  expect_refused(run_bounded({"burden", csv_pipe.string()}),
                 "is a FIFO (named pipe), not a CSV file");
  // Results files too: a FIFO given as one must not block H5Fis_hdf5.
  expect_refused(run_bounded({"burden", "/dev/zero"}), "/dev/zero: error: is a character device");
  const fs::path h5_pipe = fifo("results.h5");
  expect_refused(run_bounded({"summarize", h5_pipe.string()}),
                 "is a FIFO (named pipe), not a results file");
  expect_refused(run_bounded({"replay", h5_pipe.string(), "--run", "0"}),
                 "is a FIFO (named pipe), not a results file");
}

// Issue 13, item 13: a base that exists but is no scenario file was reported "not found".
TEST_F(HostileInputsTest, ASweepBaseThatIsNoFileSaysWhatItIs) {
  const auto sweep_with_base = [&](const std::string& base) {
    return write("sweep.toml", "name = \"s\"\nbase = \"" + base +
                                   "\"\nseed = 1\n[design]\ntype = \"full_factorial\"\n"
                                   "[[factors]]\nparameter = \"nato.target_year\"\n"
                                   "low = 2030\nhigh = 2040\nlevels = 3\n");
  };
  const fs::path folder = dir_ / "folder";
  fs::create_directories(folder);
  const fs::path pipe = fifo("base_pipe.toml");
  struct Case {
    std::string base, words;
  };
  for (const Case& c : {Case{"/dev/null", "'/dev/null': /dev/null is a character device"},
                        Case{folder.string(), "'" + folder.string() + "': " + folder.string() +
                                                  " is a directory, not a scenario file"},
                        Case{pipe.string(), "'" + pipe.string() + "': " + pipe.string() +
                                                " is a FIFO (named pipe), not a scenario file"}}) {
    SCOPED_TRACE(c.base);
    try {
      (void)scenarios::load_sweep(sweep_with_base(c.base));
      ADD_FAILURE() << "accepted";
    } catch (const support::InputError& e) {
      EXPECT_THAT(message_of(e), HasSubstr(":2:8: error: base scenario " + c.words));
      EXPECT_THAT(message_of(e), ::testing::Not(HasSubstr("not found")));
    }
  }
}

// Stored scenario text is fully resolved: an `extends` in it (a damaged or forged file) must not
// make `replay` read /etc/passwd or /dev/zero from this machine.
TEST_F(HostileInputsTest, StoredScenarioTextWithExtendsIsRefused) {
  for (const char* target : {"/etc/passwd", "/dev/zero"}) {
    SCOPED_TRACE(target);
    const std::string text = std::string("name = \"forged\"\nextends = \"") + target + "\"\n";
    try {
      (void)scenarios::parse_stored_scenario(text, "file.h5:scenario_toml[forged]", countries());
      ADD_FAILURE() << "accepted";
    } catch (const support::InputError& e) {
      EXPECT_THAT(message_of(e), HasSubstr("file.h5:scenario_toml[forged]:2:11: error: extends is "
                                           "not allowed here"));
    }
  }

  const fs::path results = dir_ / "forged.h5";
  const Exit made =
      run({"run", "baseline", "--runs", "2", "--horizon", "2026", "-o", results.string()});
  ASSERT_EQ(made.status, 0) << made.output;
  {
    const h5::Handle file(H5Fopen(results.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    const h5::Handle ds(H5Dopen2(file.id(), "scenario_toml", H5P_DEFAULT), "open scenario_toml");
    const h5::Handle type = h5::string_type();
    const std::string forged = "name = \"baseline\"\nextends = \"/dev/zero\"\n";
    const char* pointer = forged.c_str();
    ASSERT_GE(H5Dwrite(ds.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer), 0);
  }
  {
    const ResultsReader reader(results);
    EXPECT_THROW((void)reader.stored_scenario(0, countries()), support::InputError);
  }
  expect_refused(run_bounded({"replay", results.string(), "--run", "0"}),
                 "extends is not allowed here");
}

}  // namespace
}  // namespace rampart::engine
