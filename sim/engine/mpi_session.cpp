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
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return true;
  }
  return false;
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
