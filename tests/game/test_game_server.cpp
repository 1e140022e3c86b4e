// The game's web server over loopback: pages, the JSON API a round goes through, and hostile
// requests (malformed HTTP, oversized bodies and headers) that get a 4xx while the server keeps
// serving.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>
#include <string>
#include <thread>

#include "game_test_support.hpp"
#include "rampart/game/server.hpp"

namespace rampart::game {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Answer {
  int status = 0;
  std::string body;
};

class GameServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    game_ = testing::baseline_game({"DEU", "FRA", "POL"}, 2, 2);
    ServerLimits limits;
    limits.read_timeout = std::chrono::milliseconds(2000);
    server_ = std::make_unique<Server>(
        *game_, "127.0.0.1", 0,
        [this](const Game&) {
          if (fail_saves_) throw std::runtime_error("cannot write game.h5: disk full");
          ++saves_;
        },
        limits);
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }

  // Sends `raw` bytes on a fresh connection and reads one response (status 0: none came).
  Answer raw(const std::string& request) {
    asio::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    asio::write(socket, asio::buffer(request));
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    beast::error_code ec;
    http::read(socket, buffer, response, ec);
    if (ec) return {};
    return {static_cast<int>(response.result_int()), response.body()};
  }
  Answer get(const std::string& target) {
    return raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }
  Answer post(const std::string& target, const std::string& body) {
    return raw("POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " +
               "application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
               body);
  }

  std::unique_ptr<Game> game_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int saves_ = 0;
  std::atomic<bool> fail_saves_{false};
};

