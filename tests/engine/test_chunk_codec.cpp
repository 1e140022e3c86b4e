// The chunk codec's streams are plain zlib streams: zlib's own inflate (what HDF5's deflate filter
// calls) reads every chunk the codec writes, including series chunks whose stored part spans
// several stored blocks, and the codec's decoder gives back exactly the values encoded.

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "fake_model.hpp"
#include "rampart/io/block_buffer.hpp"
#include "rampart/io/chunk_codec.hpp"
#include "rampart/io/mantissa_rounding.hpp"
#include "rampart/io/results_layout.hpp"

namespace rampart::engine {
namespace {

// A block of 48 runs x 27 years x 36 states: a state chunk is 186 624 bytes, so its three stored
// planes (139 968 bytes) take three stored blocks of at most 65 535.
BlockBuffer encoded_block(int runs, Compression compression = Compression::Deflate) {
  BlockBuffer block(sim::RecordShape{27, 36}, 48);
  block.assign(0, 0, runs);
  for (int j = 0; j < runs; ++j) {
    testing::fake_run(0, sim::RunRng(5, static_cast<std::uint64_t>(j)), block.parameters(j),
                      block.view(j));
  }
  encode_block(block, compression);
  return block;
}

std::vector<unsigned char> zlib_inflate(std::span<const unsigned char> stored,
                                        std::size_t plain_bytes) {
  std::vector<unsigned char> plain(plain_bytes + 1);
  auto length = static_cast<uLongf>(plain.size());
  EXPECT_EQ(uncompress(plain.data(), &length, stored.data(), static_cast<uLong>(stored.size())),
            Z_OK);
  plain.resize(length);
  return plain;
}

// HDF5's shuffle of the floats, written out byte by byte: byte b of every value, then b + 1.
std::vector<unsigned char> shuffled_bytes(std::span<const float> values) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(values.data());
  std::vector<unsigned char> shuffled(values.size() * sizeof(float));
  for (std::size_t b = 0; b < sizeof(float); ++b) {
    for (std::size_t e = 0; e < values.size(); ++e) {
      shuffled[b * values.size() + e] = bytes[e * sizeof(float) + b];
    }
  }
  return shuffled;
}

TEST(ChunkCodec, ZlibReadsEveryChunkAndTheDecoderGivesTheValuesBack) {
  for (const int runs : {48, 17}) {  // a full block and a short last one
    BlockBuffer block = encoded_block(runs);
    ASSERT_EQ(block.encoded().size(), chunked_datasets().size());
    for (sim::StateVar v : {sim::StateVar::Gdp, sim::StateVar::SpendingShare}) {
      const auto values = block.state_chunk(v);
      const auto& stored = block.encoded()[static_cast<std::size_t>(
          std::find_if(chunked_datasets().begin(), chunked_datasets().end(),
                       [v](const ChunkedDataset& d) {
                         return d.kind == SeriesKind::State &&
                                d.index == static_cast<std::size_t>(v);
                       }) -
          chunked_datasets().begin())];
      const std::size_t bytes = values.size() * sizeof(float);
      // zlib: the right length (an Adler-32 mismatch or a bad block would fail uncompress).
      EXPECT_EQ(zlib_inflate(stored, bytes).size(), bytes);
      // The codec's decoder: the floats bit for bit.
      std::vector<float> decoded(values.size());
      ASSERT_TRUE(decode_chunk(stored, Compression::Deflate, sizeof(float), values.size(),
                               values.size(), decoded.data()));
      EXPECT_EQ(std::memcmp(decoded.data(), values.data(), bytes), 0);
      // One flipped byte in the stored part is caught by the checksum.
      auto damaged = stored;
      damaged[damaged.size() / 3] ^= 0x10U;
      EXPECT_FALSE(decode_chunk(damaged, Compression::Deflate, sizeof(float), values.size(),
                                values.size(), decoded.data()));
    }
    for (std::size_t d = 0; d < chunked_datasets().size(); ++d) {
      EXPECT_FALSE(zlib_inflate(block.encoded()[d], 64U << 20U).empty())
          << chunked_datasets()[d].name;
    }
  }
}

// --compression none: each chunk is the block's values as they are (what HDF5 stores for an
// unfiltered chunk, unused runs zeroed), the decoder copies the first runs back, and a chunk of
// another size is refused.
TEST(ChunkCodec, UncompressedChunksAreTheValuesThemselves) {
  const int runs = 17;
  const BlockBuffer block = encoded_block(runs, Compression::None);
  const BlockBuffer deflated = encoded_block(runs, Compression::Deflate);
  ASSERT_EQ(block.encoded().size(), chunked_datasets().size());
  for (std::size_t d = 0; d < chunked_datasets().size(); ++d) {
    const ChunkedDataset& layout = chunked_datasets()[d];
    const std::size_t size = element_size(layout.type);
    const auto& stored = block.encoded()[d];
    ASSERT_EQ(stored.size() % (48 * size), 0U) << layout.path;  // the block's whole capacity
    const std::size_t chunk_values = stored.size() / size;
    // The same values as the deflated chunk decodes to.
    std::vector<unsigned char> plain(stored.size());
    std::vector<unsigned char> inflated(stored.size());
    ASSERT_TRUE(
        decode_chunk(stored, Compression::None, size, chunk_values, chunk_values, plain.data()));
    ASSERT_TRUE(decode_chunk(deflated.encoded()[d], Compression::Deflate, size, chunk_values,
                             chunk_values, inflated.data()));
    EXPECT_EQ(plain, inflated) << layout.path;
    EXPECT_EQ(std::memcmp(plain.data(), stored.data(), stored.size()), 0) << layout.path;
    // The unused runs (17..47) are zero.
    const std::size_t used = chunk_values / 48 * runs * size;
    EXPECT_TRUE(std::all_of(plain.begin() + static_cast<std::ptrdiff_t>(used), plain.end(),
                            [](unsigned char b) { return b == 0; }))
        << layout.path;
    // A chunk one byte short is refused, by the decoder and by merge's check.
    const std::span<const unsigned char> short_chunk(stored.data(), stored.size() - 1);
    EXPECT_FALSE(decode_chunk(short_chunk, Compression::None, size, chunk_values, chunk_values,
                              plain.data()));
    EXPECT_FALSE(chunk_is_whole(short_chunk, Compression::None, plain));
    EXPECT_TRUE(chunk_is_whole(stored, Compression::None, plain));
  }
}

// Every chunk of float series, whatever its size, is HDF5's shuffle of its values under zlib:
// element counts that are not a multiple of the sixteen the shuffle takes at once, and stored
// planes whose 65 535-byte blocks end inside a plane at other offsets than a 48-run block's.
TEST(ChunkCodec, SeriesChunksOfAnyShapeAreTheShuffledValues) {
  struct Shape {
    int capacity;
    int years;
    int states;
  };
  for (const Shape shape :
       {Shape{1, 2, 1}, Shape{3, 27, 36}, Shape{5, 11, 7}, Shape{50, 27, 35}, Shape{61, 26, 36}}) {
    BlockBuffer block(sim::RecordShape{shape.years, shape.states}, shape.capacity);
    block.assign(0, 0, shape.capacity);
    for (int j = 0; j < shape.capacity; ++j) {
      testing::fake_run(0, sim::RunRng(3, static_cast<std::uint64_t>(j)), block.parameters(j),
                        block.view(j));
    }
    encode_block(block, Compression::Deflate);
    for (std::size_t d = 0; d < chunked_datasets().size(); ++d) {
      const ChunkedDataset& layout = chunked_datasets()[d];
      std::span<const float> values;
      if (layout.kind == SeriesKind::State) {
        values = block.state_chunk(static_cast<sim::StateVar>(layout.index));
      } else if (layout.kind == SeriesKind::World) {
        values = block.world_chunk(static_cast<sim::WorldVar>(layout.index));
      } else {
        continue;
      }
      const auto shuffled = shuffled_bytes(values);
      EXPECT_EQ(zlib_inflate(block.encoded()[d], shuffled.size()), shuffled)
          << layout.path << " " << shape.capacity << "x" << shape.years << "x" << shape.states;
    }
  }
}

// --keep-bits: the series are rounded in the block (round_mantissas) and each chunk is still
// HDF5's shuffle of the rounded values under zlib, whose whole dropped planes now come first as a
// compressed block that is not final; the chunks shrink by those planes; the other datasets are
// untouched.
TEST(ChunkCodec, RoundedSeriesChunksAreTheShuffledRoundedValues) {
  struct Shape {
    int capacity;
    int years;
    int states;
  };
  for (const int keep : {16, 15, 10, 7, 1}) {
    for (const Shape shape : {Shape{1, 2, 1}, Shape{5, 11, 7}, Shape{48, 27, 36}}) {
      const auto filled = [&] {
        BlockBuffer block(sim::RecordShape{shape.years, shape.states}, shape.capacity);
        block.assign(0, 0, shape.capacity);
        for (int j = 0; j < shape.capacity; ++j) {
          testing::fake_run(0, sim::RunRng(3, static_cast<std::uint64_t>(j)), block.parameters(j),
                            block.view(j));
        }
        return block;
      };
      BlockBuffer exact = filled();
      encode_block(exact, Compression::Deflate);
      BlockBuffer block = filled();
      encode_block(block, Compression::Deflate, keep);
      const std::string where = "keep " + std::to_string(keep) + ", " +
                                std::to_string(shape.capacity) + "x" + std::to_string(shape.years) +
                                "x" + std::to_string(shape.states);
      for (std::size_t d = 0; d < chunked_datasets().size(); ++d) {
        const ChunkedDataset& layout = chunked_datasets()[d];
        std::span<const float> values;
        std::span<const float> exact_values;
        if (layout.kind == SeriesKind::State) {
          values = block.state_chunk(static_cast<sim::StateVar>(layout.index));
          exact_values = exact.state_chunk(static_cast<sim::StateVar>(layout.index));
        } else if (layout.kind == SeriesKind::World) {
          values = block.world_chunk(static_cast<sim::WorldVar>(layout.index));
          exact_values = exact.world_chunk(static_cast<sim::WorldVar>(layout.index));
        } else {
          EXPECT_EQ(block.encoded()[d], exact.encoded()[d]) << layout.path << " " << where;
          continue;
        }
        std::vector<float> rounded(exact_values.begin(), exact_values.end());
        round_mantissas(rounded, keep);
        ASSERT_EQ(std::memcmp(rounded.data(), values.data(), values.size() * sizeof(float)), 0)
            << layout.path << " " << where;
        const auto shuffled = shuffled_bytes(values);
        EXPECT_EQ(zlib_inflate(block.encoded()[d], shuffled.size()), shuffled)
            << layout.path << " " << where;
        std::vector<float> decoded(values.size());
        ASSERT_TRUE(decode_chunk(block.encoded()[d], Compression::Deflate, sizeof(float),
                                 values.size(), values.size(), decoded.data()))
            << layout.path << " " << where;
        EXPECT_EQ(std::memcmp(decoded.data(), values.data(), values.size() * sizeof(float)), 0);
        // A whole dropped plane (keep_bits <= 15) is a quarter of a varying series' bytes.
        if (shape.capacity == 48 && keep <= 15 && layout.kind == SeriesKind::State &&
            layout.index == static_cast<std::size_t>(sim::StateVar::Gdp)) {
          EXPECT_LT(block.encoded()[d].size(),
                    exact.encoded()[d].size() - values.size() * (keep <= 7 ? 2 : 1) * 9 / 10)
              << where;
        }
      }
    }
  }
}

// A float series stores its three mantissa planes, but for the top ones whose bytes repeat the
// element before or the row before at 15 in 16 positions or more: those are compressed. All
// chunks still inflate under zlib to the shuffled values and decode to the same floats.
TEST(ChunkCodec, MantissaPlanesThatBarelyChangeAreCompressedNotStored) {
  constexpr int kRuns = 48;
  constexpr int kYears = 27;
  constexpr int kStates = 36;
  BlockBuffer block(sim::RecordShape{kYears, kStates}, kRuns);
  block.assign(0, 0, kRuns);
  for (int j = 0; j < kRuns; ++j) {
    testing::fake_run(0, sim::RunRng(9, static_cast<std::uint64_t>(j)), block.parameters(j),
                      block.view(j));
  }
  const std::size_t elements = std::size_t{kRuns} * kYears * kStates;
  const std::size_t allowed = (elements - kStates) / 16;
  // Element e's value: `bits(e)` as a float's bytes.
  const auto fill = [&](sim::StateVar v, const auto& bits) {
    for (int j = 0; j < kRuns; ++j) {
      for (int y = 0; y < kYears; ++y) {
        for (int c = 0; c < kStates; ++c) {
          const auto e = static_cast<std::uint32_t>((j * kYears + y) * kStates + c);
          block.view(j).at(v, y, c) = std::bit_cast<float>(static_cast<std::uint32_t>(bits(e)));
        }
      }
    }
  };
  // Well-mixed bits of e, so no byte repeats by design.
  const auto noise = [](std::uint32_t e) {
    std::uint32_t x = e * 0x9E3779B1U;
    x ^= x >> 15U;
    x *= 0x85EBCA77U;
    return x ^ (x >> 13U);
  };
  fill(sim::StateVar::RelatedShare, [](std::uint32_t) { return 0U; });
  // 1.0 plus noise in the low 16 bits: the top mantissa byte (0x80) repeats, the two below do not.
  fill(sim::StateVar::Commitment,
       [&](std::uint32_t e) { return 0x3F800000U | (noise(e) & 0xFFFFU); });
  // Zero but for isolated spikes in the top mantissa byte: each is one position that repeats
  // neither distance. `allowed` of them still compress; one more and the plane is stored.
  const std::size_t stride = (elements - kStates) / (allowed + 1);
  const auto spikes = [&](std::size_t count) {
    return [=](std::uint32_t e) {
      const bool spike =
          e >= kStates && (e - kStates) % stride == 0 && (e - kStates) / stride < count;
      return spike ? (((noise(e) & 0x7FU) | 0x01U) << 16U) : 0U;
    };
  };
  fill(sim::StateVar::AidShare, spikes(allowed));
  fill(sim::StateVar::SecurityWeight, spikes(allowed + 1));
  encode_block(block, Compression::Deflate);

  const auto stored_size = [&](sim::StateVar v) {
    for (std::size_t d = 0; d < chunked_datasets().size(); ++d) {
      const ChunkedDataset& layout = chunked_datasets()[d];
      if (layout.kind == SeriesKind::State && layout.index == static_cast<std::size_t>(v)) {
        const auto& stored = block.encoded()[d];
        const auto values = block.state_chunk(v);
        std::vector<float> decoded(values.size());
        EXPECT_TRUE(decode_chunk(stored, Compression::Deflate, sizeof(float), values.size(),
                                 values.size(), decoded.data()));
        EXPECT_EQ(std::memcmp(decoded.data(), values.data(), values.size() * sizeof(float)), 0);
        EXPECT_EQ(zlib_inflate(stored, values.size() * sizeof(float)).size(),
                  values.size() * sizeof(float));
        return stored.size();
      }
    }
    ADD_FAILURE() << "no dataset";
    return std::size_t{0};
  };
  // Varying values: three planes stored, at a byte per value each.
  EXPECT_GE(stored_size(sim::StateVar::Gdp), 3 * elements);
  // All planes of a zero series compress (the three mantissa planes stored would be 140 kB).
  EXPECT_LT(stored_size(sim::StateVar::RelatedShare), elements / 64);
  // Two planes stored, the top mantissa plane compressed with the exponent's.
  const std::size_t commitment = stored_size(sim::StateVar::Commitment);
  EXPECT_GE(commitment, 2 * elements);
  EXPECT_LT(commitment, 2 * elements + elements / 16);
  EXPECT_LT(stored_size(sim::StateVar::AidShare), elements / 4);
  EXPECT_GE(stored_size(sim::StateVar::SecurityWeight), 3 * elements);
}

TEST(Compression, NamesRoundTripAndOthersAreRefused) {
  for (const Compression c : {Compression::Deflate, Compression::None}) {
    EXPECT_EQ(parse_compression(compression_name(c)), c);
  }
  EXPECT_EQ(parse_compression("lz4"), std::nullopt);
  EXPECT_EQ(parse_compression("Deflate"), std::nullopt);
  EXPECT_EQ(compression_names(), "deflate, none");
  EXPECT_EQ(kDefaultCompression, Compression::Deflate);
}

}  // namespace
}  // namespace rampart::engine
