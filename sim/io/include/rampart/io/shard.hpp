#pragma once
// Shards: a request's work is its list of blocks (scenario-major, as the pipeline runs them);
// shard k of N takes the k-th of N contiguous, nearly equal block ranges. A shard writes a part
// file with the full layout (every dataset at the whole request's extent) but only its own
// blocks' chunks and events, and says which blocks it holds (docs/cluster.md).

#include <cstdint>
#include <string>

namespace rampart::engine {

struct ShardSpec {
  int index = 0;                 // k, 0-based
  int count = 1;                 // N
  std::int64_t first_block = 0;  // the shard's blocks: [first_block, end_block)
  std::int64_t end_block = 0;

  [[nodiscard]] std::int64_t blocks() const { return end_block - first_block; }
  // "k/N", as --shard takes it and the part file stores it.
  [[nodiscard]] std::string label() const;

  friend bool operator==(const ShardSpec&, const ShardSpec&) = default;
};

// Shard `index` of `count` over `total_blocks` blocks: blocks [index*T/N, (index+1)*T/N), so
// shard sizes differ by at most one block. Throws std::invalid_argument unless
// 0 <= index < count.
ShardSpec make_shard(int index, int count, std::int64_t total_blocks);

// Parses "k/N" (0 <= k < N); throws std::invalid_argument with a message saying what is wrong.
ShardSpec parse_shard(const std::string& text, std::int64_t total_blocks);

}  // namespace rampart::engine
