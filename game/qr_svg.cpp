#include "rampart/game/qr_svg.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <stdexcept>
#include <string>

namespace rampart::game {

namespace {

constexpr int kQuietZone = 4;  // modules of light margin the standard asks for on every side

struct QrcodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

QrMatrix qr_matrix(std::string_view text) {
  if (text.empty()) throw std::invalid_argument("cannot make a QR code of an empty text");
  // QRcode_encodeData takes the bytes with their length, so the text needs no terminating NUL.
  errno = 0;
  const std::unique_ptr<QRcode, QrcodeFree> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    const std::string why = errno == ERANGE
                                ? "it is too long for a QR code"
                                : "libqrencode failed (errno " + std::to_string(errno) + ")";
    throw std::invalid_argument("cannot make a QR code of a text of " +
                                std::to_string(text.size()) + " bytes: " + why);
  }
  QrMatrix m;
  m.size = code->width;
  const auto cells = static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size);
  m.dark.resize(cells);
  // libqrencode's bytes carry flags in the upper bits; bit 0 is the module's colour.
  for (std::size_t i = 0; i < cells; ++i) m.dark[i] = (code->data[i] & 1U) != 0U;
  return m;
}

std::string qr_svg(std::string_view text) {
  const QrMatrix m = qr_matrix(text);
  const std::string side = std::to_string(m.size + 2 * kQuietZone);
  std::string path;
  // One horizontal run of dark modules per subpath: a few hundred subpaths, a few kilobytes.
  for (int y = 0; y < m.size; ++y) {
    for (int x = 0; x < m.size;) {
      if (!m.at(x, y)) {
        ++x;
        continue;
      }
      int run = 0;
      while (x + run < m.size && m.at(x + run, y)) ++run;
      path += 'M' + std::to_string(x + kQuietZone) + ' ' + std::to_string(y + kQuietZone) + 'h' +
              std::to_string(run) + "v1h-" + std::to_string(run) + 'z';
      x += run;
    }
  }
  return R"(<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 )" + side + ' ' + side +
         R"(" shape-rendering="crispEdges"><rect width=")" + side + R"(" height=")" + side +
         R"(" fill="#fff"/><path fill="#000" d=")" + path + R"("/></svg>)";
}

}  // namespace rampart::game
