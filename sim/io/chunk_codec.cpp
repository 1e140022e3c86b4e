#include "rampart/io/chunk_codec.hpp"

#include <libdeflate.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "rampart/io/errors.hpp"
#include "rampart/io/mantissa_rounding.hpp"
#include "rampart/io/periodic_deflate.hpp"

namespace rampart::engine {
namespace {

// HDF5's shuffle filter, for the shuffled bytes [x0, x1) only: byte k of every element together,
// then byte k+1, ... (shuffled byte x is byte x / elements of element x % elements), written to
// `out` in order. Ranges let the stored planes go straight into their stored blocks.
void shuffle_range(const unsigned char* in, std::size_t elements, std::size_t element_size,
                   std::size_t x0, std::size_t x1, unsigned char* out) {
  for (std::size_t b = x0 / elements; b < element_size && b * elements < x1; ++b) {
    const std::size_t first = std::max(x0, b * elements) - b * elements;
    const std::size_t last = std::min(x1, (b + 1) * elements) - b * elements;
    for (std::size_t e = first; e < last; ++e) *out++ = in[e * element_size + b];
  }
}

constexpr std::size_t kStoredBlockMax = 65535;  // RFC 1951 3.2.4: LEN is 16 bits

// Where shuffled byte x of a chunk goes when its first `stored_bytes` are stored blocks of the
// stream at `stream` (after the zlib header's 2 bytes and each block's 5-byte header so far) and
// the rest is compressed from `scratch`.
struct ShuffledDestination {
  unsigned char* stream;
  std::size_t stored_bytes;
  unsigned char* scratch;

  [[nodiscard]] unsigned char* at(std::size_t x) const {
    return x < stored_bytes ? stream + 2 + 5 * (x / kStoredBlockMax + 1) + x
                            : scratch + (x - stored_bytes);
  }
};

// The four planes of `n` four-byte elements at `in`, plane b to plane[b]: sixteen elements at a
// time by three rounds of SSE2 byte interleaves (element bytes 4e + b end up ordered by b, then
// e), the rest one byte at a time.
void shuffle4_segment(const unsigned char* in, std::size_t n,
                      const std::array<unsigned char*, 4>& plane) {
  std::size_t e = 0;
#if defined(__SSE2__)
  for (; e + 16 <= n; e += 16) {
    const unsigned char* const from = in + 4 * e;
    const __m128i a0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
    const __m128i a1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 16));
    const __m128i a2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 32));
    const __m128i a3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 48));
    const __m128i t0 = _mm_unpacklo_epi8(a0, a1);
    const __m128i t1 = _mm_unpackhi_epi8(a0, a1);
    const __m128i t2 = _mm_unpacklo_epi8(a2, a3);
    const __m128i t3 = _mm_unpackhi_epi8(a2, a3);
    const __m128i u0 = _mm_unpacklo_epi8(t0, t1);
    const __m128i u1 = _mm_unpackhi_epi8(t0, t1);
    const __m128i u2 = _mm_unpacklo_epi8(t2, t3);
    const __m128i u3 = _mm_unpackhi_epi8(t2, t3);
    const __m128i v0 = _mm_unpacklo_epi8(u0, u1);  // bytes 0 then 1 of elements 0..7
    const __m128i v1 = _mm_unpackhi_epi8(u0, u1);  // bytes 2 then 3 of elements 0..7
    const __m128i v2 = _mm_unpacklo_epi8(u2, u3);  // the same of elements 8..15
    const __m128i v3 = _mm_unpackhi_epi8(u2, u3);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(plane[0] + e), _mm_unpacklo_epi64(v0, v2));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(plane[1] + e), _mm_unpackhi_epi64(v0, v2));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(plane[2] + e), _mm_unpacklo_epi64(v1, v3));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(plane[3] + e), _mm_unpackhi_epi64(v1, v3));
  }
#endif
  for (; e < n; ++e) {
    for (std::size_t b = 0; b < 4; ++b) plane[b][e] = in[4 * e + b];
  }
}