TEST_F(GameServerTest, ServesThePagesAndNothingElse) {
  for (const char* page : {"/", "/team", "/teacher", "/debrief", "/cards"}) {
    const auto a = get(page);
    EXPECT_EQ(a.status, 200) << page;
    EXPECT_NE(a.body.find("<script src=\"/play.js\">"), std::string::npos);
  }
  EXPECT_NE(get("/play.js").body.find("teamPage"), std::string::npos);
  EXPECT_EQ(get("/play.css").status, 200);
  EXPECT_EQ(get("/../../etc/passwd").status, 404);
  EXPECT_EQ(get("/game.h5").status, 404);
  EXPECT_EQ(get("/api/team?code=WRONG").status, 403);
  EXPECT_EQ(get("/api/team?code=../CODE1").status, 403);
  EXPECT_EQ(get("/api/teacher?key=CODE1").status, 403);
  EXPECT_EQ(get("/api/debrief?code=CODE1").status, 403);  // opens when the game is over
  EXPECT_EQ(raw("DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status, 405);
}

TEST_F(GameServerTest, TheJoinLinksComeWithOneQrCodePerTeam) {
  EXPECT_EQ(get("/api/join?key=CODE1").status, 403);  // the teacher's
  const auto port = std::to_string(server_->port());
  auto a = get("/api/join?key=TEACHER");
  ASSERT_EQ(a.status, 200) << a.body;
  // Until the CLI sets the printed address, the listening one.
  EXPECT_NE(a.body.find("\"url\":\"http://127.0.0.1:" + port + "/team?code=CODE1\""),
            std::string::npos)
      << a.body.substr(0, 400);
  server_->set_join_base("http://192.168.1.20:" + port);
  a = get("/api/join?key=TEACHER");
  ASSERT_EQ(a.status, 200);
  std::size_t svgs = 0;
  for (auto at = a.body.find("svg xmlns"); at != std::string::npos;
       at = a.body.find("svg xmlns", at + 1)) {
    ++svgs;
  }
  EXPECT_EQ(svgs, 3U);  // one per team
  for (const char* code : {"CODE1", "CODE2", "CODE3"}) {
    EXPECT_NE(a.body.find("\"url\":\"http://192.168.1.20:" + port + "/team?code=" + code + "\""),
              std::string::npos)
        << code;
  }
  EXPECT_EQ(a.body.find("127.0.0.1"), std::string::npos);
}

TEST_F(GameServerTest, ARoundThroughTheApi) {
  const auto team = get("/api/team?code=CODE1");
  ASSERT_EQ(team.status, 200);
  EXPECT_NE(team.body.find("\"country\":\"Germany\""), std::string::npos);
  EXPECT_NE(team.body.find("\"submitted\":false"), std::string::npos);
  const auto submitted = post(
      "/api/choice", R"({"code":"CODE1","round":1,"core_pct":3,"aid_pct":0.2,"readiness_pct":80})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_NE(submitted.body.find("\"submitted\":true"), std::string::npos);
  // One-screen mode: the teacher enters team 3's choice.
  EXPECT_EQ(
      post("/api/choice",
           R"({"key":"TEACHER","team":3,"round":1,"core_pct":4,"aid_pct":0.1,"readiness_pct":90})")
          .status,
      200);
  EXPECT_EQ(
      post("/api/choice",
           R"({"key":"TEACHER","team":4,"round":1,"core_pct":4,"aid_pct":0.1,"readiness_pct":90})")
          .status,
      404);
  const auto overview = get("/api/teacher?key=TEACHER");
  EXPECT_NE(overview.body.find("\"code\":\"CODE1\",\"submitted\":true"), std::string::npos)
      << overview.body;
  EXPECT_EQ(post("/api/advance", R"({"key":"CODE1","round":1})").status, 403);
  EXPECT_EQ(post("/api/pause", R"({"key":"TEACHER","paused":true})").status, 200);
  EXPECT_EQ(post("/api/advance", R"({"key":"TEACHER","round":1})").status, 409);
  EXPECT_EQ(post("/api/choice",
                 R"({"code":"CODE2","round":1,"core_pct":3,"aid_pct":0,"readiness_pct":80})")
                .status,
            409);
  EXPECT_EQ(post("/api/pause", R"({"key":"TEACHER","paused":false})").status, 200);
  EXPECT_EQ(post("/api/timer", R"({"key":"TEACHER","seconds":300})").status, 200);
  EXPECT_EQ(post("/api/event", R"({"key":"TEACHER","round":1,"probe":"XXX"})").status, 400);
  EXPECT_EQ(post("/api/event", R"({"key":"TEACHER","round":1,"probe":"USA"})").status, 400);
  EXPECT_EQ(post("/api/event", R"({"key":"CODE1","round":1,"probe":"EST"})").status, 403);
  // A US policy the game does not know, or not as a name, is refused and changes nothing.
  const auto isolationist =
      post("/api/event", R"({"key":"TEACHER","round":1,"us_policy":"isolationist"})");
  EXPECT_EQ(isolationist.status, 400);
  EXPECT_NE(isolationist.body.find("no US policy isolationist"), std::string::npos)
      << isolationist.body;
  EXPECT_EQ(post("/api/event", R"({"key":"TEACHER","round":1,"us_policy":2})").status, 400);
  EXPECT_NE(get("/api/teacher?key=TEACHER")
                .body.find(R"("events":{"probe":"","ceasefire":false,"us_policy":""})"),
            std::string::npos);
  const auto event = post(
      "/api/event",
      R"({"key":"TEACHER","round":1,"probe":"EST","ceasefire":true,"us_policy":"transactional"})");
  EXPECT_EQ(event.status, 200);
  EXPECT_NE(
      event.body.find(R"("events":{"probe":"EST","ceasefire":true,"us_policy":"transactional"})"),
      std::string::npos)
      << event.body;
  EXPECT_NE(get("/api/teacher?key=TEACHER").body.find("\"seconds_left\":29"), std::string::npos);
  EXPECT_EQ(post("/api/advance", R"({"key":"TEACHER","round":1})").status, 200);
  EXPECT_EQ(post("/api/advance", R"({"key":"TEACHER","round":1})").status, 409);  // a double click
  EXPECT_EQ(saves_, 1);
  const auto team_page = get("/api/team?code=CODE1").body;
  EXPECT_NE(team_page.find("\"rounds_played\":1"), std::string::npos);
  EXPECT_NE(team_page.find(R"("us_policy":"transactional")"), std::string::npos) << team_page;
  EXPECT_NE(team_page.find("The US is transactional"), std::string::npos) << team_page;
  EXPECT_EQ(post("/api/advance", R"({"key":"TEACHER","round":2})").status, 200);
  const auto debrief = get("/api/debrief?code=CODE2");
  ASSERT_EQ(debrief.status, 200);
  EXPECT_NE(debrief.body.find("\"burden_ratio\""), std::string::npos);
  EXPECT_NE(debrief.body.find(R"("probe":"Estonia","ceasefire":true,"us_policy":"transactional")"),
            std::string::npos);
  server_->stop();
  thread_.join();
  thread_ = std::thread([] {});
  EXPECT_EQ(game_->rounds_played(), 2);
  EXPECT_EQ(game_->choices()[0][0].core_share, 0.03);
  EXPECT_EQ(game_->choices()[0][2].core_share, 0.04);
  EXPECT_FALSE(game_->choices()[0][1].submitted());
}

TEST_F(GameServerTest, BadRequestsGetA4xxAndTheServerKeepsServing) {
  EXPECT_EQ(post("/api/choice",
                 R"({"code":"CODE1","round":1,"core_pct":"3","aid_pct":0,"readiness_pct":80})")
                .status,
            400);
  EXPECT_EQ(post("/api/choice",
                 R"({"code":"CODE1","round":1,"core_pct":30,"aid_pct":0,"readiness_pct":80})")
                .status,
            400);
  EXPECT_EQ(post("/api/choice",
                 R"({"code":"CODE1","round":7,"core_pct":3,"aid_pct":0,"readiness_pct":80})")
                .status,
            409);
  EXPECT_EQ(post("/api/choice", "{\"code\":").status, 400);
  EXPECT_EQ(post("/api/choice", std::string(5000, '{')).status, 413);
  EXPECT_EQ(
      raw("POST /api/choice HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n{}").status,
      413);
  EXPECT_EQ(
      raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(10000, 'a') + "\r\n\r\n").status,
      431);
  EXPECT_EQ(raw("NONSENSE\r\n\r\n").status, 400);
  EXPECT_EQ(raw("GET / HTTP/9.9\r\n\r\n").status, 400);
  EXPECT_EQ(raw(std::string("GET /\0 HTTP/1.1\r\n\r\n", 19)).status, 400);
  EXPECT_EQ(raw("POST /api/choice HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                .status,
            400);
  // A client that sends half a request and stalls is dropped after the read timeout, not kept.
  {
    asio::io_context ioc;
    tcp::socket slow(ioc);
    slow.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    asio::write(slow, asio::buffer(std::string("GET / HTTP/1.1\r\nHo")));
    EXPECT_EQ(get("/api/team?code=CODE1").status, 200);  // others are served meanwhile
    beast::error_code ec;
    std::array<char, 16> byte{};
    slow.read_some(asio::buffer(byte), ec);  // returns once the server closes it
    EXPECT_TRUE(ec);
  }
  EXPECT_EQ(get("/api/team?code=CODE1").status, 200);
  EXPECT_EQ(game_->rounds_played(), 0);
  EXPECT_FALSE(game_->pending(0).submitted());
}

TEST_F(GameServerTest, AFailedSaveIsReportedAndTheServerKeepsServing) {
  fail_saves_ = true;
  const auto failed = post("/api/advance", R"({"key":"TEACHER","round":1})");
  EXPECT_EQ(failed.status, 500);
  EXPECT_NE(failed.body.find("disk full"), std::string::npos);
  fail_saves_ = false;
  EXPECT_EQ(get("/api/team?code=CODE1").status, 200);
  EXPECT_EQ(post("/api/advance", R"({"key":"TEACHER","round":2})").status, 200);
  EXPECT_EQ(saves_, 1);
}

TEST_F(GameServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  beast::flat_buffer buffer;
  for (int i = 0; i < 3; ++i) {
    http::request<http::string_body> request(http::verb::get, "/api/team?code=CODE2", 11);
    request.set(http::field::host, "x");
    http::write(socket, request);
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    EXPECT_EQ(response.result_int(), 200U);
  }
}

TEST(GameDebrief, TheExportIsOneFileWithItsData) {
  auto game = testing::baseline_game({"DEU", "EST"}, 2, 1);
  game->submit(1, 1, testing::choice(0.03, 0.002, 0.9));
  game->advance();
  const auto html = debrief_html(*game);
  EXPECT_NE(
      html.find("<script id=\"debrief-data\" type=\"application/json\">{\"role\":\"debrief\""),
      std::string::npos);
  EXPECT_EQ(html.find("src=\"/play.js\""), std::string::npos);
  EXPECT_EQ(html.find("href=\"/play.css\""), std::string::npos);
  EXPECT_NE(html.find("Estonia"), std::string::npos);
}

}  // namespace
}  // namespace rampart::game
