#include "rampart/engine/chunk_encoder.hpp"

#include <zlib.h>

#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "rampart/engine/errors.hpp"

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

// HDF5's deflate filter at level 1 (a zlib stream, as compress2 writes it).
void deflate_into(const std::vector<unsigned char>& in, std::vector<unsigned char>& out) {
  uLongf size = compressBound(static_cast<uLong>(in.size()));
  out.resize(size);
  if (compress2(out.data(), &size, in.data(), static_cast<uLong>(in.size()), 1) != Z_OK) {
    throw H5Error("deflate: compressing a chunk failed");
  }
  out.resize(size);
}

template <typename T>
void encode(const T* data, std::size_t elements, std::vector<unsigned char>& scratch,
            std::vector<unsigned char>& out) {
  shuffle(reinterpret_cast<const unsigned char*>(data), elements, sizeof(T), scratch);
  deflate_into(scratch, out);
}

// The parameters chunk, [run][parameter] doubles, read as bytes.
void encode_parameters(std::span<const scenarios::ParameterValues> params,
                       std::vector<unsigned char>& scratch, std::vector<unsigned char>& out) {
  static_assert(sizeof(scenarios::ParameterValues) == sizeof(double) * scenarios::kNumParams);
  shuffle(reinterpret_cast<const unsigned char*>(params.data()),
          params.size() * scenarios::kNumParams, sizeof(double), scratch);
  deflate_into(scratch, out);
}

}  // namespace

void encode_block(BlockBuffer& block) {
  block.clear_unused_runs();
  auto& encoded = block.encoded();
  encoded.resize(kEncodedDatasets);
  std::vector<unsigned char> scratch;
  std::size_t d = 0;
  for (std::size_t v = 0; v < sim::kNumStateVars; ++v) {
    const auto data = block.state_chunk(static_cast<sim::StateVar>(v));
    encode(data.data(), data.size(), scratch, encoded[d++]);
  }
  for (std::size_t v = 0; v < sim::kNumWorldVars; ++v) {
    const auto data = block.world_chunk(static_cast<sim::WorldVar>(v));
    encode(data.data(), data.size(), scratch, encoded[d++]);
  }
  for (std::size_t c = 0; c < sim::kNumWorldCodes; ++c) {
    const auto data = block.codes_chunk(static_cast<sim::WorldCode>(c));
    encode(data.data(), data.size(), scratch, encoded[d++]);
  }
  std::vector<float> column(static_cast<std::size_t>(block.capacity()), 0.0F);
  for (std::size_t v = 0; v < sim::kNumSummaryVars; ++v) {
    for (int j = 0; j < block.runs(); ++j) {
      column[static_cast<std::size_t>(j)] = block.summary(j, static_cast<sim::SummaryVar>(v));
    }
    encode(column.data(), column.size(), scratch, encoded[d++]);
  }
  encode_parameters(block.parameters_chunk(), scratch, encoded[d]);
}

}  // namespace rampart::engine