// HDF5's shuffle of four-byte elements straight into their destinations, in one pass over `in`
// (a plane-by-plane shuffle reads the chunk four times). Between two stored blocks' boundaries
// every plane's destination is contiguous, so the pass runs in segments that end at the next
// boundary any stored plane meets.
void shuffle4_into(const unsigned char* in, std::size_t elements, const ShuffledDestination& to) {
  for (std::size_t e = 0; e < elements;) {
    std::size_t end = elements;
    std::array<unsigned char*, 4> plane{};
    for (std::size_t b = 0; b < 4; ++b) {
      const std::size_t x = b * elements + e;
      plane[b] = to.at(x);
      if (x < to.stored_bytes) {
        end = std::min(end, (x / kStoredBlockMax + 1) * kStoredBlockMax - b * elements);
      }
    }
    shuffle4_segment(in + 4 * e, end - e, plane);
    e = end;
  }
}

// A stored block's header at a byte boundary, not final: BFINAL 0, BTYPE 00 and the padding,
// then LEN and its complement NLEN, little-endian. Returns where the block's bytes go.
unsigned char* stored_block_header(std::uint16_t length, unsigned char* p) {
  const auto complement = static_cast<std::uint16_t>(~length);
  *p++ = 0x00;
  *p++ = static_cast<unsigned char>(length & 0xFFU);
  *p++ = static_cast<unsigned char>(length >> 8U);
  *p++ = static_cast<unsigned char>(complement & 0xFFU);
  *p++ = static_cast<unsigned char>(complement >> 8U);
  return p;
}

// libdeflate (Debian's libdeflate) rather than zlib: the same deflate format, which every HDF5
// reads, at about half zlib's instructions per chunk, with a vectorised Adler-32 (zlib's cost
// 146 of its 576 instructions per agent-year, docs/performance.md). One compressor and one
// decompressor per thread, made once: allocating zlib's state per dataset was part of its cost.
struct DeflateCompressor {
  libdeflate_compressor* c = libdeflate_alloc_compressor(1);
  DeflateCompressor() = default;
  DeflateCompressor(const DeflateCompressor&) = delete;
  DeflateCompressor& operator=(const DeflateCompressor&) = delete;
  ~DeflateCompressor() { libdeflate_free_compressor(c); }
};

struct DeflateDecompressor {
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  DeflateDecompressor() = default;
  DeflateDecompressor(const DeflateDecompressor&) = delete;
  DeflateDecompressor& operator=(const DeflateDecompressor&) = delete;
  ~DeflateDecompressor() { libdeflate_free_decompressor(d); }
};

libdeflate_compressor* thread_compressor() {
  thread_local DeflateCompressor compressor;
  if (compressor.c == nullptr) throw H5Error("deflate: cannot allocate a compressor");
  return compressor.c;
}

PeriodicDeflater& thread_periodic_deflater() {
  thread_local PeriodicDeflater deflater;
  return deflater;
}

libdeflate_decompressor* thread_decompressor() {
  thread_local DeflateDecompressor decompressor;
  return decompressor.d;
}

// Inflates a zlib stream into exactly `size` bytes at `plain`. With no actual-size output,
// libdeflate reports anything but exactly `size` bytes as an error; the Adler-32 is checked.
bool inflate_into(std::span<const unsigned char> stored, unsigned char* plain, std::size_t size) {
  libdeflate_decompressor* const decompressor = thread_decompressor();
  if (decompressor == nullptr) return false;
  return libdeflate_zlib_decompress(decompressor, stored.data(), stored.size(), plain, size,
                                    nullptr) == LIBDEFLATE_SUCCESS;
}

