#include "rampart/analysis/zeroed_floats.hpp"

#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace rampart::analysis {
namespace {

#if defined(__linux__)
constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;

// Asks for transparent huge pages over the whole 2 MiB pages inside [at, at + bytes). Only a
// hint: where the kernel offers none (or refuses), the table is the same, in 4 KiB pages.
void prefer_huge_pages(void* at, std::size_t bytes) {
  if (bytes < 2 * kHugePage) return;  // no whole huge page need lie inside
  const auto from = reinterpret_cast<std::uintptr_t>(at);
  char* const first = static_cast<char*>(at) + (kHugePage - from % kHugePage) % kHugePage;
  char* const last = static_cast<char*>(at) + bytes - (from + bytes) % kHugePage;
  if (last > first) {
    (void)madvise(first, static_cast<std::size_t>(last - first), MADV_HUGEPAGE);
  }
}
#endif

}  // namespace

ZeroedFloats::ZeroedFloats(std::size_t size) : size_(size) {
  if (size == 0) return;
  // calloc rather than new[] + fill: a large block is freshly mapped, so already zero.
  data_ = static_cast<float*>(std::calloc(size, sizeof(float)));  // NOLINT(*-no-malloc)
  if (data_ == nullptr) throw std::bad_alloc();
#if defined(__linux__)
  prefer_huge_pages(data_, size * sizeof(float));
#endif
}

ZeroedFloats::ZeroedFloats(ZeroedFloats&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

ZeroedFloats& ZeroedFloats::operator=(ZeroedFloats&& other) noexcept {
  if (this != &other) {
    std::free(data_);  // NOLINT(*-no-malloc)
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

ZeroedFloats::~ZeroedFloats() {
  std::free(data_);  // NOLINT(*-no-malloc)
}

}  // namespace rampart::analysis
