#pragma once
// The game's web server (Boost.Beast, HTTP/1.1 on one thread): the team, teacher and debrief
// pages (embedded in the binary) and their JSON API. Clients poll GET /api/... every second or
// two. Everything is bounded: header and body sizes, connections, and each read and write's time;
// a malformed request gets a 4xx and the connection closes, the server keeps serving. It serves
// nothing from the file system; every change of the game is saved (`on_change`) before the
// request is answered.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "rampart/game/game.hpp"

namespace rampart::game {

struct ServerLimits {
  std::size_t max_header_bytes = 8192;
  std::size_t max_body_bytes = 4096;
  std::size_t max_connections = 256;
  std::chrono::milliseconds read_timeout{10000};
  // Requests one connection may make before the server closes it (the page reconnects).
  int max_requests_per_connection = 1000;
};

class Server {
 public:
  // Listens on address:port (port 0: any free port); throws std::runtime_error when it cannot.
  // `on_change` runs after each change of the game (a choice, an advance), before the reply:
  // the CLI saves the game file there.
  Server(Game& game, const std::string& address, std::uint16_t port,
         std::function<void(const Game&)> on_change, ServerLimits limits = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  [[nodiscard]] std::uint16_t port() const;
  // The address students reach the server at, "http://HOST:PORT" (the one the CLI prints): the
  // join links and QR codes of /api/join use it. Until it is set they use the listening address.
  // Call it before run().
  void set_join_base(std::string base);
  // Serves until stop() (from another thread or a signal handler's flag watcher) or forever.
  void run();
  // Thread-safe: makes run() return after the requests in hand.
  void stop();
  // Makes SIGINT and SIGTERM stop run() (the CLI's Ctrl-C; the game is saved at every round).
  void stop_on_signals();

  struct Impl;  // the server's state, shared with its connections (server.cpp)

 private:
  std::unique_ptr<Impl> impl_;
};

// The pages as served, and the standalone debrief (the page with the data inlined, no server
// needed): what `rampart play --debrief FILE.html` writes.
std::string debrief_html(const Game& game);

}  // namespace rampart::game
