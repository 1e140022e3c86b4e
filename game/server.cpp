#include "rampart/game/server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "pages.hpp"
#include "rampart/game/message.hpp"
#include "rampart/game/views.hpp"
#include "rampart/support/json.hpp"

namespace rampart::game {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Reply {
  http::status status = http::status::ok;
  std::string content_type = "application/json";
  std::string body;
};

Reply json_reply(std::string body) {
  return {http::status::ok, "application/json", std::move(body)};
}

Reply error_reply(http::status status, std::string_view message) {
  return {status, "application/json",
          "{\"error\":" + support::json_string(message, support::JsonTarget::File) + "}"};
}

http::status status_of(GameError::Kind kind) {
  switch (kind) {
    case GameError::Kind::BadRequest:
      return http::status::bad_request;
    case GameError::Kind::Forbidden:
      return http::status::forbidden;
    case GameError::Kind::Conflict:
      return http::status::conflict;
    case GameError::Kind::NotFound:
      return http::status::not_found;
  }
  return http::status::bad_request;
}

// The value of `name` in a query string of plain codes (letters and digits only; anything
// else, percent-escapes included, is refused as no value).
std::string query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      const auto value = pair.substr(eq + 1);
      for (const char c : value) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
          return {};
        }
      }
      return std::string(value);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

}  // namespace

struct Server::Impl {
  Impl(Game& g, std::function<void(const Game&)> change, ServerLimits l)
      : game(g), on_change(std::move(change)), limits(l) {}

  Game& game;
  std::function<void(const Game&)> on_change;
  ServerLimits limits;
  std::size_t connections = 0;
  std::string join_base;  // "http://HOST:PORT", for the join links (set_join_base)
  bool paused = false;
  std::optional<Clock::time_point> deadline;  // the round's timer, while running
  double frozen_seconds = -1.0;               // the timer's seconds left while paused
  // Last, so they go first: the connections the context still holds count down `connections`.
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  std::optional<asio::signal_set> signals;

  [[nodiscard]] Classroom classroom() const {
    Classroom c;
    c.paused = paused;
    if (paused) {
      c.seconds_left = frozen_seconds;
    } else if (deadline) {
      const auto left = std::chrono::duration<double>(*deadline - Clock::now()).count();
      c.seconds_left = left > 0.0 ? left : 0.0;
    }
    return c;
  }

  void require_teacher(const std::string& key) const {
    if (!game.is_teacher(key)) throw GameError(GameError::Kind::Forbidden, "not the teacher's key");
  }
  void require_running() const {
    if (paused) throw GameError(GameError::Kind::Conflict, "the game is paused");
  }

  Reply get(std::string_view path, std::string_view query) {
    if (path == "/" || path == "/team" || path == "/teacher" || path == "/debrief" ||
        path == "/cards") {
      return {http::status::ok, "text/html; charset=utf-8", std::string(page_html())};
    }
    if (path == "/play.js") {
      return {http::status::ok, "text/javascript; charset=utf-8", std::string(page_script())};
    }
    if (path == "/play.css") {
      return {http::status::ok, "text/css; charset=utf-8", std::string(page_styles())};
    }
    if (path == "/api/team") {
      return json_reply(
          team_view(game, game.team_of_code(query_value(query, "code")), classroom()));
    }
    if (path == "/api/teacher") {
      require_teacher(query_value(query, "key"));
      return json_reply(teacher_view(game, classroom()));
    }
    if (path == "/api/join") {
      require_teacher(query_value(query, "key"));
      return json_reply(join_view(game, join_base));
    }
    if (path == "/api/debrief") {
      // The teacher any time; the teams once the game is over.
      const auto key = query_value(query, "key");
      if (!game.is_teacher(key)) {
        const int team = game.team_of_code(query_value(query, "code"));
        static_cast<void>(team);
        if (!game.finished()) {
          throw GameError(GameError::Kind::Forbidden, "the debrief opens when the game is over");
        }
      }
      return json_reply(debrief_view(game));
    }
    return error_reply(http::status::not_found, "no such page");
  }

  Reply post(std::string_view path, const std::string& body) {
    const Message m = Message::parse(body);
    if (path == "/api/choice") {
      require_running();
      const int team = m.has("key") ? (require_teacher(m.text("key")), m.integer("team") - 1)
                                    : game.team_of_code(m.text("code"));
      game.submit(team, m.integer("round"), choice_of(m));
      return json_reply(team_view(game, team, classroom()));
    }
    require_teacher(m.text("key"));
    if (path == "/api/advance") {
      require_running();
      if (m.integer("round") != game.rounds_played() + 1) {
        throw GameError(GameError::Kind::Conflict, "that round was already played");
      }
      game.advance();
      deadline.reset();
      on_change(game);
    } else if (path == "/api/pause") {
      const auto flag = m.flag("paused");
      if (!flag) throw GameError(GameError::Kind::BadRequest, "\"paused\" must be true or false");
      if (*flag && !paused) {
        frozen_seconds = classroom().seconds_left;
        paused = true;
      } else if (!*flag && paused) {
        paused = false;
        if (frozen_seconds >= 0.0) {
          deadline = Clock::now() +
                     std::chrono::milliseconds(static_cast<std::int64_t>(frozen_seconds * 1000.0));
        }
        frozen_seconds = -1.0;
      }
    } else if (path == "/api/event") {
      require_running();
      RoundEvents events;
      const std::string probe = m.has("probe") ? m.text("probe") : std::string();
      if (!probe.empty()) {
        const auto& countries = game.setup().scenario.countries;
        for (std::size_t i = 0; i < countries.size(); ++i) {
          if (countries[i].iso3 == probe) events.probe_target = static_cast<int>(i);
        }
        if (events.probe_target < 0) {
          throw GameError(GameError::Kind::BadRequest, "no state " + probe + " in the game");
        }
      }
      events.ceasefire = m.flag("ceasefire").value_or(false);
      const std::string us = m.has("us_policy") ? m.text("us_policy") : std::string();
      if (!us.empty() && us != "unchanged") {
        events.us_policy = us_policy_code(us);
        if (events.us_policy < 0) {
          throw GameError(
              GameError::Kind::BadRequest,
              "no US policy " + us + " (committed, transactional, disengaging or unchanged)");
        }
      }
      game.set_events(m.integer("round"), events);
    } else if (path == "/api/timer") {
      const int seconds = m.integer("seconds");
      if (seconds < 0 || seconds > 3600) {
        throw GameError(GameError::Kind::BadRequest, "the timer takes 0..3600 seconds");
      }
      if (seconds == 0) {
        deadline.reset();
        frozen_seconds = -1.0;
      } else if (paused) {
        frozen_seconds = seconds;
      } else {
        deadline = Clock::now() + std::chrono::seconds(seconds);
      }
    } else {
      return error_reply(http::status::not_found, "no such request");
    }
    return json_reply(teacher_view(game, classroom()));
  }

