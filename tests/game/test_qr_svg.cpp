// The join links' QR codes: the module matrix libqrencode gives (size for its version, the three
// finder patterns), the SVG drawn from it (quiet zone, one path that redraws exactly the dark
// modules) and, where zbarimg and rsvg-convert are installed, a real decode of the SVG.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "rampart/game/qr_svg.hpp"

namespace rampart::game {
namespace {

constexpr const char* kUrl = "http://192.168.1.20:8080/team?code=K7QW2M";

// The 7x7 finder pattern: a dark ring, a light ring, a dark 3x3 centre; light separator around.
void expect_finder(const QrMatrix& m, int left, int top) {
  for (int y = -1; y <= 7; ++y) {
    for (int x = -1; x <= 7; ++x) {
      const int mx = left + x;
      const int my = top + y;
      if (mx < 0 || my < 0 || mx >= m.size || my >= m.size) continue;
      const bool ring = x == 0 || x == 6 || y == 0 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      const bool inside = x >= 0 && x <= 6 && y >= 0 && y <= 6;
      EXPECT_EQ(m.at(mx, my), inside && (ring || centre))
          << "finder at (" << left << "," << top << "), module (" << x << "," << y << ")";
    }
  }
}

TEST(QrMatrix, HasTheSizeOfAVersionAndFinderPatternsInThreeCorners) {
  const QrMatrix m = qr_matrix(kUrl);
  // 42 bytes at level M: version 3 (up to 42 bytes), 17 + 4 * version modules a side.
  EXPECT_EQ(m.size, 29);
  ASSERT_EQ(m.dark.size(), static_cast<std::size_t>(m.size * m.size));
  expect_finder(m, 0, 0);
  expect_finder(m, m.size - 7, 0);
  expect_finder(m, 0, m.size - 7);
  // No finder in the fourth corner: its 7x7 is not all-dark on the ring.
  bool ring = true;
  for (int i = 0; i < 7; ++i) ring = ring && m.at(m.size - 7 + i, m.size - 7);
  EXPECT_FALSE(ring);
  // The timing pattern between the top finders alternates, dark first.
  for (int x = 8; x < m.size - 8; ++x) EXPECT_EQ(m.at(x, 6), x % 2 == 0) << x;
  // A longer text needs a larger version.
  EXPECT_GT(qr_matrix(kUrl + std::string(100, 'A')).size, m.size);
}

TEST(QrMatrix, RefusesWhatCannotBeEncoded) {
  EXPECT_THROW(static_cast<void>(qr_matrix("")), std::invalid_argument);
  try {
    static_cast<void>(qr_svg(std::string(4000, 'x')));  // over version 40's 2 331 bytes at M
    FAIL() << "a 4000-byte text made a QR code";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("too long"), std::string::npos) << e.what();
  }
}

TEST(QrSvg, OnePathRedrawsTheDarkModulesInsideAQuietZone) {
  const QrMatrix m = qr_matrix(kUrl);
  const std::string svg = qr_svg(kUrl);
  const int side = m.size + 8;
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0U) << svg.substr(0, 80);
  EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\""),
            std::string::npos);
  EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  const auto first = svg.find("<path");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(svg.find("<path", first + 1), std::string::npos);
  // Replay the path's runs onto a grid of the viewBox's size: it must be the matrix, shifted by
  // the 4-module quiet zone, with nothing drawn in the zone.
  const auto d = svg.find(" d=\"", first) + 4;
  const std::string path = svg.substr(d, svg.find('"', d) - d);
  const auto cell = [side](int x, int y) {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(side) +
           static_cast<std::size_t>(x);
  };
  std::vector<bool> drawn(cell(0, side), false);
  const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  std::size_t covered = 0;
  for (auto it = std::sregex_iterator(path.begin(), path.end(), run); it != std::sregex_iterator();
       ++it) {
    const int x = std::stoi((*it)[1]);
    const int y = std::stoi((*it)[2]);
    const int len = std::stoi((*it)[3]);
    ASSERT_EQ(len, std::stoi((*it)[4]));
    ASSERT_LE(x + len, side);
    ASSERT_LT(y, side);
    for (int i = 0; i < len; ++i) drawn[cell(x + i, y)] = true;
    covered += static_cast<std::size_t>(it->length());
  }
  EXPECT_EQ(covered, path.size()) << "the path has commands other than the runs";
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const bool in_code = x >= 4 && y >= 4 && x < 4 + m.size && y < 4 + m.size;
      EXPECT_EQ(drawn[cell(x, y)], in_code && m.at(x - 4, y - 4))
          << "module (" << x << "," << y << ") of the SVG";
    }
  }
}

// Renders the SVG to a PNG with rsvg-convert and reads it back with zbarimg (a QR decoder that
// is not libqrencode): the URL must come back. Skips where the tools are not installed
// (scripts/install-deps.sh installs them: zbar-tools, librsvg2-bin).
TEST(QrSvg, DecodesBackToTheTextWithZbar) {
  if (std::system(
          "command -v zbarimg >/dev/null 2>&1 && command -v rsvg-convert >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "zbarimg or rsvg-convert not installed (zbar-tools, librsvg2-bin)";
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("rampart_qr_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto svg = dir / "join.svg";
  const auto png = dir / "join.png";
  const auto text = dir / "decoded.txt";
  std::ofstream(svg) << qr_svg(kUrl);
  const std::string command = "rsvg-convert -w 330 -h 330 -o '" + png.string() + "' '" +
                              svg.string() + "' && zbarimg --quiet --raw '" + png.string() +
                              "' 2>/dev/null > '" + text.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(text);
  std::string decoded;
  std::getline(in, decoded);
  EXPECT_EQ(decoded, kUrl);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rampart::game
