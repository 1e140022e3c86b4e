#pragma once
// An exclusive lock on an output file: FILE.lock, created and held with flock(2), with the
// holder's pid inside. A second process asking for the same output gets OutputBusy. The lock
// file is removed when the holder releases it; a lock file left by a killed process is not
// held (the kernel drops flock locks with the process) and is simply taken over.

#include <filesystem>

namespace rampart::engine {

class OutputLock {
 public:
  // Locks `output` (the final results path) via `output` + ".lock".
  explicit OutputLock(const std::filesystem::path& output);
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  ~OutputLock();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace rampart::engine
