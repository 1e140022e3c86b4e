#pragma once
// The forecast validation page (`rampart validate`): one self-contained HTML file in the frame of
// the results report (inline libraries and data, no network fetch) with the scores by horizon
// per method (chart), the score tables as given, and forecast fan charts per state against the
// observed record for chosen methods and origins (docs/analysis.md, "Forecast scoring").

#include <string>
#include <vector>

#include "rampart/analysis/forecast.hpp"
#include "rampart/analysis/forecast_scores.hpp"
#include "rampart/analysis/table.hpp"

namespace rampart::analysis {

// One fan chart: the ensemble of `method` from `origin`.
struct FanChoice {
  std::string method;
  int origin = 0;
};

struct ForecastPageOptions {
  std::string title = "Rampart forecast validation";
  // A paragraph under the title (plain text; escaped).
  std::string notes;
  // The fan charts, in order; empty: one, of the first ensemble.
  std::vector<FanChoice> fans;
  // The states the fans show (ISO3, in this order); empty: every state of the panel.
  std::vector<std::string> fan_states;
  int fan_columns = 6;
  // The dashed reference line of the fans and the count threshold of the scores chart's notes.
  double reference = 0.02;
  ForecastScoreOptions scores;
};

// The page: a chart of MAE and CRPS by horizon for every method (pooled over origins, computed
// here from `panel` and `ensembles` with score_forecasts; left out when nothing could be scored,
// e.g. forecasts beyond the record only), each of `tables` as an HTML table
// with its notes, and one fan chart per FanChoice: per state, the 90 % and 50 % bands and the
// median of the members from the origin on (joined to the observation at the origin), the
// observed record over every panel year, the reference line, a y axis fitted to each state.
// Throws AnalysisError when a FanChoice or a fan state matches nothing, or for inputs
// score_forecasts refuses.
std::string forecast_page_html(const Panel& panel, const std::vector<ForecastEnsemble>& ensembles,
                               const std::vector<Table>& tables,
                               const ForecastPageOptions& options = {});

// The number of charts forecast_page_html draws (what a browser test expects).
int forecast_page_chart_count(const Panel& panel, const std::vector<ForecastEnsemble>& ensembles,
                              const ForecastPageOptions& options = {});

}  // namespace rampart::analysis
