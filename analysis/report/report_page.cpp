#include "report_page.hpp"

#include <string>
#include <string_view>

#include "report_json.hpp"
#include "web_assets.hpp"

namespace rampart::analysis::report {
namespace {

// No fetch can leave the page: everything it needs is inline ('unsafe-eval' because Vega
// compiles its expressions with new Function).
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:";

constexpr std::string_view kStyle = R"(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 1220px; padding: 24px 32px 48px;
       line-height: 1.45; font-size: 15px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 6px; border-bottom: 2px solid #08306b; padding-bottom: 3px; }
p.lead { color: #333; margin: 4px 0 14px; max-width: 900px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13.5px; }
th, td { border: 1px solid #cfcfcf; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.header th { width: 150px; }
table.grid th { text-align: right; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
.chart { margin: 10px 0 24px; }
.warning { background: #fff4ce; border: 1px solid #e0c060; padding: 8px 12px; }
#page-errors:empty { display: none; }
#page-errors { background: #fde2e2; border: 1px solid #d33; padding: 8px 24px; }
.note { color: #444; font-size: 13px; }
code.label { color: #555; font-size: 11.5px; }
tr.group td { border-top: 2px solid #8a9bb0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2, h3, p.lead { break-after: avoid; }
  .chart, figure, table.header, table.scenarios { break-inside: avoid; }
  tr { break-inside: avoid; }
  .chart svg { max-width: 100%; height: auto; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4 landscape; margin: 12mm; }
)";

// Runs before the libraries so their errors are caught too.
constexpr std::string_view kErrorCapture = R"(
(function () {
  function record(text) {
    var list = document.getElementById('page-errors');
    var item = document.createElement('li');
    item.textContent = String(text);
    list.appendChild(item);
    document.body.setAttribute('data-errors', String(list.children.length));
  }
  window.rampartRecordError = record;
  window.addEventListener('error', function (e) { record('error: ' + e.message); });
  window.addEventListener('unhandledrejection', function (e) { record('unhandled: ' + e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) {
    record('blocked fetch: ' + e.blockedURI);
  });
  var consoleError = console.error.bind(console);
  var consoleWarn = console.warn.bind(console);
  console.error = function () {
    record('console.error: ' + Array.prototype.join.call(arguments, ' '));
    consoleError.apply(null, arguments);
  };
  console.warn = function () {
    record('console.warn: ' + Array.prototype.join.call(arguments, ' '));
    consoleWarn.apply(null, arguments);
  };
})();
)";

constexpr std::string_view kEmbed = R"(
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = JSON.parse(document.getElementById('report-charts').textContent);
  Promise.all(charts.map(function (chart) {
    chart.spec.datasets = data;
    return vegaEmbed('#' + chart.id, chart.spec, {actions: false, renderer: 'svg'});
  })).then(function () {
    document.body.setAttribute('data-charts-rendered', String(charts.length));
  }).catch(function (e) { window.rampartRecordError('chart failed: ' + e); });
})();
)";

}  // namespace

std::string page_open(std::string_view title, std::size_t charts) {
  std::string page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
          std::string(kContentSecurityPolicy) + "\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<title>" + html_escaped(title) + "</title>\n";
  page += "<style>" + std::string(kStyle) + "</style>\n</head>\n";
  page += "<body data-charts-expected=\"" + std::to_string(charts) + "\">\n";
  page += "<ul id=\"page-errors\"></ul>\n";
  page += "<script>" + std::string(kErrorCapture) + "</script>\n";
  return page;
}

std::string page_close(const std::string& datasets_json, const std::vector<PageChart>& charts) {
  std::string page =
      "<script type=\"application/json\" id=\"report-data\">" + datasets_json + "</script>\n";
  std::string specs = "[";
  for (std::size_t i = 0; i < charts.size(); ++i) {
    if (i > 0) specs += ",\n";
    specs += "{\"id\": " + json_string(charts[i].id) + ", \"spec\": " + charts[i].spec + "}";
  }
  specs += "]";
  page += "<script type=\"application/json\" id=\"report-charts\">" + specs + "</script>\n";
  for (const auto asset : {WebAsset::Vega, WebAsset::VegaLite, WebAsset::VegaEmbed}) {
    page += "<script>" + web_asset(asset) + "</script>\n";
  }
  page += "<script>" + std::string(kEmbed) + "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace rampart::analysis::report
