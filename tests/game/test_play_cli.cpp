// `rampart play` as a teacher runs it: refused setups leave nothing behind; a game played over
// HTTP is saved round by round, stops on Ctrl-C, resumes, exports its debrief, and a game nobody
// played is `rampart run`'s run 0 of the same seed.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <regex>

#include "engine/cli_process.hpp"
#include "rampart/io/results_reader.hpp"

namespace rampart::engine {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

class PlayCliTest : public CliProcessTest {
 protected:
  // Waits until the started server has printed its codes; returns the log so far.
  std::string wait_for_codes() {
    for (int waited = 0; waited < 20000; waited += 20) {
      std::ifstream in(log_);
      std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      if (text.find("Ctrl-C stops") != std::string::npos) return text;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "the server printed no codes";
    return {};
  }
  static std::string match(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(pattern))) return {};
    return m[1];
  }
  static int post(int port, const std::string& target, const std::string& body) {
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(port)});
    http::request<http::string_body> request(http::verb::post, target, 11);
    request.set(http::field::host, "localhost");
    request.body() = body;
    request.prepare_payload();
    http::write(socket, request);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    return static_cast<int>(response.result_int());
  }
};

TEST_F(PlayCliTest, RefusedSetupsExitTwoAndWriteNothing) {
  const auto out = (dir_ / "game.h5").string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"play", "--countries", "DEU,XXX", "-o", out},
        {"play", "--teams", "0", "-o", out},
        {"play", "-o", out},
        {"play", "--teams", "2", "--countries", "DEU", "-o", out},
        {"play", "--countries", "DEU", "--rounds", "30", "-o", out},
        {"play", "--countries", "DEU", "--port", "70000", "-o", out},
        {"play", "--countries", "DEU", "--bind", "not-an-address", "-o", out},
        {"play", "--countries", "DEU", "--debrief", (dir_ / "d.html").string()},
        {"play", "--resume", (dir_ / "missing.h5").string()}}) {
    const Exit e = run(args);
    EXPECT_EQ(e.status, 2) << args[1] << " " << args[2] << e.output;
    EXPECT_NE(e.output.find("rampart play: error:"), std::string::npos) << e.output;
    EXPECT_TRUE(outputs().empty()) << args[2];
  }
}

TEST_F(PlayCliTest, AGameOverHttpIsSavedStoppedResumedAndDebriefed) {
  const auto game = dir_ / "game.h5";
  const pid_t pid = start({"play", "--countries", "DEU,POL", "--rounds", "2", "--years-per-round",
                           "2", "--seed", "11", "--port", "0", "-o", game.string()});
  const std::string log = wait_for_codes();
  const int port = std::stoi(match(log, "127\\.0\\.0\\.1:([0-9]+)/teacher"));
  const std::string key = match(log, "key=([A-Z0-9]+)");
  const std::string code = match(log, "DEU  Germany  code ([A-Z0-9]+)");
  ASSERT_FALSE(key.empty());
  ASSERT_FALSE(code.empty());
  EXPECT_TRUE(fs::exists(game));  // round 0 is saved at once
  EXPECT_EQ(post(port, "/api/choice",
                 "{\"code\":\"" + code +
                     "\",\"round\":1,\"core_pct\":4,\"aid_pct\":0.5,\"readiness_pct\":100}"),
            200);
  EXPECT_EQ(post(port, "/api/advance", "{\"key\":\"" + key + "\",\"round\":1}"), 200);
  ::kill(pid, SIGINT);
  const Exit stopped = wait(pid);
  EXPECT_EQ(stopped.status, 0) << stopped.output;
  EXPECT_NE(stopped.output.find("stopped after 1 of 2 rounds"), std::string::npos);
  EXPECT_FALSE(fs::exists(game.string() + ".lock"));
  {
    const ResultsReader reader(game);
    EXPECT_EQ(reader.scenario_names(), (std::vector<std::string>{"played", "agents"}));
    const auto deu = reader.state(sim::StateVar::SpendingShare, 0, 0);
    EXPECT_EQ(deu.size(), 5U * 36U);
    EXPECT_FLOAT_EQ(deu[1 * 36 + 10], 0.04f);  // 2025, Germany (file order)
  }
  const Exit debrief =
      run({"play", "--resume", game.string(), "--debrief", (dir_ / "d.html").string()});
  EXPECT_EQ(debrief.status, 0) << debrief.output;
  const auto html = bytes_of(dir_ / "d.html");
  EXPECT_NE(html.find("\"rounds_played\":1"), std::string::npos);
  EXPECT_NE(html.find("\"readiness_pct\":100"), std::string::npos);
  // The same game resumes with its codes and goes on at round 2.
  const pid_t again = start({"play", "--resume", game.string(), "--port", "0"});
  const std::string log2 = wait_for_codes();
  EXPECT_NE(log2.find("1 played"), std::string::npos) << log2;
  EXPECT_EQ(match(log2, "key=([A-Z0-9]+)"), key);
  const int port2 = std::stoi(match(log2, "127\\.0\\.0\\.1:([0-9]+)/teacher"));
  EXPECT_EQ(post(port2, "/api/advance", "{\"key\":\"" + key + "\",\"round\":2}"), 200);
  ::kill(again, SIGINT);
  EXPECT_EQ(wait(again).status, 0);
  EXPECT_EQ(
      run({"play", "--resume", game.string(), "--debrief", (dir_ / "d.html").string()}).status,
      2);  // exists: --force overwrites it
  EXPECT_NE(bytes_of(dir_ / "d.html"), std::string());
  const Exit second =
      run({"play", "--resume", game.string(), "--debrief", (dir_ / "e.html").string()});
  EXPECT_EQ(second.status, 0);
  EXPECT_NE(bytes_of(dir_ / "e.html").find("\"rounds_played\":2"), std::string::npos);
}

TEST_F(PlayCliTest, TheAgentsGameIsRunZeroOfRampartRun) {
  const auto game = dir_ / "game.h5";
  const pid_t pid = start({"play", "--countries", "FRA", "--rounds", "2", "--years-per-round", "3",
                           "--seed", "5", "--port", "0", "-o", game.string()});
  wait_for_codes();
  ::kill(pid, SIGINT);
  ASSERT_EQ(wait(pid).status, 0);
  const auto run_file = dir_ / "run.h5";
  const Exit e = run({"run", "baseline", "--runs", "1", "--seed", "5", "--horizon", "2030", "-q",
                      "-o", run_file.string()});
  ASSERT_EQ(e.status, 0) << e.output;
  const ResultsReader g(game);
  const ResultsReader r(run_file);
  for (std::size_t v = 0; v < sim::kNumStateVars; ++v) {
    const auto var = static_cast<sim::StateVar>(v);
    EXPECT_EQ(g.state(var, 1, 0), r.state(var, 0, 0)) << v;  // the agents' game
    EXPECT_EQ(g.state(var, 0, 0), r.state(var, 0, 0)) << v;  // nothing played yet
  }
  EXPECT_EQ(g.parameters(1, 0), r.parameters(0, 0));
}

}  // namespace
}  // namespace rampart::engine
