#include "rampart/engine/mpi_session.hpp"

#include <cstdlib>
#include <stdexcept>

#ifdef RAMPART_HAVE_MPI
// The C API only: OpenMPI's and MPICH's mpi.h otherwise pull in their deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace rampart::engine {

bool MpiSession::launched_by_mpi() {
  // The job's size as the launcher states it: OpenMPI's mpirun, MPICH's Hydra, or Slurm's srun
  // with PMI/PMIx. One process (srun of a job-array task, mpirun -np 1) needs no MPI at all.
  auto number = [](const char* name) -> long {
    const char* value = std::getenv(name);
    return value == nullptr ? 0 : std::strtol(value, nullptr, 10);
  };
  long size = number("OMPI_COMM_WORLD_SIZE");
  if (size == 0) size = number("PMI_SIZE");
  if (size == 0 && (std::getenv("PMIX_RANK") != nullptr || std::getenv("PMI_RANK") != nullptr)) {
    size = number("SLURM_NTASKS");
  }
  return size > 1;
}

bool MpiSession::available() {
#ifdef RAMPART_HAVE_MPI
  return true;
#else
  return false;
#endif
}

MpiSession::MpiSession() {
  if (!launched_by_mpi()) return;
#ifdef RAMPART_HAVE_MPI
  int already = 0;
  MPI_Initialized(&already);
  if (already == 0) {
    if (MPI_Init(nullptr, nullptr) != MPI_SUCCESS) throw std::runtime_error("MPI_Init failed");
    initialised_ = true;
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
  throw std::runtime_error(
      "started by an MPI launcher, but this rampart was built without MPI (RAMPART_MPI=OFF); "
      "rebuild with MPI, or split the work with --shard K/N and rampart merge");
#endif
}

MpiSession::~MpiSession() {
#ifdef RAMPART_HAVE_MPI
  if (initialised_) MPI_Finalize();
#endif
}

bool MpiSession::all(bool mine) const {
#ifdef RAMPART_HAVE_MPI
  if (initialised_ || size_ > 1) {
    int in = mine ? 1 : 0;
    int out = 0;
    MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    return out != 0;
  }
#endif
  return mine;
}

void MpiSession::barrier() const {
#ifdef RAMPART_HAVE_MPI
  if (initialised_ || size_ > 1) MPI_Barrier(MPI_COMM_WORLD);
#endif
}

void MpiSession::abort(int status) const {
#ifdef RAMPART_HAVE_MPI
  if (size_ > 1) MPI_Abort(MPI_COMM_WORLD, status);
#else
  (void)status;
#endif
}

}  // namespace rampart::engine
