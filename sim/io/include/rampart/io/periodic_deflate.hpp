#pragma once
// A raw deflate encoder (RFC 1951) for the sign-and-exponent plane of a shuffled float series.
// That plane is nearly periodic: a state's exponent this year is almost always last year's, which
// lies one year's row (the chunk's `states` bytes) earlier, and a run of equal bytes is common.
// The encoder tries exactly those two distances at each position and writes one Huffman-coded
// block, so it does about 8 instructions a byte where a general compressor (libdeflate's level 1:
// a hash of every byte into a table of candidates) did about 18 (docs/performance.md). The stream
// is ordinary deflate: every inflate (zlib's, HDF5's filter, libdeflate's) reads it.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rampart::engine {

// The longest distance deflate can refer back (its 32 KiB window): a period beyond it is not tried.
inline constexpr std::size_t kDeflateWindow = 32768;

// The most bytes PeriodicDeflater::compress writes for `size` input bytes: the block is written
// with the fixed codes when they are no longer than its own, and those take at most 9 bits a byte;
// a block that is not the last is followed by an empty stored block (5 bytes at most).
[[nodiscard]] constexpr std::size_t periodic_deflate_bound(std::size_t size) {
  return size + size / 8 + 13;
}

// Whether the block ends the deflate stream.
enum class BlockEnd { Last, More };

// Reusable: its buffer of parsed tokens grows to the largest plane compressed and stays.
class PeriodicDeflater {
 public:
  // Writes in[0, size) as one deflate block at `out` (room for periodic_deflate_bound(size)
  // bytes), starting on a byte boundary and ending padded to one, and returns the number of bytes
  // written. With BlockEnd::More the block is not final and is followed by an empty stored block
  // (as zlib's sync flush ends), so further blocks may follow from the next byte. The parse is
  // greedy: at each position the longer match at distance `period` (when 1 < period <= 32768) or at
  // distance 1, if it is at least 3 bytes long, else a literal. The block's Huffman codes are built
  // from its symbols' counts (lengths limited to 15 bits by halving the counts until they fit); the
  // fixed codes are used where they are shorter.
  std::size_t compress(const unsigned char* in, std::size_t size, std::size_t period,
                       unsigned char* out, BlockEnd end = BlockEnd::Last);

 private:
  std::vector<std::uint16_t> tokens_;
};

}  // namespace rampart::engine
