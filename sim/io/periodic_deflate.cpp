#include "rampart/io/periodic_deflate.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace rampart::engine {
namespace {

// A code as it goes into the stream: `length` bits, first bit in bit 0.
struct Bits {
  std::uint32_t value = 0;
  std::uint32_t length = 0;
};

// Huffman codes are sent most significant bit first into a stream packed from bit 0 upward
// (RFC 1951 3.1.1), so they are stored reversed.
constexpr std::uint32_t reversed(std::uint32_t code, std::uint32_t length) {
  std::uint32_t r = 0;
  for (std::uint32_t i = 0; i < length; ++i) r |= ((code >> i) & 1U) << (length - 1 - i);
  return r;
}

// The fixed literal/length code (RFC 1951 3.2.6). It is canonical over all 288 symbols, so it is
// written out here rather than assigned from the lengths of the 286 that are used.
constexpr Bits fixed_code(std::uint32_t symbol) {
  if (symbol < 144) return {reversed(0x30 + symbol, 8), 8};
  if (symbol < 256) return {reversed(0x190 + symbol - 144, 9), 9};
  if (symbol < 280) return {reversed(symbol - 256, 7), 7};
  return {reversed(0xC0 + symbol - 280, 8), 8};
}

// RFC 1951 3.2.5: lengths 3..258 as symbols 257..285 with extra bits, distances 1..32768 as
// codes 0..29 with extra bits.
constexpr std::array<std::uint32_t, 29> kLengthBase{3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                                    15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                                    67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<std::uint32_t, 29> kLengthExtra{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                     2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<std::uint32_t, 30> kDistanceBase{
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<std::uint32_t, 30> kDistanceExtra{0, 0, 0,  0,  1,  1,  2,  2,  3,  3,
                                                       4, 4, 5,  5,  6,  6,  7,  7,  8,  8,
                                                       9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

constexpr std::size_t kMinMatch = 3;
constexpr std::size_t kMaxMatch = 258;

// Length n (3..258): the index k of its symbol 257 + k. 258 takes symbol 285 (the largest base
// not above it), never 284 with extra bits 31.
constexpr std::array<std::uint8_t, kMaxMatch + 1> kLengthIndex = [] {
  std::array<std::uint8_t, kMaxMatch + 1> table{};
  for (std::uint32_t n = kMinMatch; n <= kMaxMatch; ++n) {
    std::uint32_t k = 0;
    while (k + 1 < kLengthBase.size() && kLengthBase[k + 1] <= n) ++k;
    table[n] = static_cast<std::uint8_t>(k);
  }
  return table;
}();

// The distance code of d (1..32768).
std::uint32_t distance_code(std::size_t distance) {
  std::uint32_t k = 0;
  while (k + 1 < kDistanceBase.size() && kDistanceBase[k + 1] <= distance) ++k;
  return k;
}

// Bits packed from bit 0 upward, written out four bytes at a time.
class BitStream {
 public:
  explicit BitStream(unsigned char* out) : out_(out) {}

  // `bits` holds at most 32 bits; fewer than 32 are pending before, so at most 63 after.
  void put(std::uint64_t bits, std::uint32_t length) {
    pending_ |= bits << count_;
    count_ += length;
    if (count_ >= 32) {
      const auto word = static_cast<std::uint32_t>(pending_);
      for (std::size_t i = 0; i < 4; ++i) out_[i] = static_cast<unsigned char>(word >> (8 * i));
      out_ += 4;
      pending_ >>= 32U;
      count_ -= 32;
    }
  }

  // The pending bits, padded with zeros to a byte boundary; returns the end of the stream.
  unsigned char* finish() {
    for (; count_ > 0; count_ = count_ > 8 ? count_ - 8 : 0) {
      *out_++ = static_cast<unsigned char>(pending_ & 0xFFU);
      pending_ >>= 8U;
    }
    return out_;
  }

 private:
  unsigned char* out_;
  std::uint64_t pending_ = 0;
  std::uint32_t count_ = 0;
};

// How many of the first `limit` bytes at a and b agree, eight at a time where it can.
std::size_t common_length(const unsigned char* a, const unsigned char* b, std::size_t limit) {
  std::size_t n = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; n + 8 <= limit; n += 8) {
      std::uint64_t x = 0;
      std::uint64_t y = 0;
      std::memcpy(&x, a + n, 8);
      std::memcpy(&y, b + n, 8);
      if (x != y) return n + static_cast<std::size_t>(std::countr_zero(x ^ y)) / 8;
    }
  }
  while (n < limit && a[n] == b[n]) ++n;
  return n;
}

constexpr std::size_t kLitLenSymbols = 286;  // 0..255 literals, 256 end of block, 257..285
constexpr std::size_t kDistanceSymbols = 30;
constexpr std::size_t kCodeLengthSymbols = 19;
constexpr std::uint32_t kEndOfBlock = 256;
constexpr std::uint32_t kMaxCodeLength = 15;
constexpr std::uint32_t kMaxCodeLengthCodeLength = 7;
// The order in which the code-length code's lengths are sent (RFC 1951 3.2.7).
constexpr std::array<std::uint8_t, kCodeLengthSymbols> kCodeLengthOrder{
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

// A Huffman code of N symbols: each symbol's length (0: unused) and its bits, reversed.
template <std::size_t N>
struct Code {
  std::array<std::uint8_t, N> length{};
  std::array<std::uint16_t, N> bits{};

  [[nodiscard]] Bits of(std::size_t symbol) const { return {bits[symbol], length[symbol]}; }
};

// Huffman code lengths of at most `max_length` bits for `counts`: Huffman's construction (two
// queues over the symbols sorted by count); when the deepest leaf is too deep the counts are
// halved (a used symbol keeps at least 1) and the code built again, which flattens it. One used
// symbol gets a one-bit code (the incomplete code every inflate accepts).
template <std::size_t N>
void build_lengths(const std::array<std::uint32_t, N>& counts, std::uint32_t max_length,
                   Code<N>& code) {
  std::array<std::uint32_t, N> weights = counts;
  std::array<std::uint16_t, N> order{};
  std::array<std::uint64_t, 2 * N> weight{};
  std::array<std::uint16_t, 2 * N> parent{};
  std::array<std::uint8_t, 2 * N> depth{};
  for (;;) {
    code.length.fill(0);
    std::size_t used = 0;
    for (std::size_t s = 0; s < N; ++s) {
      if (weights[s] != 0) order[used++] = static_cast<std::uint16_t>(s);
    }
    if (used == 0) return;
    if (used == 1) {
      code.length[order[0]] = 1;
      return;
    }
    std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(used),
              [&](std::uint16_t a, std::uint16_t b) {
                return weights[a] != weights[b] ? weights[a] < weights[b] : a < b;
              });
    for (std::size_t i = 0; i < used; ++i) weight[i] = weights[order[i]];
    std::size_t leaf = 0;
    std::size_t node = used;
    std::size_t next = used;
    const auto smallest = [&] {
      if (leaf < used && (node == next || weight[leaf] <= weight[node])) return leaf++;
      return node++;
    };
    for (; next < 2 * used - 1; ++next) {
      const std::size_t a = smallest();
      const std::size_t b = smallest();
      weight[next] = weight[a] + weight[b];
      parent[a] = static_cast<std::uint16_t>(next);
      parent[b] = static_cast<std::uint16_t>(next);
    }
    depth[2 * used - 2] = 0;
    std::uint32_t deepest = 0;
    for (std::size_t i = 2 * used - 2; i-- > 0;) {
      depth[i] = static_cast<std::uint8_t>(depth[parent[i]] + 1);
      deepest = std::max<std::uint32_t>(deepest, depth[i]);
    }
    if (deepest <= max_length) {
      for (std::size_t i = 0; i < used; ++i) code.length[order[i]] = depth[i];
      return;
    }
    for (auto& w : weights) w = w == 0 ? 0 : (w + 1) / 2;
  }
}

// The canonical codes of the lengths (RFC 1951 3.2.2), reversed for the stream.
template <std::size_t N>
void assign_bits(Code<N>& code) {
  std::array<std::uint32_t, kMaxCodeLength + 2> count{};
  for (const auto length : code.length) ++count[length];
  count[0] = 0;
  std::array<std::uint32_t, kMaxCodeLength + 2> next{};
  for (std::uint32_t bits = 1, first = 0; bits <= kMaxCodeLength; ++bits) {
    first = (first + count[bits - 1]) << 1U;
    next[bits] = first;
  }
  for (std::size_t s = 0; s < N; ++s) {
    const std::uint32_t length = code.length[s];
    if (length != 0) code.bits[s] = static_cast<std::uint16_t>(reversed(next[length]++, length));
  }
}

// One item of the run-length coded code lengths: symbol 0..18 and its extra bits.
struct CodeLengthItem {
  std::uint8_t symbol = 0;
  std::uint8_t extra = 0;
};
constexpr std::array<std::uint32_t, kCodeLengthSymbols> kCodeLengthExtraBits{
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7};

// The lengths as RFC 1951 3.2.7 sends them: 16 repeats the previous length 3-6 times, 17 and 18
// repeat zero 3-10 and 11-138 times.
std::size_t run_length_code(const std::uint8_t* lengths, std::size_t count,
                            std::array<CodeLengthItem, kLitLenSymbols + kDistanceSymbols>& items) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < count;) {
    const std::uint8_t value = lengths[i];
    std::size_t run = 1;
    while (i + run < count && lengths[i + run] == value) ++run;
    i += run;
    if (value == 0) {
      for (; run >= 11; run -= std::min<std::size_t>(run, 138)) {
        items[n++] = {18, static_cast<std::uint8_t>(std::min<std::size_t>(run, 138) - 11)};
      }
      if (run >= 3) {
        items[n++] = {17, static_cast<std::uint8_t>(run - 3)};
        run = 0;
      }
    } else {
      items[n++] = {value, 0};
      --run;
      for (; run >= 3; run -= std::min<std::size_t>(run, 6)) {
        items[n++] = {16, static_cast<std::uint8_t>(std::min<std::size_t>(run, 6) - 3)};
      }
    }
    for (; run > 0; --run) items[n++] = {value, 0};
  }
  return n;
}

// A parsed token: a literal byte, or a match as kMatch | far << 9 | length.
constexpr std::uint16_t kMatch = 0x8000;
constexpr std::uint16_t kFar = 0x200;
constexpr std::uint32_t kNearCode = 0;  // distance 1

// The two match distances: `period` (when 1 < period <= 32768) and 1.
struct Distances {
  bool use_period = false;
  std::uint32_t far_code = 0;
  std::size_t period = 0;

