#pragma once
// The one codec of a results file's chunks: shuffle, then deflate, exactly HDF5's filter pipeline
// for the chunked datasets (results_layout.hpp). Encoding runs in the engine's parallel stage, so
// the single writer only copies bytes into the file with H5Dwrite_chunk; decoding runs in the
// analysis scan's parallel stage on chunks read raw with H5Dread_chunk; merge inflates each chunk
// it copies to check it is whole.

#include <cstddef>
#include <span>
#include <vector>

#include "rampart/io/block_buffer.hpp"
#include "rampart/io/h5.hpp"
#include "rampart/io/results_layout.hpp"

namespace rampart::engine {

// Fills block.encoded() with one compressed whole chunk per chunked dataset, in
// chunked_datasets() order (zeroing unused runs first).
void encode_block(BlockBuffer& block);

// Inflates a stored chunk into `plain`, whose size the caller sets to the chunk's uncompressed
// bytes; false unless exactly that many come out (deflate checks the length and an Adler-32).
[[nodiscard]] bool inflate_chunk(std::span<const unsigned char> stored,
                                 std::vector<unsigned char>& plain);

// Decodes a stored chunk of `chunk_values` elements of `element_size` bytes (inflate, then
// unshuffle) and writes its first `values` elements to `out`; false when it does not inflate.
[[nodiscard]] bool decode_chunk(std::span<const unsigned char> stored, std::size_t element_size,
                                std::size_t chunk_values, std::size_t values, void* out);

// Runs per chunk when `dataset`'s chunks are what this codec reads: a chunk is (1, runs, the
// rest of the extent), its filters exactly shuffle then deflate, its stored type `memory_type`;
// 0 otherwise (read it through HDF5's own filters).
[[nodiscard]] hsize_t codec_chunk_runs(hid_t dataset, hid_t memory_type);

}  // namespace rampart::engine
