#include "rampart/game/message.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace rampart::game {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::map<std::string, JsonValue, std::less<>> object() {
    std::map<std::string, JsonValue, std::less<>> members;
    skip_space();
    expect('{');
    skip_space();
    if (peek() == '}') {
      ++at_;
    } else {
      for (;;) {
        skip_space();
        std::string name = string();
        skip_space();
        expect(':');
        skip_space();
        JsonValue value = scalar();
        if (members.count(name) != 0U) fail("member \"" + name + "\" given twice");
        if (members.size() == kMaxMessageMembers) fail("too many members");
        members.emplace(std::move(name), std::move(value));
        skip_space();
        if (peek() == ',') {
          ++at_;
          continue;
        }
        expect('}');
        break;
      }
    }
    skip_space();
    if (at_ != text_.size()) fail("text after the object");
    return members;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw GameError(GameError::Kind::BadRequest,
                    "bad JSON at byte " + std::to_string(at_) + ": " + what);
  }
  [[nodiscard]] char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++at_;
  }
  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }
  // Strings hold printable ASCII and the escapes \" \\ \/; anything else is refused (the API
  // carries codes, keys and nothing free-form).
  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (at_ >= text_.size()) fail("unterminated string");
      const char c = text_[at_++];
      if (c == '"') break;
      if (c == '\\') {
        const char e = peek();
        if (e != '"' && e != '\\' && e != '/') fail("unsupported escape");
        out += e;
        ++at_;
      } else if (c < 0x20 || c > 0x7e) {
        fail("a string may hold printable ASCII only");
      } else {
        out += c;
      }
      if (out.size() > kMaxStringBytes) fail("string too long");
    }
    return out;
  }
  JsonValue scalar() {
    const char c = peek();
    if (c == '"') return string();
    if (text_.substr(at_, 4) == "true") {
      at_ += 4;
      return true;
    }
    if (text_.substr(at_, 5) == "false") {
      at_ += 5;
      return false;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    fail("expected a string, number, true or false");
  }
  // The JSON number grammar, checked by hand, then converted by from_chars.
  double number() {
    const std::size_t begin = at_;
    if (peek() == '-') ++at_;
    if (peek() == '0') {
      ++at_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++at_;
    } else {
      fail("bad number");
    }
    if (peek() == '.') {
      ++at_;
      if (!(peek() >= '0' && peek() <= '9')) fail("bad number");
      while (peek() >= '0' && peek() <= '9') ++at_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++at_;
      if (peek() == '+' || peek() == '-') ++at_;
      if (!(peek() >= '0' && peek() <= '9')) fail("bad number");
      while (peek() >= '0' && peek() <= '9') ++at_;
    }
    double value = 0.0;
    const auto* first = text_.data() + begin;
    const auto* last = text_.data() + at_;
    const auto result = std::from_chars(first, last, value);
    if (result.ec != std::errc{} || result.ptr != last || !std::isfinite(value)) {
      fail("number out of range");
    }
    return value;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

[[noreturn]] void missing(const std::string& name, const char* type) {
  throw GameError(GameError::Kind::BadRequest, "\"" + name + "\" must be " + type);
}

}  // namespace

Message Message::parse(std::string_view text) {
  if (text.size() > kMaxMessageBytes) {
    throw GameError(GameError::Kind::BadRequest,
                    "message over " + std::to_string(kMaxMessageBytes) + " bytes");
  }
  Message m;
  m.members_ = Parser(text).object();
  return m;
}

const std::string& Message::text(const std::string& name) const {
  const auto it = members_.find(name);
  if (it == members_.end() || !std::holds_alternative<std::string>(it->second)) {
    missing(name, "a string");
  }
  return std::get<std::string>(it->second);
}

double Message::number(const std::string& name) const {
  const auto it = members_.find(name);
  if (it == members_.end() || !std::holds_alternative<double>(it->second)) {
    missing(name, "a number");
  }
  return std::get<double>(it->second);
}

int Message::integer(const std::string& name) const {
  const double x = number(name);
  if (x != std::floor(x) || x < std::numeric_limits<int>::min() ||
      x > std::numeric_limits<int>::max()) {
    missing(name, "a whole number");
  }
  return static_cast<int>(x);
}

std::optional<bool> Message::flag(const std::string& name) const {
  const auto it = members_.find(name);
  if (it == members_.end()) return std::nullopt;
  if (!std::holds_alternative<bool>(it->second)) missing(name, "true or false");
  return std::get<bool>(it->second);
}

Choice choice_of(const Message& message) {
  Choice c;
  c.core_share = message.number("core_pct") / 100.0;
  c.aid_share = message.number("aid_pct") / 100.0;
  c.commitment = message.number("readiness_pct") / 100.0;
  return c;
}

}  // namespace rampart::game