// One zlib stream (RFC 1950, what HDF5's shuffle + deflate filters read) of `elements` values
// of `element_size` bytes at `in`, shuffled: the first `stored_planes` byte planes as stored
// blocks, the rest compressed: by PeriodicDeflater with distance `period` when it is not 0, else
// by libdeflate at level 1. The stream is framed here around the raw deflate: stored blocks end
// on a byte boundary and are not final, so the compressed blocks, whose last is final, may follow
// them directly. The stored planes are shuffled straight into their blocks in `out` (no copy),
// the compressed ones into `scratch` (four-byte elements all in one pass); the Adler-32 runs over
// the pieces in stream order. `out` is sized to the worst case without zero-filling, then
// trimmed.
void encode_shuffled(const unsigned char* in, std::size_t elements, std::size_t element_size,
                     std::size_t stored_planes, std::size_t period, ChunkBytes& scratch,
                     ChunkBytes& out) {
  libdeflate_compressor* const compressor = period == 0 ? thread_compressor() : nullptr;
  const std::size_t stored_bytes = stored_planes * elements;
  const std::size_t total = element_size * elements;
  const std::size_t rest = total - stored_bytes;
  const std::size_t blocks = (stored_bytes + kStoredBlockMax - 1) / kStoredBlockMax;
  const std::size_t bound = 2 + stored_bytes + 5 * blocks +
                            (period == 0 ? libdeflate_deflate_compress_bound(compressor, rest)
                                         : periodic_deflate_bound(rest)) +
                            4;
  out.resize(bound);
  if (scratch.size() < rest) scratch.resize(rest);
  const bool planes_at_once = element_size == 4;
  if (planes_at_once) shuffle4_into(in, elements, {out.data(), stored_bytes, scratch.data()});
  unsigned char* p = out.data();
  // CMF 0x78: deflate, 32 KiB window; FLG 0x01: fastest level, no dictionary, 0x7801 % 31 == 0.
  *p++ = 0x78;
  *p++ = 0x01;
  std::uint32_t adler = 1;
  for (std::size_t offset = 0; offset < stored_bytes; offset += kStoredBlockMax) {
    const auto length =
        static_cast<std::uint16_t>(std::min(kStoredBlockMax, stored_bytes - offset));
    p = stored_block_header(length, p);
    if (!planes_at_once) shuffle_range(in, elements, element_size, offset, offset + length, p);
    adler = libdeflate_adler32(adler, p, length);
    p += length;
  }
  if (!planes_at_once)
    shuffle_range(in, elements, element_size, stored_bytes, total, scratch.data());
  adler = libdeflate_adler32(adler, scratch.data(), rest);
  const std::size_t available = static_cast<std::size_t>(out.data() + out.size() - p) - 4;
  const std::size_t compressed =
      period == 0 ? libdeflate_deflate_compress(compressor, scratch.data(), rest, p, available)
                  : thread_periodic_deflater().compress(scratch.data(), rest, period, p);
  if (compressed == 0) throw H5Error("deflate: compressing a chunk failed");
  p += compressed;
  for (const unsigned shift : {24U, 16U, 8U, 0U}) {
    *p++ = static_cast<unsigned char>((adler >> shift) & 0xFFU);  // big-endian
  }
  out.resize(static_cast<std::size_t>(p - out.data()));
}

// Adds to misses[b], for bytes b = 0..2 of the four-byte elements e0 <= e < e1 (e0 >= period),
// the positions whose byte repeats neither the element before nor the one a row (`period`
// elements) before: the two distances PeriodicDeflater tries. Four elements at a time, with
// byte-wide match counts, so at most 255 groups of four (1 020 elements) a call.
void count_plane_misses(const unsigned char* in, std::size_t e0, std::size_t e1, std::size_t period,
                        std::array<std::size_t, 3>& misses) {
  std::size_t e = e0;
#if defined(__SSE2__)
  __m128i matches = _mm_setzero_si128();
  for (; e + 4 <= e1; e += 4) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 4 * e));
    const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 4 * (e - 1)));
    const __m128i above = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 4 * (e - period)));
    // Equal bytes compare to -1, so subtracting counts them.
    matches =
        _mm_sub_epi8(matches, _mm_or_si128(_mm_cmpeq_epi8(x, before), _mm_cmpeq_epi8(x, above)));
  }
  const std::size_t groups = (e - e0) / 4;
  for (std::size_t b = 0; b < 3; ++b) {
    const __m128i plane = _mm_and_si128(matches, _mm_set1_epi32(0xFF << (8 * b)));
    const __m128i sums = _mm_sad_epu8(plane, _mm_setzero_si128());
    const auto matched = static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
                         static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    misses[b] += 4 * groups - matched;
  }
#endif
  for (; e < e1; ++e) {
    for (std::size_t b = 0; b < 3; ++b) {
      const unsigned char x = in[4 * e + b];
      misses[b] +=
          static_cast<std::size_t>((x != in[4 * (e - 1) + b]) & (x != in[4 * (e - period) + b]));
    }
  }
}

