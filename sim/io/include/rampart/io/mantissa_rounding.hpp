#pragma once
// Lossy storage of the float series, chosen with --keep-bits: each value rounded to its nearest
// float with only the top `keep_bits` of the 23 explicit mantissa bits (ties to the even one),
// the "bit rounding" of Klöwer et al. (2021, Nature Computational Science 1, 713-724; numcodecs'
// BitRound, netCDF-C's NC_QUANTIZE_BITROUND). The dropped bits are zeros, which deflate stores in
// a few bytes, and the file stays ordinary float32 that every HDF5 reader opens. The relative
// error of a value is at most 2^-(keep_bits + 1) (docs/output.md, "Keeping fewer bits").

#include <span>

namespace rampart::engine {

// Every mantissa bit of a float32: the values exactly as computed (the default).
inline constexpr int kAllMantissaBits = 23;
inline constexpr int kFewestMantissaBits = 1;

// Rounds each finite value in place to `keep_bits` mantissa bits (kFewestMantissaBits ..
// kAllMantissaBits; kAllMantissaBits leaves the values as they are). A value whose rounding
// would carry past the largest finite float is cut to it instead (never made infinite);
// infinities and NaNs are left alone.
void round_mantissas(std::span<float> values, int keep_bits);

}  // namespace rampart::engine
