#pragma once
// MPI for `mpirun -np K rampart run|sweep ...`: initialised only when an MPI launcher started
// this process (so a plain `rampart` never touches MPI), finalised at the end of the session.
// Each rank runs one shard of the request (shard.hpp); rank 0 merges the parts.

#include <string>

namespace rampart::engine {

class MpiSession {
 public:
  // True when the environment says an MPI launcher started this process as one of several
  // (OpenMPI's OMPI_COMM_WORLD_SIZE, MPICH's PMI_SIZE, or SLURM_NTASKS under srun's PMI/PMIx).
  [[nodiscard]] static bool launched_by_mpi();
  // True when this build has MPI (CMake option RAMPART_MPI).
  [[nodiscard]] static bool available();

  // Calls MPI_Init when launched_by_mpi() and available(); otherwise a session of one rank.
  // Throws std::runtime_error when launched by an MPI launcher but built without MPI (every
  // process would otherwise write the whole request to the same file).
  MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  ~MpiSession();

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }
  [[nodiscard]] bool distributed() const { return size_ > 1; }

  // Logical AND of `mine` over all ranks (a collective call).
  [[nodiscard]] bool all(bool mine) const;
  void barrier() const;
  // Ends every rank of the job with `status` (MPI_Abort); a no-op returning for one rank.
  void abort(int status) const;

 private:
  bool initialised_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace rampart::engine