// How many of a float series chunk's planes to store, from byte 0 up: the three mantissa planes,
// but for the top ones whose bytes repeat at 15 in 16 positions or more from the second row on (a
// series the scenario leaves at zero, such as related_share outside the Hague scenarios, or one
// held constant), which compress to a few bytes in long matches instead of a byte per value. The
// count stops as soon as the top mantissa plane has too many misses (a varying series), so such
// a chunk costs a sixteenth of a pass.
std::size_t series_stored_planes(const unsigned char* in, std::size_t elements,
                                 std::size_t period) {
  constexpr std::size_t kMantissaPlanes = sizeof(float) - 1;
  // A row beyond deflate's window is no distance PeriodicDeflater can use.
  if (period == 0 || period > kDeflateWindow || elements <= period) return kMantissaPlanes;
  const std::size_t allowed = (elements - period) / 16;
  std::array<std::size_t, kMantissaPlanes> misses{};
  constexpr std::size_t kStep = std::size_t{4} * 255;  // count_plane_misses' most
  for (std::size_t e = period; e < elements; e += kStep) {
    count_plane_misses(in, e, std::min(elements, e + kStep), period, misses);
    if (misses[kMantissaPlanes - 1] > allowed) return kMantissaPlanes;
  }
  std::size_t stored = kMantissaPlanes;
  while (stored > 0 && misses[stored - 1] <= allowed) --stored;
  return stored;
}

// A series chunk rounded to fewer mantissa bits (--keep-bits): its low `front` planes hold only
// dropped bits (zeros), so they are compressed too, as a first block that is not final; the planes
// above them that series_stored_planes stores follow as stored blocks, then the rest as the final
// block. All planes are shuffled into `scratch` first: the stored ones are copied from there (this
// path is taken only on request).
void encode_series_rounded(const unsigned char* in, std::size_t elements, std::size_t period,
                           std::size_t front, std::size_t stored_planes, ChunkBytes& scratch,
                           ChunkBytes& out) {
  const std::size_t total = sizeof(float) * elements;
  const std::size_t front_bytes = front * elements;
  const std::size_t stored_bytes = (stored_planes - front) * elements;
  const std::size_t rest = total - front_bytes - stored_bytes;
  const std::size_t blocks = (stored_bytes + kStoredBlockMax - 1) / kStoredBlockMax;
  out.resize(2 + periodic_deflate_bound(front_bytes) + stored_bytes + 5 * blocks +
             periodic_deflate_bound(rest) + 4);
  if (scratch.size() < total) scratch.resize(total);
  unsigned char* const plain = scratch.data();
  shuffle4_segment(in, elements,
                   {plain, plain + elements, plain + 2 * elements, plain + 3 * elements});
  unsigned char* p = out.data();
  *p++ = 0x78;  // the zlib header, as encode_shuffled writes it
  *p++ = 0x01;
  PeriodicDeflater& deflater = thread_periodic_deflater();
  p += deflater.compress(plain, front_bytes, period, p, BlockEnd::More);
  for (std::size_t offset = 0; offset < stored_bytes; offset += kStoredBlockMax) {
    const auto length =
        static_cast<std::uint16_t>(std::min(kStoredBlockMax, stored_bytes - offset));
    p = stored_block_header(length, p);
    std::memcpy(p, plain + front_bytes + offset, length);
    p += length;
  }
  p += deflater.compress(plain + front_bytes + stored_bytes, rest, period, p);
  const std::uint32_t adler = libdeflate_adler32(1, plain, total);
  for (const unsigned shift : {24U, 16U, 8U, 0U}) {
    *p++ = static_cast<unsigned char>((adler >> shift) & 0xFFU);  // big-endian
  }
  out.resize(static_cast<std::size_t>(p - out.data()));
}