  explicit Distances(std::size_t p)
      : use_period(p > 1 && p <= kDeflateWindow),
        far_code(use_period ? distance_code(p) : 0),
        period(p) {}
};

struct SymbolCounts {
  std::array<std::uint32_t, kLitLenSymbols> litlen{};
  std::array<std::uint32_t, kDistanceSymbols> distance{};
};

// Greedy: at each position the longer of the two candidate matches, else a literal; writes the
// tokens and counts their symbols (the end of block included). Returns the number of tokens.
std::size_t parse(const unsigned char* in, std::size_t size, const Distances& d,
                  std::uint16_t* tokens, SymbolCounts& counts) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < size;) {
    const std::size_t limit = std::min(kMaxMatch, size - i);
    std::size_t length = 0;
    bool far = false;
    // Most positions of a literal fail on their first byte: that test is cheaper than a match.
    if (d.use_period && i >= d.period && in[i - d.period] == in[i]) {
      length = common_length(in + i, in + i - d.period, limit);
      far = true;
    }
    if (length < limit && i >= 1 && in[i - 1] == in[i]) {
      const std::size_t run = common_length(in + i, in + i - 1, limit);
      if (run > length) {
        length = run;
        far = false;
      }
    }
    if (length >= kMinMatch) {
      tokens[n++] = static_cast<std::uint16_t>(kMatch | (far ? kFar : 0) | length);
      ++counts.litlen[257 + kLengthIndex[length]];
      ++counts.distance[far ? d.far_code : kNearCode];
      i += length;
    } else {
      tokens[n++] = in[i];
      ++counts.litlen[in[i]];
      ++i;
    }
  }
  counts.litlen[kEndOfBlock] = 1;
  return n;
}