  Reply handle(const http::request<http::string_body>& request) {
    const std::string_view target(request.target().data(), request.target().size());
    const auto question = target.find('?');
    const auto path = target.substr(0, question);
    const auto query =
        question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    try {
      if (request.method() == http::verb::get) return get(path, query);
      if (request.method() == http::verb::post) return post(path, request.body());
      return error_reply(http::status::method_not_allowed, "GET or POST only");
    } catch (const GameError& e) {
      return error_reply(status_of(e.kind()), e.what());
    } catch (const std::exception& e) {
      // Saving the game failed (a full disk): the round is played in memory; say so and keep
      // serving, the next round's save tries again.
      return error_reply(http::status::internal_server_error, e.what());
    }
  }
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)),
        server_(server),
        buffer_(server.limits.max_header_bytes + server.limits.max_body_bytes) {
    ++server_.connections;
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() { --server_.connections; }

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.limits.max_header_bytes));
    parser_->body_limit(server_.limits.max_body_bytes);
    stream_.expires_after(server_.limits.read_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof ||
        ec == asio::error::connection_reset) {
      close();
      return;
    }
    if (ec == http::error::body_limit) {
      reply(error_reply(http::status::payload_too_large, "request body too large"), false, 11);
      return;
    }
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
      reply(error_reply(http::status::request_header_fields_too_large, "request header too large"),
            false, 11);
      return;
    }
    if (ec) {
      reply(error_reply(http::status::bad_request, "malformed request"), false, 11);
      return;
    }
    const auto& request = parser_->get();
    const bool keep_alive =
        request.keep_alive() && ++requests_ < server_.limits.max_requests_per_connection;
    reply(server_.handle(request), keep_alive, request.version());
  }

  void reply(Reply r, bool keep_alive, unsigned version) {
    auto response = std::make_shared<http::response<http::string_body>>(r.status, version);
    response->set(http::field::server, "rampart-play");
    response->set(http::field::content_type, r.content_type);
    response->set(http::field::cache_control, "no-store");
    response->set("X-Content-Type-Options", "nosniff");
    response->set("Content-Security-Policy",
                  "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    response->keep_alive(keep_alive);
    response->body() = std::move(r.body);
    response->prepare_payload();
    stream_.expires_after(server_.limits.read_timeout);
    http::async_write(
        stream_, *response,
        [self = shared_from_this(), response, keep_alive](beast::error_code ec, std::size_t) {
          if (ec || !keep_alive) {
            self->close();
          } else {
            self->read();
          }
        });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  int requests_ = 0;
};

void accept(Server::Impl& server) {
  server.acceptor.async_accept([&server](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      if (server.connections >= server.limits.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);  // full: the client retries on its next poll
      } else {
        std::make_shared<Session>(std::move(socket), server)->start();
      }
    }
    accept(server);
  });
}

}  // namespace

Server::Server(Game& game, const std::string& address, std::uint16_t port,
               std::function<void(const Game&)> on_change, ServerLimits limits)
    : impl_(std::make_unique<Impl>(game, std::move(on_change), limits)) {
  beast::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec)
    throw GameError(GameError::Kind::BadRequest, "--bind '" + address + "' is not an IP address");
  const tcp::endpoint endpoint(ip, port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port) + ": " +
                             ec.message());
  }
  const std::string host = ip.is_v6() ? "[" + address + "]" : address;
  impl_->join_base = "http://" + host + ":" + std::to_string(this->port());
  accept(*impl_);
}

Server::~Server() = default;

std::uint16_t Server::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void Server::set_join_base(std::string base) {
  impl_->join_base = std::move(base);
}

void Server::run() {
  impl_->ioc.run();
}

void Server::stop() {
  impl_->ioc.stop();
}

void Server::stop_on_signals() {
  impl_->signals.emplace(impl_->ioc, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->ioc.stop();
  });
}

std::string debrief_html(const Game& game) {
  // The page with its script, styles and the debrief's data inline: one file, no server.
  std::string page(page_html());
  const auto replace = [&page](std::string_view what, const std::string& with) {
    const auto at = page.find(what);
    if (at != std::string::npos) page.replace(at, what.size(), with);
  };
  replace("<link rel=\"stylesheet\" href=\"/play.css\">",
          "<style>\n" + std::string(page_styles()) + "</style>");
  replace("<script src=\"/play.js\"></script>",
          "<script id=\"debrief-data\" type=\"application/json\">" + debrief_view(game) +
              "</script>\n<script>\n" + std::string(page_script()) + "</script>");
  return page;
}

}  // namespace rampart::game