// The float series (state/*, world/*), 94 % of a results file's bytes: after the shuffle the
// last plane (sign and exponent: values of a series share it) compresses well and fast; the
// three mantissa planes of a varying series shrink 1.3-1.6x at 80-90 MB/s, so they are stored
// (series_stored_planes: unless their bytes barely change). The compressed planes repeat with
// the chunk's row (`period` bytes: a state series' states, a world series' years), which
// PeriodicDeflater looks for directly, in about half the instructions of libdeflate's level 1
// for files of the same size. docs/performance.md gives the measured trade-offs. Values rounded
// to `keep_bits` mantissa bits have their low planes compressed as well.
void encode_series(const float* data, std::size_t elements, std::size_t period, int keep_bits,
                   ChunkBytes& scratch, ChunkBytes& out) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data);
  const std::size_t stored = series_stored_planes(bytes, elements, period);
  // The planes whose every bit was dropped (bits 0 .. 22 - keep_bits of the mantissa): zeros,
  // which compress to a few bytes. A plane that keeps some bits stays stored: compressing its
  // few random bits took about 44 instructions a byte (docs/performance.md).
  const auto dropped = static_cast<std::size_t>(kAllMantissaBits - keep_bits);
  const std::size_t front = dropped / 8;
  if (front == 0 || period == 0 || period > kDeflateWindow) {
    encode_shuffled(bytes, elements, sizeof(float), stored, period, scratch, out);
  } else if (stored <= front) {
    encode_shuffled(bytes, elements, sizeof(float), 0, period, scratch, out);
  } else {
    encode_series_rounded(bytes, elements, period, front, stored, scratch, out);
  }
}

// Small datasets (codes, summaries, parameters): every plane at level 1.
void encode_whole(const void* data, std::size_t elements, std::size_t element_size,
                  ChunkBytes& scratch, ChunkBytes& out) {
  encode_shuffled(static_cast<const unsigned char*>(data), elements, element_size, 0, 0, scratch,
                  out);
}

// --compression none: the chunk is the values' bytes, as HDF5 stores an unfiltered chunk.
void copy_plain(const void* data, std::size_t bytes, ChunkBytes& out) {
  out.resize(bytes);
  std::memcpy(out.data(), data, bytes);
}

// One dataset's chunk of `elements` values of `element_size` bytes, as `compression` stores it;
// a float series has its row length as `period` (0 for the other datasets): deflate stores its
// mantissa planes rather than compresses them.
void encode_chunk(Compression compression, std::size_t period, const void* data,
                  std::size_t elements, std::size_t element_size, ChunkBytes& scratch,
                  ChunkBytes& out, int keep_bits = kAllMantissaBits) {
  if (compression == Compression::None) {
    copy_plain(data, elements * element_size, out);
  } else if (period != 0) {
    encode_series(static_cast<const float*>(data), elements, period, keep_bits, scratch, out);
  } else {
    encode_whole(data, elements, element_size, scratch, out);
  }
}

}  // namespace

void encode_block(BlockBuffer& block, Compression compression, int keep_bits) {
  block.clear_unused_runs();
  block.round_series(keep_bits);
  auto& encoded = block.encoded();
  encoded.resize(kChunkedDatasets);
  // Per thread and only grown: up to a whole chunk when a series compresses all its planes.
  thread_local ChunkBytes scratch;
  std::vector<float> column(static_cast<std::size_t>(block.capacity()), 0.0F);
  // The parameters chunk, [run][parameter] doubles, read as bytes.
  static_assert(sizeof(scenarios::ParameterValues) == sizeof(double) * scenarios::kNumParams);
  for (const ChunkedDataset& d : chunked_datasets()) {
    auto& out = encoded[&d - chunked_datasets().data()];
    switch (d.kind) {
      case SeriesKind::State: {
        const auto data = block.state_chunk(static_cast<sim::StateVar>(d.index));
        encode_chunk(compression, static_cast<std::size_t>(block.shape().states), data.data(),
                     data.size(), sizeof(float), scratch, out, keep_bits);
        break;
      }
      case SeriesKind::World: {
        const auto data = block.world_chunk(static_cast<sim::WorldVar>(d.index));
        encode_chunk(compression, static_cast<std::size_t>(block.shape().years), data.data(),
                     data.size(), sizeof(float), scratch, out, keep_bits);
        break;
      }
      case SeriesKind::Code: {
        const auto data = block.codes_chunk(static_cast<sim::WorldCode>(d.index));
        encode_chunk(compression, 0, data.data(), data.size(), sizeof(std::int8_t), scratch, out);
        break;
      }
      case SeriesKind::Summary:
        for (int j = 0; j < block.runs(); ++j) {
          column[static_cast<std::size_t>(j)] =
              block.summary(j, static_cast<sim::SummaryVar>(d.index));
        }
        encode_chunk(compression, 0, column.data(), column.size(), sizeof(float), scratch, out);
        break;
      case SeriesKind::Parameters: {
        const auto params = block.parameters_chunk();
        encode_chunk(compression, 0, params.data(), params.size() * scenarios::kNumParams,
                     sizeof(double), scratch, out);
        break;
      }
    }
  }
}

