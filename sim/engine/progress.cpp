#include "rampart/engine/progress.hpp"

#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <string>

namespace rampart::engine {

ProgressMeter::ProgressMeter(Mode mode, std::ostream& out, std::int64_t total_runs,
                             std::int64_t already_done)
    : mode_(mode),
      out_(out),
      total_(total_runs),
      already_done_(already_done),
      start_(Clock::now()),
      last_draw_(start_) {}

ProgressMeter::Mode ProgressMeter::mode_for_stderr(bool quiet) {
  if (quiet) return Mode::Off;
  return ::isatty(STDERR_FILENO) != 0 ? Mode::Bar : Mode::SummaryOnly;
}

double ProgressMeter::elapsed_seconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

double ProgressMeter::runs_per_second(std::int64_t runs_done) const {
  const double seconds = elapsed_seconds();
  return seconds > 0.0 ? static_cast<double>(runs_done - already_done_) / seconds : 0.0;
}

void ProgressMeter::update(std::int64_t runs_done) {
  if (mode_ != Mode::Bar) return;
  const auto now = Clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(runs_done);
}

void ProgressMeter::draw(std::int64_t runs_done) {
  constexpr int kWidth = 30;
  const double fraction =
      total_ > 0 ? static_cast<double>(runs_done) / static_cast<double>(total_) : 1.0;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  const double rate = runs_per_second(runs_done);
  const std::string eta =
      rate > 0.0 ? format_duration(static_cast<double>(total_ - runs_done) / rate) : "?";
  std::array<char, 200> line{};
  std::snprintf(line.data(), line.size(), "\r[%s] %lld/%lld runs  %.0f runs/s  ETA %s  elapsed %s ",
                bar.c_str(), static_cast<long long>(runs_done), static_cast<long long>(total_),
                rate, eta.c_str(), format_duration(elapsed_seconds()).c_str());
  out_ << line.data() << std::flush;
  drawn_ = true;
}

void ProgressMeter::finish(std::int64_t runs_done) {
  if (mode_ == Mode::Off) return;
  if (mode_ == Mode::Bar) {
    draw(runs_done);
    out_ << '\n';
  }
  std::array<char, 160> line{};
  std::snprintf(line.data(), line.size(), "%lld of %lld runs in %s (%.0f runs/s)\n",
                static_cast<long long>(runs_done), static_cast<long long>(total_),
                format_duration(elapsed_seconds()).c_str(), runs_per_second(runs_done));
  out_ << line.data() << std::flush;
}

std::string format_bytes(std::uintmax_t bytes) {
  std::array<char, 32> text{};
  const auto b = static_cast<double>(bytes);
  if (bytes >= (1U << 30)) {
    std::snprintf(text.data(), text.size(), "%.1f GiB", b / (1U << 30));
  } else if (bytes >= (1U << 20)) {
    std::snprintf(text.data(), text.size(), "%.1f MiB", b / (1U << 20));
  } else if (bytes >= (1U << 10)) {
    std::snprintf(text.data(), text.size(), "%.1f KiB", b / (1U << 10));
  } else {
    std::snprintf(text.data(), text.size(), "%llu B", static_cast<unsigned long long>(bytes));
  }
  return text.data();
}

std::string format_duration(double seconds) {
  std::array<char, 32> text{};
  if (seconds < 60.0) {
    std::snprintf(text.data(), text.size(), "%.1f s", seconds);
  } else {
    const auto total = static_cast<long long>(std::llround(seconds));
    if (total >= 3600) {
      std::snprintf(text.data(), text.size(), "%lld:%02lld:%02lld", total / 3600, (total / 60) % 60,
                    total % 60);
    } else {
      std::snprintf(text.data(), text.size(), "%lld:%02lld", total / 60, total % 60);
    }
  }
  return text.data();
}

}  // namespace rampart::engine
