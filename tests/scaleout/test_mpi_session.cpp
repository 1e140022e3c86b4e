// When rampart takes itself for an MPI rank: only when a launcher started it as one of several
// processes; never for a plain start, `mpirun -np 1`, or one srun task of a job array.

#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>

#include "rampart/engine/mpi_session.hpp"

namespace rampart::engine {
namespace {

class LaunchEnvironment : public ::testing::Test {
 protected:
  void SetUp() override { clear(); }
  void TearDown() override { clear(); }
  static void clear() {
    for (const char* name :
         {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMI_RANK", "PMIX_RANK", "SLURM_NTASKS"}) {
      ::unsetenv(name);
    }
  }
};

TEST_F(LaunchEnvironment, PlainStartIsNotMpi) {
  EXPECT_FALSE(MpiSession::launched_by_mpi());
  const MpiSession session;  // no MPI_Init: one rank
  EXPECT_EQ(session.rank(), 0);
  EXPECT_EQ(session.size(), 1);
  EXPECT_FALSE(session.distributed());
  EXPECT_TRUE(session.all(true));
  EXPECT_FALSE(session.all(false));
}

TEST_F(LaunchEnvironment, SeveralProcessesAreMpi) {
  ::setenv("OMPI_COMM_WORLD_SIZE", "4", 1);
  EXPECT_TRUE(MpiSession::launched_by_mpi());
  clear();
  ::setenv("PMI_SIZE", "2", 1);
  EXPECT_TRUE(MpiSession::launched_by_mpi());
  clear();
  ::setenv("PMIX_RANK", "0", 1);
  ::setenv("SLURM_NTASKS", "8", 1);
  EXPECT_TRUE(MpiSession::launched_by_mpi());
}

TEST_F(LaunchEnvironment, OneProcessIsNotMpi) {
  ::setenv("OMPI_COMM_WORLD_SIZE", "1", 1);
  EXPECT_FALSE(MpiSession::launched_by_mpi());
  clear();
  ::setenv("PMIX_RANK", "0", 1);
  ::setenv("SLURM_NTASKS", "1", 1);
  EXPECT_FALSE(MpiSession::launched_by_mpi());
  clear();
  ::setenv("SLURM_NTASKS", "8", 1);  // a Slurm job, but this process was not started by srun
  EXPECT_FALSE(MpiSession::launched_by_mpi());
}

}  // namespace
}  // namespace rampart::engine
