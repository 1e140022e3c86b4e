// A class on loopback: 40 clients (four per team of ten teams) polling their pages on keep-alive
// connections ten times faster than the pages do, submitting, while the teacher plays the game's
// rounds. Every request must succeed; the latencies are printed (for docs/performance.md), never
// asserted.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "game_test_support.hpp"
#include "rampart/game/game_file.hpp"
#include "rampart/game/server.hpp"

namespace rampart::game {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  // One request on the kept-alive connection: the status, and the seconds it took.
  std::pair<int, double> send(http::verb verb, const std::string& target, const std::string& body) {
    const auto start = Clock::now();
    http::request<http::string_body> request(verb, target, 11);
    request.set(http::field::host, "localhost");
    request.body() = body;
    request.prepare_payload();
    http::write(socket_, request);
    http::response<http::string_body> response;
    http::read(socket_, buffer_, response);
    last_body_ = response.body();
    return {static_cast<int>(response.result_int()),
            std::chrono::duration<double>(Clock::now() - start).count()};
  }
  [[nodiscard]] const std::string& body() const { return last_body_; }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  std::string last_body_;
};

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

TEST(GameLoad, FortyClientsThroughAGame) {
  const std::vector<std::string> states = {"DEU", "FRA", "POL", "ITA", "GBR",
                                           "ESP", "NLD", "EST", "SWE", "FIN"};
  auto game = testing::baseline_game(states, 3, 2);
  // Each round is saved as `rampart play` saves it, so the advance's latency includes the file.
  const auto file = std::filesystem::temp_directory_path() /
                    ("rampart_game_load_" + std::to_string(::getpid()) + ".h5");
  Server server(*game, "127.0.0.1", 0, [&](const Game& g) {
    save_game(g, file, Provenance{"test", "test", "test"});
  });
  std::thread serving([&] { server.run(); });
  constexpr int kClients = 40;
  constexpr int kRounds = 3;
  std::atomic<int> failures{0};
  std::atomic<int> round_to_play{1};
  std::atomic<bool> done{false};
  std::mutex mutex;
  std::vector<double> poll_seconds;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      const int team = c % static_cast<int>(states.size());
      const std::string code = "CODE" + std::to_string(team + 1);
      Client client(server.port());
      std::vector<double> mine;
      int submitted_round = 0;
      while (!done) {
        const auto [status, seconds] = client.send(http::verb::get, "/api/team?code=" + code, "");
        mine.push_back(seconds);
        if (status != 200) ++failures;
        const int round = round_to_play;
        // The team's first client submits once per round.
        if (c < static_cast<int>(states.size()) && submitted_round < round && round <= kRounds) {
          const auto [s, t] =
              client.send(http::verb::post, "/api/choice",
                          "{\"code\":\"" + code + "\",\"round\":" + std::to_string(round) +
                              ",\"core_pct\":" + std::to_string(2 + team % 3) +
                              ",\"aid_pct\":0.1,\"readiness_pct\":80}");
          if (s != 200) ++failures;
          submitted_round = round;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
      }
      const std::lock_guard<std::mutex> lock(mutex);
      poll_seconds.insert(poll_seconds.end(), mine.begin(), mine.end());
    });
  }
  Client teacher(server.port());
  std::vector<double> advance_seconds;
  for (int round = 1; round <= kRounds; ++round) {
    // Waits until every team has submitted, as a teacher watching the page would.
    for (int waited = 0; waited < 200; ++waited) {
      const auto [status, seconds] = teacher.send(http::verb::get, "/api/teacher?key=TEACHER", "");
      ASSERT_EQ(status, 200);
      std::size_t submitted = 0;
      for (std::size_t at = 0;
           (at = teacher.body().find("\"submitted\":true", at)) != std::string::npos; ++at) {
        ++submitted;
      }
      if (submitted == states.size()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const auto [status, seconds] =
        teacher.send(http::verb::post, "/api/advance",
                     "{\"key\":\"TEACHER\",\"round\":" + std::to_string(round) + "}");
    EXPECT_EQ(status, 200) << teacher.body();
    advance_seconds.push_back(seconds);
    round_to_play = round + 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  done = true;
  for (auto& t : clients) t.join();
  server.stop();
  serving.join();
  std::filesystem::remove(file);
  EXPECT_EQ(failures, 0);
  EXPECT_TRUE(game->finished());
  for (int t = 0; t < game->teams(); ++t) {
    for (const auto& round : game->choices())
      EXPECT_TRUE(round[static_cast<std::size_t>(t)].submitted());
  }
  std::cout << "40 clients, " << poll_seconds.size() << " polls: median "
            << 1e3 * quantile(poll_seconds, 0.5) << " ms, p95 "
            << 1e3 * quantile(poll_seconds, 0.95) << " ms, max "
            << 1e3 * quantile(poll_seconds, 1.0) << " ms; a round's advance: max "
            << 1e3 * *std::max_element(advance_seconds.begin(), advance_seconds.end()) << " ms\n";
}

}  // namespace
}  // namespace rampart::game