struct BlockCodes {
  Code<kLitLenSymbols> litlen;
  Code<kDistanceSymbols> distance;
};

// The block's codes: Huffman codes of the counts, or the fixed codes where the block is no longer
// with them (the extra bits are the same in both), so the output never passes the fixed code's
// bound. Writes the block's header (with a dynamic block's run-length coded code lengths) and
// returns the codes with their bits assigned.
BlockCodes write_header(SymbolCounts counts, BlockEnd end, BitStream& stream) {
  const std::uint32_t final_bit = end == BlockEnd::Last ? 1U : 0U;
  BlockCodes codes;
  auto& [litlen, distance] = codes;
  build_lengths(counts.litlen, kMaxCodeLength, litlen);
  if (std::all_of(counts.distance.begin(), counts.distance.end(),
                  [](std::uint32_t c) { return c == 0; })) {
    counts.distance[kNearCode] = 1;  // a block of literals still sends one distance code
  }
  build_lengths(counts.distance, kMaxCodeLength, distance);
  std::size_t litlen_used = kLitLenSymbols;
  while (litlen.length[litlen_used - 1] == 0) --litlen_used;
  std::size_t distance_used = kDistanceSymbols;
  while (distance.length[distance_used - 1] == 0) --distance_used;
  std::array<std::uint8_t, kLitLenSymbols + kDistanceSymbols> lengths{};
  std::copy_n(litlen.length.begin(), litlen_used, lengths.begin());
  std::copy_n(distance.length.begin(), distance_used, lengths.begin() + litlen_used);
  std::array<CodeLengthItem, kLitLenSymbols + kDistanceSymbols> items{};
  const std::size_t item_count =
      run_length_code(lengths.data(), litlen_used + distance_used, items);
  std::array<std::uint32_t, kCodeLengthSymbols> item_counts{};
  for (std::size_t k = 0; k < item_count; ++k) ++item_counts[items[k].symbol];
  Code<kCodeLengthSymbols> code_lengths;
  build_lengths(item_counts, kMaxCodeLengthCodeLength, code_lengths);
  std::size_t order_used = kCodeLengthSymbols;
  while (order_used > 4 && code_lengths.length[kCodeLengthOrder[order_used - 1]] == 0) {
    --order_used;
  }

  std::uint64_t dynamic_bits = 3 + 5 + 5 + 4 + 3 * order_used;
  std::uint64_t fixed_bits = 3;
  for (std::size_t k = 0; k < item_count; ++k) {
    dynamic_bits += code_lengths.length[items[k].symbol] + kCodeLengthExtraBits[items[k].symbol];
  }
  for (std::size_t s = 0; s < kLitLenSymbols; ++s) {
    dynamic_bits += std::uint64_t{counts.litlen[s]} * litlen.length[s];
    fixed_bits +=
        std::uint64_t{counts.litlen[s]} * fixed_code(static_cast<std::uint32_t>(s)).length;
  }
  for (std::size_t s = 0; s < kDistanceSymbols; ++s) {
    dynamic_bits += std::uint64_t{counts.distance[s]} * distance.length[s];
    fixed_bits += std::uint64_t{counts.distance[s]} * 5;
  }

  if (fixed_bits <= dynamic_bits) {
    for (std::uint32_t s = 0; s < kLitLenSymbols; ++s) {
      const Bits code = fixed_code(s);
      litlen.bits[s] = static_cast<std::uint16_t>(code.value);
      litlen.length[s] = static_cast<std::uint8_t>(code.length);
    }
    distance.length.fill(5);  // the fixed distance codes: 5 bits, canonical over all 30
    assign_bits(distance);
    stream.put(0b010 | final_bit, 3);  // BFINAL, BTYPE 01 (fixed Huffman codes)
    return codes;
  }
  assign_bits(litlen);
  assign_bits(distance);
  assign_bits(code_lengths);
  stream.put(0b100 | final_bit, 3);  // BFINAL, BTYPE 10 (dynamic Huffman codes)
  stream.put(litlen_used - 257, 5);
  stream.put(distance_used - 1, 5);
  stream.put(order_used - 4, 4);
  for (std::size_t k = 0; k < order_used; ++k) {
    stream.put(code_lengths.length[kCodeLengthOrder[k]], 3);
  }
  for (std::size_t k = 0; k < item_count; ++k) {
    const Bits code = code_lengths.of(items[k].symbol);
    stream.put(code.value | (std::uint64_t{items[k].extra} << code.length),
               code.length + kCodeLengthExtraBits[items[k].symbol]);
  }
  return codes;
}

