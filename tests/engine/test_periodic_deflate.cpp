// PeriodicDeflater writes raw deflate that zlib's inflate (what HDF5's deflate filter calls)
// reads back to the input, on planes that use every path: the two match distances, runs crossing
// the 258-byte match limit, counts skewed enough to need the 15-bit length limit, data that is
// all literals, and the fixed-code fallback; and it never writes past its bound.

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "rampart/io/periodic_deflate.hpp"

namespace rampart::engine {
namespace {

constexpr unsigned char kGuard = 0xA5;

// Compresses `plain` with `period` into a buffer of exactly the bound plus guard bytes, checks
// the guard, and returns the stream.
std::vector<unsigned char> compress(PeriodicDeflater& deflater,
                                    const std::vector<unsigned char>& plain, std::size_t period) {
  const std::size_t bound = periodic_deflate_bound(plain.size());
  std::vector<unsigned char> out(bound + 64, kGuard);
  const std::size_t written = deflater.compress(plain.data(), plain.size(), period, out.data());
  EXPECT_LE(written, bound);
  for (std::size_t i = bound; i < out.size(); ++i) EXPECT_EQ(out[i], kGuard) << i;
  out.resize(written);
  return out;
}

// zlib's raw inflate (window bits -15): the whole stream must be one complete deflate stream.
std::vector<unsigned char> inflate_raw(std::span<const unsigned char> stored, std::size_t size) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, -15), Z_OK);
  std::vector<unsigned char> plain(size + 16);
  z.next_in = const_cast<unsigned char*>(stored.data());
  z.avail_in = static_cast<uInt>(stored.size());
  z.next_out = plain.data();
  z.avail_out = static_cast<uInt>(plain.size());
  const int status = inflate(&z, Z_FINISH);
  EXPECT_EQ(status, Z_STREAM_END) << (z.msg != nullptr ? z.msg : "");
  EXPECT_EQ(z.avail_in, 0U);  // nothing after the final block's padding
  plain.resize(z.total_out);
  inflateEnd(&z);
  return plain;
}

// A shuffled float series' exponent plane: rows of `period` bytes, each row last row's with a
// fraction `change` of its bytes moved to a neighbouring exponent.
std::vector<unsigned char> exponent_plane(std::size_t rows, std::size_t period, double change,
                                          std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> exponent(0x3A, 0x42);
  std::bernoulli_distribution moves(change);
  std::vector<unsigned char> plane(rows * period);
  for (std::size_t j = 0; j < period; ++j) plane[j] = static_cast<unsigned char>(exponent(rng));
  for (std::size_t i = period; i < plane.size(); ++i) {
    plane[i] = plane[i - period];
    if (moves(rng)) plane[i] = static_cast<unsigned char>(plane[i] + (rng() % 2 == 0 ? 1 : -1));
  }
  return plane;
}

TEST(PeriodicDeflate, ZlibInflatesExponentPlanesToThemselves) {
  PeriodicDeflater deflater;  // reused, as the codec reuses one per thread
  for (const std::size_t period : {std::size_t{36}, std::size_t{27}, std::size_t{972}}) {
    for (const double change : {0.0, 0.01, 0.2, 0.9}) {
      const auto plane = exponent_plane(4000, period, change, 7);
      const auto stored = compress(deflater, plane, period);
      EXPECT_EQ(inflate_raw(stored, plane.size()), plane) << period << " " << change;
    }
  }
}

// BlockEnd::More: a block that is not final, ended by an empty stored block on a byte boundary,
// so another block may follow it directly: here a second compressed one (final), after inputs
// of every small length and of both kinds of code (fixed for tiny inputs, dynamic for large).
TEST(PeriodicDeflate, ABlockThatIsNotLastIsFollowedByTheNext) {
  PeriodicDeflater deflater;
  const auto tail = exponent_plane(100, 36, 0.05, 3);
  for (const std::size_t length :
       {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{1000}, std::size_t{40000}}) {
    std::vector<unsigned char> head(length, 0x00);
    if (length > 3) head[length / 3] = 0x80;
    const std::size_t bound = periodic_deflate_bound(head.size());
    std::vector<unsigned char> stream(bound + 64, kGuard);
    const std::size_t first =
        deflater.compress(head.data(), head.size(), 36, stream.data(), BlockEnd::More);
    EXPECT_LE(first, bound);
    for (std::size_t i = bound; i < stream.size(); ++i) ASSERT_EQ(stream[i], kGuard) << i;
    // It ends with the empty stored block's length and complement.
    ASSERT_GE(first, 4U);
    EXPECT_EQ(stream[first - 4], 0x00);
    EXPECT_EQ(stream[first - 3], 0x00);
    EXPECT_EQ(stream[first - 2], 0xFF);
    EXPECT_EQ(stream[first - 1], 0xFF);
    stream.resize(first);
    const auto last = compress(deflater, tail, 36);
    stream.insert(stream.end(), last.begin(), last.end());
    std::vector<unsigned char> both = head;
    both.insert(both.end(), tail.begin(), tail.end());
    EXPECT_EQ(inflate_raw(stream, both.size()), both) << length;
  }
}

