#pragma once
// Progress of a run on a terminal: a bar with runs done/total, runs/s, ETA and elapsed time,
// redrawn at most ten times a second; when the stream is not a terminal, nothing until a single
// summary line at the end.

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace rampart::engine {

class ProgressMeter {
 public:
  enum class Mode { Off, Bar, SummaryOnly };

  // `already_done` runs count toward the bar but not toward the rate (resume).
  ProgressMeter(Mode mode, std::ostream& out, std::int64_t total_runs, std::int64_t already_done);

  // Chooses Bar when stderr is a terminal, SummaryOnly otherwise, Off when quiet.
  static Mode mode_for_stderr(bool quiet);

  void update(std::int64_t runs_done);
  // Ends the bar's line (Bar) and prints "N of M runs in T s (R runs/s)" (Bar and SummaryOnly).
  void finish(std::int64_t runs_done);

  [[nodiscard]] double elapsed_seconds() const;
  [[nodiscard]] double runs_per_second(std::int64_t runs_done) const;

 private:
  void draw(std::int64_t runs_done);
  using Clock = std::chrono::steady_clock;
  Mode mode_;
  std::ostream& out_;
  std::int64_t total_;
  std::int64_t already_done_;
  Clock::time_point start_;
  Clock::time_point last_draw_;
  bool drawn_ = false;
};

// "1.5 MiB", "830 KiB", "12 B".
std::string format_bytes(std::uintmax_t bytes);
// "1:02:03", "2:03", "4.2 s".
std::string format_duration(double seconds);

}  // namespace rampart::engine
