#include "rampart/io/chunk_codec.hpp"

#include <zlib.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "rampart/io/errors.hpp"

namespace rampart::engine {
namespace {

// HDF5's shuffle filter: byte k of every element together, then byte k+1, ...
void shuffle(const unsigned char* in, std::size_t elements, std::size_t element_size,
             std::vector<unsigned char>& out) {
  out.resize(elements * element_size);
  for (std::size_t b = 0; b < element_size; ++b) {
    unsigned char* plane = out.data() + b * elements;
    for (std::size_t e = 0; e < elements; ++e) plane[e] = in[e * element_size + b];
  }
}

// One zlib stream (what HDF5's deflate filter reads) over `in`: the first `stored_bytes` as
// stored blocks (level 0: a copy), the rest at level 1. Any inflate reads the result whatever
// the mix, since a deflate stream may switch block types at any block boundary.
// `work` is scratch sized to the worst case once per block (zero-filling a worst-case `out` for
// every dataset cost more than copying the compressed bytes).
void deflate_into(const std::vector<unsigned char>& in, std::size_t stored_bytes,
                  std::vector<unsigned char>& work, std::vector<unsigned char>& out) {
  // Stored blocks cost 5 bytes per 64 KiB; the level switch ends a block (a few bytes more).
  const std::size_t bound =
      compressBound(static_cast<uLong>(in.size())) + 5 * (in.size() / 16383 + 2) + 64;
  if (work.size() < bound) work.resize(bound);
  z_stream zs{};
  const auto fail = [&zs](const char* what) {
    deflateEnd(&zs);
    return H5Error(std::string("deflate: ") + what);
  };
  if (deflateInit(&zs, stored_bytes > 0 ? 0 : 1) != Z_OK) {
    throw H5Error("deflate: cannot initialise zlib");
  }
  zs.next_out = work.data();
  zs.avail_out = static_cast<uInt>(bound);
  // zlib's API takes non-const input pointers; it never writes through them.
  auto* const data = const_cast<unsigned char*>(in.data());  // NOLINT(*-const-cast)
  if (stored_bytes > 0) {
    zs.next_in = data;
    zs.avail_in = static_cast<uInt>(stored_bytes);
    if (deflate(&zs, Z_NO_FLUSH) != Z_OK || zs.avail_in != 0) throw fail("storing failed");
    if (deflateParams(&zs, 1, Z_DEFAULT_STRATEGY) != Z_OK) throw fail("switching level failed");
  }
  zs.next_in = data + stored_bytes;
  zs.avail_in = static_cast<uInt>(in.size() - stored_bytes);
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) throw fail("compressing a chunk failed");
  out.assign(work.begin(), work.begin() + static_cast<std::ptrdiff_t>(zs.total_out));
  deflateEnd(&zs);
}

// The float series (state/*, world/*), 94 % of a results file's bytes: after the shuffle only
// the last plane (sign and exponent: values of a series share it) compresses well and fast
// (21x at ~600 MB/s); the three mantissa planes shrink 1.3-1.6x at 80-90 MB/s, so they are
// stored. docs/performance.md gives the measured trade-off.
void encode_series(const float* data, std::size_t elements, std::vector<unsigned char>& scratch,
                   std::vector<unsigned char>& work, std::vector<unsigned char>& out) {
  shuffle(reinterpret_cast<const unsigned char*>(data), elements, sizeof(float), scratch);
  deflate_into(scratch, (sizeof(float) - 1) * elements, work, out);
}

// Small datasets (codes, summaries, parameters): every plane at level 1.
void encode_whole(const void* data, std::size_t elements, std::size_t element_size,
                  std::vector<unsigned char>& scratch, std::vector<unsigned char>& work,
                  std::vector<unsigned char>& out) {
  shuffle(static_cast<const unsigned char*>(data), elements, element_size, scratch);
  deflate_into(scratch, 0, work, out);
}

}  // namespace

