// libFuzzer target: scenarios::parse_sweep on arbitrary text (see fuzz_inputs.hpp for what counts
// as a failure). Run with scripts/fuzz.sh.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rampart::fuzz::fuzz_sweep_text(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
