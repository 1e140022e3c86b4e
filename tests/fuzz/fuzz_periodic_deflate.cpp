// libFuzzer target: PeriodicDeflater on arbitrary planes and periods. The first two bytes give
// the period, the third whether the plane is split (its low bit): then the plane's first half is
// a block that is not last (BlockEnd::More, as --keep-bits writes the dropped planes) and the rest
// the final block after it. The rest of the input is the plane; zlib's raw inflate (the one
// HDF5's deflate filter uses) must give the plane back, and each block must stay within
// periodic_deflate_bound. Any violation aborts. Run with scripts/fuzz.sh.

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "rampart/io/periodic_deflate.hpp"

namespace {

// Compresses `bytes` at `plane` to the end of `stream`, checking the bound and that nothing is
// written past it.
void append_block(const unsigned char* plane, std::size_t bytes, std::size_t period,
                  rampart::engine::BlockEnd end, std::vector<unsigned char>& stream) {
  static rampart::engine::PeriodicDeflater deflater;  // reused, as the codec reuses it
  const std::size_t bound = rampart::engine::periodic_deflate_bound(bytes);
  const std::size_t start = stream.size();
  stream.resize(start + bound + 16, 0xA5);
  const std::size_t written = deflater.compress(plane, bytes, period, stream.data() + start, end);
  if (written > bound) std::abort();
  for (std::size_t i = start + bound; i < stream.size(); ++i) {
    if (stream[i] != 0xA5) std::abort();
  }
  stream.resize(start + written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::size_t period = std::size_t{data[0]} | (std::size_t{data[1]} << 8U);
  const bool split = (data[2] & 1U) != 0;
  const unsigned char* plane = data + 3;
  const std::size_t bytes = size - 3;
  std::vector<unsigned char> stored;
  const std::size_t cut = split ? bytes / 2 : 0;
  if (split) append_block(plane, cut, period, rampart::engine::BlockEnd::More, stored);
  append_block(plane + cut, bytes - cut, period, rampart::engine::BlockEnd::Last, stored);
  std::vector<unsigned char> back(bytes + 1);
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) std::abort();
  z.next_in = stored.data();
  z.avail_in = static_cast<uInt>(stored.size());
  z.next_out = back.data();
  z.avail_out = static_cast<uInt>(back.size());
  const int status = inflate(&z, Z_FINISH);
  const bool whole = status == Z_STREAM_END && z.avail_in == 0 && z.total_out == bytes;
  inflateEnd(&z);
  if (!whole || (bytes > 0 && std::memcmp(back.data(), plane, bytes) != 0)) std::abort();
  return 0;
}