void encode_block(BlockBuffer& block) {
  block.clear_unused_runs();
  auto& encoded = block.encoded();
  encoded.resize(kChunkedDatasets);
  std::vector<unsigned char> scratch;
  std::vector<unsigned char> work;
  std::vector<float> column(static_cast<std::size_t>(block.capacity()), 0.0F);
  // The parameters chunk, [run][parameter] doubles, read as bytes.
  static_assert(sizeof(scenarios::ParameterValues) == sizeof(double) * scenarios::kNumParams);
  for (const ChunkedDataset& d : chunked_datasets()) {
    auto& out = encoded[&d - chunked_datasets().data()];
    switch (d.kind) {
      case SeriesKind::State: {
        const auto data = block.state_chunk(static_cast<sim::StateVar>(d.index));
        encode_series(data.data(), data.size(), scratch, work, out);
        break;
      }
      case SeriesKind::World: {
        const auto data = block.world_chunk(static_cast<sim::WorldVar>(d.index));
        encode_series(data.data(), data.size(), scratch, work, out);
        break;
      }
      case SeriesKind::Code: {
        const auto data = block.codes_chunk(static_cast<sim::WorldCode>(d.index));
        encode_whole(data.data(), data.size(), sizeof(std::int8_t), scratch, work, out);
        break;
      }
      case SeriesKind::Summary:
        for (int j = 0; j < block.runs(); ++j) {
          column[static_cast<std::size_t>(j)] =
              block.summary(j, static_cast<sim::SummaryVar>(d.index));
        }
        encode_whole(column.data(), column.size(), sizeof(float), scratch, work, out);
        break;
      case SeriesKind::Parameters: {
        const auto params = block.parameters_chunk();
        encode_whole(params.data(), params.size() * scenarios::kNumParams, sizeof(double), scratch,
                     work, out);
        break;
      }
    }
  }
}

bool inflate_chunk(std::span<const unsigned char> stored, std::vector<unsigned char>& plain) {
  auto length = static_cast<uLongf>(plain.size());
  return uncompress(plain.data(), &length, stored.data(), static_cast<uLong>(stored.size())) ==
             Z_OK &&
         length == plain.size();
}

bool decode_chunk(std::span<const unsigned char> stored, std::size_t element_size,
                  std::size_t chunk_values, std::size_t values, void* out) {
  std::vector<unsigned char> plain(chunk_values * element_size);
  if (!inflate_chunk(stored, plain)) return false;
  // Shuffled: byte b of element i is at b * chunk_values + i.
  auto* bytes = static_cast<unsigned char*>(out);
  for (std::size_t b = 0; b < element_size; ++b) {
    const unsigned char* plane = plain.data() + b * chunk_values;
    for (std::size_t i = 0; i < values; ++i) bytes[i * element_size + b] = plane[i];
  }
  return true;
}

hsize_t codec_chunk_runs(hid_t dataset, hid_t memory_type) {
  const h5::Handle plist(H5Dget_create_plist(dataset), "creation properties");
  const auto dims = h5::extent(dataset);
  if (H5Pget_layout(plist.id()) != H5D_CHUNKED || dims.size() < 2) return 0;
  std::vector<hsize_t> chunk(dims.size());
  if (H5Pget_chunk(plist.id(), static_cast<int>(chunk.size()), chunk.data()) !=
      static_cast<int>(chunk.size())) {
    return 0;
  }
  if (chunk[0] != 1) return 0;
  for (std::size_t i = 2; i < dims.size(); ++i) {
    if (chunk[i] != dims[i]) return 0;
  }
  if (H5Pget_nfilters(plist.id()) != 2) return 0;
  std::array<H5Z_filter_t, 2> filters{};
  for (unsigned i = 0; i < 2; ++i) {
    unsigned flags = 0;
    std::size_t values = 8;
    std::array<unsigned, 8> parameters{};
    unsigned config = 0;
    filters.at(i) =
        H5Pget_filter2(plist.id(), i, &flags, &values, parameters.data(), 0, nullptr, &config);
  }
  if (filters[0] != H5Z_FILTER_SHUFFLE || filters[1] != H5Z_FILTER_DEFLATE) return 0;
  const h5::Handle type(H5Dget_type(dataset), "dataset type");
  if (H5Tequal(type.id(), memory_type) <= 0) return 0;
  return chunk[1];
}

}  // namespace rampart::engine
