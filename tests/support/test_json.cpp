// The one JSON string writer: the same text for files and for HTML but for what could end a
// <script> element.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "rampart/support/json.hpp"

namespace rampart::support {
namespace {

TEST(Json, FileFormUsesShortEscapes) {
  EXPECT_EQ(json_string("a\"b\\c\n\t\x01", JsonTarget::File), R"("a\"b\\c\n\t\u0001")");
  EXPECT_EQ(json_string("</script>&", JsonTarget::File), R"("</script>&")");
}

TEST(Json, HtmlFormEscapesWhatCouldEndAScript) {
  EXPECT_EQ(json_string("</script>&", JsonTarget::Html), R"("\u003c/script\u003e\u0026")");
  EXPECT_EQ(json_string("a\"b\\c\n\t", JsonTarget::Html), R"("a\"b\\c\u000a\u0009")");
}

TEST(Json, InvalidUtf8BecomesTheReplacementCharacter) {
  for (const auto target : {JsonTarget::File, JsonTarget::Html}) {
    EXPECT_EQ(json_string("caf\xc3\xa9", target), "\"caf\xc3\xa9\"");
    EXPECT_EQ(json_string("a\xff"
                          "b\xc3",
                          target),
              R"("a\ufffdb\ufffd")");
  }
}

TEST(Json, ListsAndNumbers) {
  EXPECT_EQ(json_string_list({"a", "<b>"}, JsonTarget::Html), R"(["a", "\u003cb\u003e"])");
  EXPECT_EQ(json_string_list({}, JsonTarget::File), "[]");
  EXPECT_EQ(json_number(0.1), "0.1");
  EXPECT_EQ(json_number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(json_number(-std::numeric_limits<double>::infinity()), "null");
}

}  // namespace
}  // namespace rampart::support
