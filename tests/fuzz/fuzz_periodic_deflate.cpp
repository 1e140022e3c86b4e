// libFuzzer target: PeriodicDeflater on arbitrary planes and periods. The first two bytes give
// the period, the rest is the plane; zlib's raw inflate (the one HDF5's deflate filter uses) must
// give the plane back, and the stream must stay within periodic_deflate_bound. Any violation
// aborts. Run with scripts/fuzz.sh.

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "rampart/io/periodic_deflate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t period = std::size_t{data[0]} | (std::size_t{data[1]} << 8U);
  const unsigned char* plane = data + 2;
  const std::size_t bytes = size - 2;
  static rampart::engine::PeriodicDeflater deflater;  // reused, as the codec reuses it
  const std::size_t bound = rampart::engine::periodic_deflate_bound(bytes);
  std::vector<unsigned char> stored(bound + 16, 0xA5);
  const std::size_t written = deflater.compress(plane, bytes, period, stored.data());
  if (written > bound) std::abort();
  for (std::size_t i = bound; i < stored.size(); ++i) {
    if (stored[i] != 0xA5) std::abort();
  }
  std::vector<unsigned char> back(bytes + 1);
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) std::abort();
  z.next_in = stored.data();
  z.avail_in = static_cast<uInt>(written);
  z.next_out = back.data();
  z.avail_out = static_cast<uInt>(back.size());
  const int status = inflate(&z, Z_FINISH);
  const bool whole = status == Z_STREAM_END && z.avail_in == 0 && z.total_out == bytes;
  inflateEnd(&z);
  if (!whole || (bytes > 0 && std::memcmp(back.data(), plane, bytes) != 0)) std::abort();
  return 0;
}
