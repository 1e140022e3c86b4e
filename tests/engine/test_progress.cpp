// Progress output: nothing when off, one summary line when stderr is not a terminal, a bar
// redrawn in place otherwise; sizes and durations in human units.

#include <gtest/gtest.h>

#include <sstream>

#include "rampart/engine/progress.hpp"

namespace rampart::engine {
namespace {

TEST(Progress, OffPrintsNothing) {
  std::ostringstream out;
  ProgressMeter meter(ProgressMeter::Mode::Off, out, 100, 0);
  meter.update(50);
  meter.finish(100);
  EXPECT_EQ(out.str(), "");
}

TEST(Progress, SummaryOnlyPrintsOneLineAtTheEnd) {
  std::ostringstream out;
  ProgressMeter meter(ProgressMeter::Mode::SummaryOnly, out, 100, 0);
  meter.update(50);
  EXPECT_EQ(out.str(), "");
  meter.finish(100);
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("100 of 100 runs in ", 0), 0U) << text;
  EXPECT_NE(text.find(" runs/s)\n"), std::string::npos) << text;
  EXPECT_EQ(text.find('\n'), text.size() - 1) << text;
}

TEST(Progress, BarRedrawsInPlaceAtMostTenTimesASecond) {
  std::ostringstream out;
  ProgressMeter meter(ProgressMeter::Mode::Bar, out, 1000, 0);
  meter.update(10);
  meter.update(20);  // within 100 ms of the first draw: skipped
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("\r[", 0), 0U) << text;
  EXPECT_NE(text.find("10/1000 runs"), std::string::npos) << text;
  EXPECT_EQ(text.find("20/1000 runs"), std::string::npos) << text;
  EXPECT_NE(text.find("ETA"), std::string::npos);
  EXPECT_NE(text.find("elapsed"), std::string::npos);
  meter.finish(1000);
  EXPECT_NE(out.str().find("1000/1000 runs"), std::string::npos);
  EXPECT_NE(out.str().find("\n1000 of 1000 runs in "), std::string::npos);
}

TEST(Progress, ResumedRunsDoNotCountTowardTheRate) {
  std::ostringstream out;
  const ProgressMeter meter(ProgressMeter::Mode::SummaryOnly, out, 100, 100);
  EXPECT_EQ(meter.runs_per_second(100), 0.0);
}

TEST(Progress, HumanUnits) {
  EXPECT_EQ(format_bytes(12), "12 B");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
  EXPECT_EQ(format_bytes(3U << 20), "3.0 MiB");
  EXPECT_EQ(format_bytes(std::uintmax_t{5} << 30), "5.0 GiB");
  EXPECT_EQ(format_duration(4.24), "4.2 s");
  EXPECT_EQ(format_duration(123.0), "2:03");
  EXPECT_EQ(format_duration(3723.0), "1:02:03");
}

}  // namespace
}  // namespace rampart::engine
