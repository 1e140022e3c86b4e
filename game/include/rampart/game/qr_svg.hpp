#pragma once
// QR codes for the game's join links (the printable team cards and the teacher's join panel), so
// a room of phones can join by pointing a camera. The encoding is Debian's libqrencode (Reed-
// Solomon error correction, masks, versions: not something to write by hand); this file only
// draws its module matrix as a small SVG that the pages inline.

#include <string>
#include <string_view>
#include <vector>

namespace rampart::game {

// A QR code's modules, row by row: size x size, true = dark. No quiet zone.
struct QrMatrix {
  int size = 0;
  std::vector<bool> dark;
  [[nodiscard]] bool at(int x, int y) const {
    return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                static_cast<std::size_t>(x)];
  }
};

// The modules that encode `text` (8-bit mode, error correction level M, the smallest version that
// fits). Throws std::invalid_argument when it cannot be encoded (empty, or too long for a QR
// code).
QrMatrix qr_matrix(std::string_view text);

// `text` as a QR code in SVG: a white square with a 4-module quiet zone and one <path> of the
// dark modules, in module units (viewBox) so it scales to any size, crisp edges. Throws as
// qr_matrix.
std::string qr_svg(std::string_view text);

}  // namespace rampart::game
