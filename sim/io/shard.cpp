#include "rampart/io/shard.hpp"

#include <charconv>
#include <stdexcept>

namespace rampart::engine {

std::string ShardSpec::label() const {
  return std::to_string(index) + "/" + std::to_string(count);
}

ShardSpec make_shard(int index, int count, std::int64_t total_blocks) {
  if (count <= 0 || index < 0 || index >= count) {
    throw std::invalid_argument("shard " + std::to_string(index) + "/" + std::to_string(count) +
                                ": need 0 <= k < N");
  }
  if (total_blocks < 0) throw std::invalid_argument("shard: negative block count");
  ShardSpec shard;
  shard.index = index;
  shard.count = count;
  // total_blocks * count stays far below 2^63: a file holds at most 32768 x 2^31 runs.
  shard.first_block = total_blocks * index / count;
  shard.end_block = total_blocks * (index + 1) / count;
  return shard;
}

ShardSpec parse_shard(const std::string& text, std::int64_t total_blocks) {
  const auto slash = text.find('/');
  auto number = [&](std::size_t from, std::size_t to, int& out) {
    const char* first = text.data() + from;
    const char* last = text.data() + to;
    const auto [end, error] = std::from_chars(first, last, out);
    return first != last && error == std::errc() && end == last;
  };
  int index = 0;
  int count = 0;
  if (slash == std::string::npos || !number(0, slash, index) ||
      !number(slash + 1, text.size(), count)) {
    throw std::invalid_argument("--shard takes K/N, e.g. 0/4 (got '" + text + "')");
  }
  if (count <= 0 || index < 0 || index >= count) {
    throw std::invalid_argument("--shard " + text + ": K must be 0.." +
                                (count > 0 ? std::to_string(count - 1) : std::string("N-1")) +
                                " for N = " + std::to_string(count));
  }
  return make_shard(index, count, total_blocks);
}

}  // namespace rampart::engine