// The tokens in the block's codes, then the end of block.
void write_tokens(const std::uint16_t* tokens, std::size_t n, const Distances& d,
                  const BlockCodes& codes, BitStream& stream) {
  const auto& [litlen, distance] = codes;
  const Bits far_bits =
      d.use_period ? Bits{distance.bits[d.far_code] |
                              ((static_cast<std::uint32_t>(d.period) - kDistanceBase[d.far_code])
                               << distance.length[d.far_code]),
                          distance.length[d.far_code] + kDistanceExtra[d.far_code]}
                   : Bits{};
  const Bits near_bits = distance.of(kNearCode);
  for (std::size_t t = 0; t < n; ++t) {
    const std::uint32_t token = tokens[t];
    if ((token & kMatch) == 0) {
      const Bits code = litlen.of(token);
      stream.put(code.value, code.length);
      continue;
    }
    const std::uint32_t length = token & (kFar - 1);
    const std::uint32_t k = kLengthIndex[length];
    const Bits code = litlen.of(257 + k);
    stream.put(code.value | (std::uint64_t{length - kLengthBase[k]} << code.length),
               code.length + kLengthExtra[k]);
    const Bits& distance_bits = (token & kFar) != 0 ? far_bits : near_bits;
    stream.put(distance_bits.value, distance_bits.length);
  }
  const Bits end = litlen.of(kEndOfBlock);
  stream.put(end.value, end.length);
}

}  // namespace

std::size_t PeriodicDeflater::compress(const unsigned char* in, std::size_t size,
                                       std::size_t period, unsigned char* out, BlockEnd end) {
  if (tokens_.size() < size) tokens_.resize(size);
  const Distances distances(period);
  SymbolCounts counts;
  const std::size_t n = parse(in, size, distances, tokens_.data(), counts);
  BitStream stream(out);
  const BlockCodes codes = write_header(counts, end, stream);
  write_tokens(tokens_.data(), n, distances, codes, stream);
  if (end == BlockEnd::Last) return static_cast<std::size_t>(stream.finish() - out);
  // An empty stored block: its header, padding to the byte boundary, LEN 0 and NLEN 0xFFFF.
  stream.put(0b000, 3);
  unsigned char* p = stream.finish();
  constexpr std::array<unsigned char, 4> kEmptyLength{0x00, 0x00, 0xFF, 0xFF};
  p = std::copy(kEmptyLength.begin(), kEmptyLength.end(), p);
  return static_cast<std::size_t>(p - out);
}

}  // namespace rampart::engine
