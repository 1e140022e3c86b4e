#pragma once
// The codec of a results file's chunks: shuffle, then deflate, exactly HDF5's filter pipeline
// for the chunked datasets (results_layout.hpp), or the values as they are (--compression none).
// Encoding runs in the engine's parallel stage, so the single writer only copies bytes into the
// file with H5Dwrite_chunk; decoding runs in the analysis scan's parallel stage on chunks read raw
// with H5Dread_chunk; merge inflates each chunk it copies to check it is whole.

#include <cstddef>
#include <span>
#include <vector>

#include "rampart/io/block_buffer.hpp"
#include "rampart/io/compression.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/mantissa_rounding.hpp"
#include "rampart/io/results_layout.hpp"

namespace rampart::engine {

// Fills block.encoded() with one whole chunk per chunked dataset, in chunked_datasets() order
// (zeroing unused runs first), as `compression` stores it. The float series are first rounded
// in the block to `keep_bits` mantissa bits (mantissa_rounding.hpp; kAllMantissaBits: as they
// are).
void encode_block(BlockBuffer& block, Compression compression, int keep_bits = kAllMantissaBits);

// True when a stored chunk gives back exactly `plain.size()` bytes (the caller sets the chunk's
// uncompressed size), which it leaves in `plain`: deflate checks the length and an Adler-32, an
// uncompressed chunk only its length.
[[nodiscard]] bool chunk_is_whole(std::span<const unsigned char> stored, Compression compression,
                                  std::vector<unsigned char>& plain);

// Decodes a stored chunk of `chunk_values` elements of `element_size` bytes (inflate, then
// unshuffle; or a copy) and writes its first `values` elements to `out`; false when it does not
// give back the chunk's size.
[[nodiscard]] bool decode_chunk(std::span<const unsigned char> stored, Compression compression,
                                std::size_t element_size, std::size_t chunk_values,
                                std::size_t values, void* out);

// How a dataset's chunks are stored, when they are what this codec reads: a chunk is
// (scenarios, runs, the rest of the extent), its filters exactly shuffle then deflate or none at
// all, its stored type `memory_type`. runs is 0 otherwise (read it through HDF5's own filters).
struct StoredChunks {
  hsize_t scenarios = 0;
  hsize_t runs = 0;
  Compression compression = kDefaultCompression;
};
[[nodiscard]] StoredChunks stored_chunks(hid_t dataset, hid_t memory_type);

}  // namespace rampart::engine
