#pragma once
// A table of floats that starts at zero without a pass writing the zeros. A summary's value table
// (cells x runs: 288 MB for every year of one variable's six groups over 10^6 runs) is written
// once by the scan; zero-filling it first cost a memset and a page fault every 4 KiB before the
// scan began. Large tables come zeroed from the kernel (calloc maps them fresh and skips the
// memset) and, on Linux, are asked for in 2 MiB pages, so they fault 512 times less often
// (docs/performance.md).

#include <cstddef>

namespace rampart::analysis {

class ZeroedFloats {
 public:
  ZeroedFloats() = default;
  // `size` floats, all +0.0f. Throws std::bad_alloc when there is no memory for them.
  explicit ZeroedFloats(std::size_t size);
  ZeroedFloats(const ZeroedFloats&) = delete;
  ZeroedFloats& operator=(const ZeroedFloats&) = delete;
  ZeroedFloats(ZeroedFloats&& other) noexcept;
  ZeroedFloats& operator=(ZeroedFloats&& other) noexcept;
  ~ZeroedFloats();

  [[nodiscard]] float* data() { return data_; }
  [[nodiscard]] const float* data() const { return data_; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] float* begin() { return data_; }
  [[nodiscard]] float* end() { return data_ + size_; }
  [[nodiscard]] const float* begin() const { return data_; }
  [[nodiscard]] const float* end() const { return data_ + size_; }
  [[nodiscard]] float& operator[](std::size_t i) { return data_[i]; }
  [[nodiscard]] float operator[](std::size_t i) const { return data_[i]; }

 private:
  float* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace rampart::analysis
