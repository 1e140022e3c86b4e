#pragma once
// Comparing two results files in tests: their bytes, or their data (every numeric dataset, the
// events table and the commit counters).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "rampart/io/results_reader.hpp"

namespace rampart::engine::testing {

inline std::string bytes_of(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void expect_same_data(const std::filesystem::path& a, const std::filesystem::path& b) {
  const ResultsReader ra(a);
  const ResultsReader rb(b);
  for (const auto& name : ResultsReader::numeric_datasets()) {
    EXPECT_EQ(ra.raw(name), rb.raw(name)) << name;
  }
  EXPECT_EQ(ra.all_events(), rb.all_events());
  EXPECT_EQ(ra.int_attribute("blocks_done"), rb.int_attribute("blocks_done"));
  EXPECT_EQ(ra.string_attribute("status"), rb.string_attribute("status"));
}

}  // namespace rampart::engine::testing
