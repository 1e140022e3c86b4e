#pragma once
// Compresses a block's chunks (shuffle, then deflate: exactly HDF5's filter pipeline
// for these datasets) so that the work runs in the pipeline's parallel stage and the single
// writer only copies bytes into the file with H5Dwrite_chunk.

#include <cstddef>

#include "rampart/engine/block_buffer.hpp"

namespace rampart::engine {

// Chunked datasets in encoded order: state vars, world vars, world codes, summary vars,
// parameters.
inline constexpr std::size_t kEncodedDatasets =
    sim::kNumStateVars + sim::kNumWorldVars + sim::kNumWorldCodes + sim::kNumSummaryVars + 1;

// Fills block.encoded() with one compressed whole chunk per dataset (zeroing unused runs first).
void encode_block(BlockBuffer& block);

}  // namespace rampart::engine
