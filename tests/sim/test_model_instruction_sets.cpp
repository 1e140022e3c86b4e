// The step's alliance sums have a portable copy and an AVX2 copy (sim/model.cpp); a run's results
// must not depend on which one the CPU picked: every library scenario, the same bits.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "model_test_support.hpp"
#include "rampart/scenarios/country.hpp"
#include "rampart/scenarios/scenario.hpp"
#include "rampart/sim/model.hpp"
#include "rampart/sim/rng.hpp"
#include "rampart/sim/world.hpp"

namespace rampart::sim {
namespace {

using testing::RecordBuffer;

template <class T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// Every double of the world (the trailing ints and bool compared as values: padding follows them).
bool same_world(const World& a, const World& b) {
  return std::memcmp(&a, &b, offsetof(World, war_state)) == 0 && a.war_state == b.war_state &&
         a.crisis_target == b.crisis_target && a.crisis_outcome == b.crisis_outcome &&
         a.us_aid_ended == b.us_aid_ended;
}

bool same_events(const RecordBuffer& a, const RecordBuffer& b) {
  if (a.event_count != b.event_count) return false;
  for (int k = 0; k < a.event_count; ++k) {
    const auto& x = a.events[static_cast<std::size_t>(k)];
    const auto& y = b.events[static_cast<std::size_t>(k)];
    if (x.year != y.year || x.kind != y.kind || x.country != y.country ||
        std::memcmp(&x.value, &y.value, sizeof x.value) != 0) {
      return false;
    }
  }
  return true;
}

TEST(ModelInstructionSets, TheDefaultIsAvx2ExactlyWhereTheCpuHasIt) {
  const Model model(testing::default_scenario(), 2035);
  EXPECT_EQ(model.instruction_set() == InstructionSet::Avx2, avx2_available());
  Model portable(testing::default_scenario(), 2035);
  portable.set_instruction_set(InstructionSet::Portable);
  EXPECT_EQ(portable.instruction_set(), InstructionSet::Portable);
  if (!avx2_available()) {
    EXPECT_THROW(portable.set_instruction_set(InstructionSet::Avx2), std::invalid_argument);
  }
}

TEST(ModelInstructionSets, Avx2GivesThePortableBitsOnEveryLibraryScenario) {
  if (!avx2_available()) GTEST_SKIP() << "this CPU has no AVX2: only the portable copy runs";
  const auto table = scenarios::load_country_table(RAMPART_SOURCE_DIR "/scenarios");
  const auto files = testing::library_scenario_files();
  ASSERT_GE(files.size(), 10U);
  constexpr int kRuns = 24;
  for (const auto& file : files) {
    const auto scenario = scenarios::load_scenario(file, table);
    Model portable(scenario, 2050);
    portable.set_instruction_set(InstructionSet::Portable);
    Model avx2(scenario, 2050);
    avx2.set_instruction_set(InstructionSet::Avx2);
    for (int run = 0; run < kRuns; ++run) {
      const RunRng rng(20261207, static_cast<std::uint64_t>(run));
      const auto params = sample_parameters(scenario, rng);
      RecordBuffer a(portable.shape());
      RecordBuffer b(avx2.shape());
      // The doubles of every year, not only the stored float32 series: a difference in the last
      // bit of a sum must show even where rounding to float would hide it.
      const auto worlds_a = testing::run_worlds(portable, params, rng, a);
      const auto worlds_b = testing::run_worlds(avx2, params, rng, b);
      const std::string where = file.filename().string() + " run " + std::to_string(run);
      ASSERT_EQ(worlds_a.size(), worlds_b.size()) << where;
      for (std::size_t y = 0; y < worlds_a.size(); ++y) {
        ASSERT_TRUE(same_world(worlds_a[y], worlds_b[y])) << where << ", year " << worlds_a[y].year;
      }
      ASSERT_TRUE(same_bytes(a.state, b.state)) << where;
      ASSERT_TRUE(same_bytes(a.world, b.world)) << where;
      ASSERT_TRUE(same_bytes(a.codes, b.codes)) << where;
      ASSERT_TRUE(same_bytes(a.summary, b.summary)) << where;
      ASSERT_TRUE(same_events(a, b)) << where;
    }
  }
}

}  // namespace
}  // namespace rampart::sim
