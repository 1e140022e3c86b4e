// `mpirun -np 2 rampart run|sweep`: each rank runs one shard, rank 0 merges; the file is
// byte-identical to a one-process run and no rank part is left. Needs a build with MPI
// (RAMPART_MPI) and OpenMPI's mpirun; run as root in CI containers, hence the flags.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../engine/cli_process.hpp"

namespace rampart::engine {
namespace {

#ifdef RAMPART_MPIEXEC
class MpiTest : public CliProcessTest {
 protected:
  // Runs `mpirun -np ranks rampart args...`; returns the exit status and the output.
  Exit mpirun(int ranks, const std::vector<std::string>& args) {
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    ::setenv("OMPI_MCA_btl", "self,vader", 1);              // one node: no network transports
    ::setenv("OMPI_MCA_rmaps_base_oversubscribe", "1", 1);  // more ranks than cores
    ::setenv("ASAN_OPTIONS", "detect_leaks=0", 1);          // OpenMPI keeps its allocations to exit
    const fs::path log = dir_ / ("mpirun" + std::to_string(++mpi_launches_) + ".log");
    std::string command =
        std::string(RAMPART_MPIEXEC) + " -np " + std::to_string(ranks) + " " + RAMPART_BINARY;
    for (const auto& a : args) command += " '" + a + "'";
    command += " > '" + log.string() + "' 2>&1";
    const int raw = std::system(command.c_str());
    Exit e;
    e.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    std::ifstream in(log);
    e.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return e;
  }
  int mpi_launches_ = 0;
};

TEST_F(MpiTest, TwoRanksWriteTheOneProcessFile) {
  const std::vector<std::string> args = {"run",  "baseline",  "hague_5pct", "--runs",
                                         "120",  "--seed",    "9",          "--horizon",
                                         "2031", "--threads", "1"};
  const fs::path ref = dir_ / "one.h5";
  std::vector<std::string> one = args;
  one.insert(one.end(), {"-q", "-o", ref.string()});
  ASSERT_EQ(run(one).status, 0);
  const fs::path out = dir_ / "mpi.h5";
  std::vector<std::string> two = args;
  two.insert(two.end(), {"-o", out.string()});
  const Exit e = mpirun(2, two);
  ASSERT_EQ(e.status, 0) << e.output;
  EXPECT_NE(e.output.find("from 2 MPI ranks"), std::string::npos) << e.output;
  EXPECT_EQ(bytes_of(out), bytes_of(ref));
  // Only the result is left: no rank parts, partial files or locks.
  for (const auto& name : outputs()) {
    EXPECT_TRUE(name == "one.h5" || name == "mpi.h5" || name.ends_with(".log")) << name;
  }
}

TEST_F(MpiTest, TwoRanksSweep) {
  const auto base = (fs::path(RAMPART_SOURCE_DIR) / "scenarios" / "baseline.toml").string();
  const fs::path sweep = dir_ / "grid.toml";
  std::ofstream(sweep) << "name = \"grid\"\nbase = \"" << base
                       << "\"\nseed = 5\nreplicates = 16\n\n[design]\ntype = "
                          "\"full_factorial\"\n\n[[factors]]\nparameter = "
                          "\"us.presence_floor\"\nvalues = [0.0, 0.5]\n";
  const fs::path ref = dir_ / "one.h5";
  ASSERT_EQ(run({"sweep", sweep.string(), "--horizon", "2030", "-q", "-o", ref.string()}).status,
            0);
  const fs::path out = dir_ / "mpi.h5";
  const Exit e = mpirun(2, {"sweep", sweep.string(), "--horizon", "2030", "--threads", "1", "-q",
                            "-o", out.string()});
  ASSERT_EQ(e.status, 0) << e.output;
  EXPECT_EQ(bytes_of(out), bytes_of(ref));
}

TEST_F(MpiTest, AnErrorOnTheRanksLeavesNoFile) {
  const fs::path out = dir_ / "mpi.h5";
  std::ofstream(out) << "existing";
  const Exit e =
      mpirun(2, {"run", "baseline", "--runs", "50", "--threads", "1", "-o", out.string()});
  EXPECT_NE(e.status, 0) << e.output;
  EXPECT_NE(e.output.find("pass --force"), std::string::npos) << e.output;
  EXPECT_EQ(bytes_of(out), "existing");
}
#else
TEST(MpiTest, NeedsAnMpiBuild) {
  GTEST_SKIP() << "built without MPI (RAMPART_MPI=OFF): the mpirun tests do not apply";
}
#endif

}  // namespace
}  // namespace rampart::engine