TEST(PeriodicDeflate, TheRowDistanceIsWhatMakesAPeriodicPlaneSmall) {
  PeriodicDeflater deflater;
  // Rows of 36 distinct-ish bytes repeated with 1 % changes: matches at distance 36 carry it.
  const auto plane = exponent_plane(4000, 36, 0.01, 11);
  const auto with_period = compress(deflater, plane, 36);
  EXPECT_LT(with_period.size() * 10, plane.size());
  // Without the period only runs of equal bytes match, and rows of varied bytes have few.
  const auto without = compress(deflater, plane, 0);
  EXPECT_GT(without.size(), 4 * with_period.size());
  EXPECT_EQ(inflate_raw(without, plane.size()), plane);
}

TEST(PeriodicDeflate, RunsAroundTheLongestMatchAndTinyInputs) {
  PeriodicDeflater deflater;
  for (const std::size_t length :
       {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{4},
        std::size_t{257}, std::size_t{258}, std::size_t{259}, std::size_t{260}, std::size_t{261},
        std::size_t{516}, std::size_t{517}, std::size_t{100000}}) {
    std::vector<unsigned char> plain(length, 0x3F);
    if (length > 2) plain[length / 2] = 0x40;
    for (const std::size_t period : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
      EXPECT_EQ(inflate_raw(compress(deflater, plain, period), plain.size()), plain)
          << length << " " << period;
    }
  }
}

// Inputs too short for a block's own codes to pay take the fixed codes, whose literals 144..255
// are the 9-bit ones (a fuzzer's find: they had been assigned as if the code had 286 symbols).
TEST(PeriodicDeflate, ShortInputsTakeTheFixedCodesForEveryByte) {
  PeriodicDeflater deflater;
  for (unsigned first = 0; first < 256; first += 5) {
    const std::vector<unsigned char> plain{static_cast<unsigned char>(first),
                                           static_cast<unsigned char>(255 - first), 0x9C, 0xF4};
    EXPECT_EQ(inflate_raw(compress(deflater, plain, 0), plain.size()), plain) << first;
  }
}

TEST(PeriodicDeflate, PeriodsBeyondTheWindowAreNotUsed) {
  PeriodicDeflater deflater;
  const auto plane = exponent_plane(3, 40000, 0.01, 3);  // rows longer than deflate's window
  EXPECT_EQ(inflate_raw(compress(deflater, plane, 40000), plane.size()), plane);
  const auto edge = exponent_plane(3, 32768, 0.01, 4);  // the longest distance deflate has
  const auto stored = compress(deflater, edge, 32768);
  EXPECT_EQ(inflate_raw(stored, edge.size()), edge);
  EXPECT_LT(stored.size() * 2, edge.size());
}

TEST(PeriodicDeflate, RandomBytesStayWithinTheBound) {
  PeriodicDeflater deflater;
  std::mt19937 rng(5);
  std::vector<unsigned char> plain(70000);
  for (auto& b : plain) b = static_cast<unsigned char>(rng());
  EXPECT_EQ(inflate_raw(compress(deflater, plain, 36), plain.size()), plain);
  // Only bytes the fixed code gives 9 bits, and no matches: the worst case of the bound.
  for (auto& b : plain) b = static_cast<unsigned char>(144 + rng() % 112);
  EXPECT_EQ(inflate_raw(compress(deflater, plain, 36), plain.size()), plain);
}

// Counts in a Fibonacci progression give a Huffman code 24 levels deep; deflate allows 15, so
// the lengths must be limited (an unlimited code cannot even be sent) and still decode.
TEST(PeriodicDeflate, SkewedCountsAreLimitedToFifteenBitCodes) {
  PeriodicDeflater deflater;
  std::vector<unsigned char> plain;
  std::uint64_t a = 1;
  std::uint64_t b = 1;
  for (unsigned symbol = 0; symbol < 25; ++symbol) {
    for (std::uint64_t k = 0; k < a; ++k) plain.push_back(static_cast<unsigned char>(symbol * 7));
    const std::uint64_t next = a + b;
    a = b;
    b = next;
  }
  std::mt19937 rng(9);
  std::shuffle(plain.begin(), plain.end(), rng);
  EXPECT_EQ(inflate_raw(compress(deflater, plain, 0), plain.size()), plain);
}

}  // namespace
}  // namespace rampart::engine
