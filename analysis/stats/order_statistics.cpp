#include "rampart/stats/order_statistics.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "rampart/stats/errors.hpp"

namespace rampart::stats {

namespace {

// An unsigned key whose order is the floats' order: negatives' bits reversed below the
// positives, whose sign bit is set; -0.0 maps to +0.0's key.
std::uint32_t key_of(float x) {
  std::uint32_t bits = std::bit_cast<std::uint32_t>(x);
  bits = (bits << 1U) == 0 ? 0 : bits;
  return (bits & 0x80000000U) != 0 ? ~bits : bits | 0x80000000U;
}

float value_of(std::uint32_t key) {
  return std::bit_cast<float>((key & 0x80000000U) != 0 ? key & 0x7fffffffU : ~key);
}

constexpr std::size_t kDigits = std::size_t{1} << 16U;
// Below this many values a sort of the keys is cheaper than clearing a histogram.
constexpr std::size_t kSortBelow = 4096;
// Above this many wanted ranks, a sort of the keys: the slots below number the wanted digits.
constexpr std::size_t kMostRanks = 4096;

// Where a rank falls in a histogram of 2^16 digits: the digit and the rank among that digit's
// values. `ranks` ascend; so do the answers.
struct DigitRank {
  std::uint32_t digit;
  std::size_t rank;
};

std::vector<DigitRank> locate(const std::vector<std::uint32_t>& histogram,
                              std::span<const std::size_t> ranks) {
  std::vector<DigitRank> located;
  located.reserve(ranks.size());
  std::size_t below = 0;  // values in digits before `digit`
  std::uint32_t digit = 0;
  for (const std::size_t rank : ranks) {
    while (below + histogram[digit] <= rank) below += histogram[digit++];
    located.push_back({digit, rank - below});
  }
  return located;
}

// The keys at ascending `ranks` (each below the sample's size) of the sample's keys.
std::vector<std::uint32_t> keys_at_ranks(std::span<const float> sample,
                                         std::span<const std::size_t> ranks) {
  std::vector<std::uint32_t> keys(ranks.size());
  if (sample.size() < kSortBelow || ranks.size() > kMostRanks) {
    std::vector<std::uint32_t> sorted(sample.size());
    std::transform(sample.begin(), sample.end(), sorted.begin(), key_of);
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < ranks.size(); ++i) keys[i] = sorted[ranks[i]];
    return keys;
  }
  // Pass 1: the high 16 bits of every key, counted.
  std::vector<std::uint32_t> histogram(kDigits, 0);
  for (const float x : sample) ++histogram[key_of(x) >> 16U];
  const std::vector<DigitRank> high = locate(histogram, ranks);

  // Pass 2: the low 16 bits of the keys in the few high digits that hold a wanted rank.
  std::vector<std::uint32_t> wanted;  // distinct high digits, ascending
  for (const auto& h : high) {
    if (wanted.empty() || wanted.back() != h.digit) wanted.push_back(h.digit);
  }
  std::vector<std::uint16_t> slot(kDigits, 0);  // 1 + index into `wanted`, 0: not wanted
  // The wanted digits' low halves, digit after digit, and one spare element where every other
  // value is written, so the pass has no branch.
  std::vector<std::size_t> cursor(wanted.size() + 1);
  std::vector<std::size_t> begin(wanted.size() + 1);
  for (std::size_t w = 0; w < wanted.size(); ++w) {
    slot[wanted[w]] = static_cast<std::uint16_t>(w + 1);
    begin[w + 1] = begin[w] + histogram[wanted[w]];
  }
  std::vector<std::uint16_t> low(begin.back() + 1);
  for (std::size_t w = 0; w < wanted.size(); ++w) cursor[w + 1] = begin[w];
  cursor[0] = begin.back();
  for (const float x : sample) {
    const std::uint32_t key = key_of(x);
    const std::uint16_t s = slot[key >> 16U];
    low[cursor[s]] = static_cast<std::uint16_t>(key & 0xffffU);
    cursor[s] += s != 0 ? 1 : 0;
  }

  // Pass 3, over those only: the low digit of each wanted rank.
  std::size_t at = 0;
  for (std::size_t w = 0; w < wanted.size(); ++w) {
    std::size_t end = at;
    while (end < high.size() && high[end].digit == wanted[w]) ++end;
    const std::span<std::uint16_t> values(low.data() + begin[w], begin[w + 1] - begin[w]);
    if (values.size() < kSortBelow) {
      std::sort(values.begin(), values.end());
      for (; at < end; ++at) keys[at] = (wanted[w] << 16U) | values[high[at].rank];
      continue;
    }
    std::fill(histogram.begin(), histogram.end(), 0);
    for (const std::uint16_t v : values) ++histogram[v];
    std::vector<std::size_t> local;
    for (std::size_t i = at; i < end; ++i) local.push_back(high[i].rank);
    const std::vector<DigitRank> lows = locate(histogram, local);
    for (const auto& l : lows) keys[at++] = (wanted[w] << 16U) | l.digit;
  }
  return keys;
}

}  // namespace

void float_quantiles(std::span<const float> sample, std::span<const double> probabilities,
                     std::span<double> out) {
  if (sample.empty()) throw StatisticsError("quantile of an empty sample");
  if (out.size() != probabilities.size()) {
    throw StatisticsError("quantiles: as many outputs as probabilities are needed");
  }
  // NaN's magnitude bits lie above infinity's. A reduction without a branch, by a signed
  // compare (the magnitudes are below 2^31), which SSE2 does four at a time; its unsigned
  // maximum ran one value at a time.
  std::int32_t nan_seen = 0;
  for (const float x : sample) {
    nan_seen |= std::int32_t{
        static_cast<std::int32_t>(std::bit_cast<std::uint32_t>(x) & 0x7fffffffU) > 0x7f800000};
  }
  if (nan_seen != 0) throw StatisticsError("quantile of a sample containing NaN");
  const std::size_t n = sample.size();
  // Each probability's two order statistics, floor(h) and the one above (when there is one).
  std::vector<std::size_t> ranks;
  for (const double p : probabilities) {
    if (!(p >= 0.0 && p <= 1.0)) throw StatisticsError("quantile probability outside [0, 1]");
    const auto index = static_cast<std::size_t>(std::floor(static_cast<double>(n - 1) * p));
    ranks.push_back(index);
    if (index + 1 < n) ranks.push_back(index + 1);
  }
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  const std::vector<std::uint32_t> keys = keys_at_ranks(sample, ranks);
  const auto order_statistic = [&](std::size_t rank) {
    const auto i = static_cast<std::size_t>(std::lower_bound(ranks.begin(), ranks.end(), rank) -
                                            ranks.begin());
    return static_cast<double>(value_of(keys[i]));
  };
  for (std::size_t q = 0; q < probabilities.size(); ++q) {
    // The arithmetic of quantile_sorted, on the same two values.
    const double h = static_cast<double>(n - 1) * probabilities[q];
    const double lower = std::floor(h);
    const auto index = static_cast<std::size_t>(lower);
    const double at = order_statistic(index);
    out[q] = index + 1 >= n ? at : at + (h - lower) * (order_statistic(index + 1) - at);
  }
}

}  // namespace rampart::stats