bool chunk_is_whole(std::span<const unsigned char> stored, Compression compression,
                    std::vector<unsigned char>& plain) {
  if (compression == Compression::None) {
    if (stored.size() != plain.size()) return false;
    std::memcpy(plain.data(), stored.data(), stored.size());
    return true;
  }
  return inflate_into(stored, plain.data(), plain.size());
}

bool decode_chunk(std::span<const unsigned char> stored, Compression compression,
                  std::size_t element_size, std::size_t chunk_values, std::size_t values,
                  void* out) {
  const std::size_t size = chunk_values * element_size;
  if (compression == Compression::None) {
    if (stored.size() != size) return false;
    std::memcpy(out, stored.data(), values * element_size);
    return true;
  }
  // Reused per thread and only grown: a fresh zero-filled vector per chunk cost as much as the
  // inflate (and resizing it down and up between datasets zero-filled it again).
  thread_local std::vector<unsigned char> plain;
  if (plain.size() < size) plain.resize(size);
  if (!inflate_into(stored, plain.data(), size)) return false;
  // Shuffled: byte b of element i is at b * chunk_values + i. Gathering one element's bytes at a
  // time writes `out` in order (the plane-by-plane loop wrote it with a stride).
  auto* bytes = static_cast<unsigned char*>(out);
  const unsigned char* planes = plain.data();
  if (element_size == sizeof(float)) {
    for (std::size_t i = 0; i < values; ++i) {
      for (std::size_t b = 0; b < sizeof(float); ++b) {
        bytes[i * sizeof(float) + b] = planes[b * chunk_values + i];
      }
    }
    return true;
  }
  for (std::size_t i = 0; i < values; ++i) {
    for (std::size_t b = 0; b < element_size; ++b) {
      bytes[i * element_size + b] = planes[b * chunk_values + i];
    }
  }
  return true;
}

StoredChunks stored_chunks(hid_t dataset, hid_t memory_type) {
  const h5::Handle plist(H5Dget_create_plist(dataset), "creation properties");
  const auto dims = h5::extent(dataset);
  if (H5Pget_layout(plist.id()) != H5D_CHUNKED || dims.size() < 2) return {};
  std::vector<hsize_t> chunk(dims.size());
  if (H5Pget_chunk(plist.id(), static_cast<int>(chunk.size()), chunk.data()) !=
      static_cast<int>(chunk.size())) {
    return {};
  }
  for (std::size_t i = 2; i < dims.size(); ++i) {
    if (chunk[i] != dims[i]) return {};
  }
  const h5::Handle type(H5Dget_type(dataset), "dataset type");
  if (H5Tequal(type.id(), memory_type) <= 0) return {};
  const int filter_count = H5Pget_nfilters(plist.id());
  if (filter_count == 0) return {chunk[0], chunk[1], Compression::None};
  if (filter_count != 2) return {};
  std::array<H5Z_filter_t, 2> filters{};
  for (unsigned i = 0; i < 2; ++i) {
    unsigned flags = 0;
    std::size_t values = 8;
    std::array<unsigned, 8> parameters{};
    unsigned config = 0;
    filters.at(i) =
        H5Pget_filter2(plist.id(), i, &flags, &values, parameters.data(), 0, nullptr, &config);
  }
  if (filters[0] != H5Z_FILTER_SHUFFLE || filters[1] != H5Z_FILTER_DEFLATE) return {};
  return {chunk[0], chunk[1], Compression::Deflate};
}

}  // namespace rampart::engine
