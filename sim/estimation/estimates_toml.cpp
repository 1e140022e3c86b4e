// The estimates as a scenario fragment: what library scenarios `extends`.

#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

#include "rampart/estimation/panel_fit.hpp"

namespace rampart::estimation {
namespace {

std::string number(double x) {
  std::ostringstream out;
  out << std::setprecision(6) << x;
  std::string s = out.str();
  // TOML floats need a fraction or exponent: "2" would read back as an integer (accepted, but
  // written as the float it is).
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::string estimates_toml(const PanelFit& fit, const std::string& command) {
  std::ostringstream out;
  out << "# Rampart: behaviour estimated from the 2014-2024 NATO panel by `rampart calibrate`.\n"
      << "# Written by: " << command << "\n"
      << "# Do not edit by hand: rerun the command (docs/validation.md).\n"
      << "#\n"
      << "# Maximum likelihood of the model's one-year-ahead spending equation on the observed\n"
      << "# lagged world, " << fit.options.first_year << "-" << fit.options.train_until
      << ": " << fit.observations << " observations, " << fit.parameters << " parameters,\n"
      << "# log-likelihood " << number(fit.log_likelihood) << ", AIC " << number(fit.aic)
      << ", BIC " << number(fit.bic) << ";\n"
      << "# one-year-ahead RMSE " << number(fit.rmse) << " points of GDP (persistence "
      << number(fit.rmse_persistence) << ");\n"
      << "# Hessian " << (fit.hessian_positive_definite ? "positive definite" : "NOT positive definite")
      << "; " << fit.evaluations << " likelihood evaluations.\n"
      << "# Assumptions held at their central values while fitting:";
  for (const auto& a : fit.fixed_assumptions) out << "\n#   " << a;
  out << "\n\nname = \"estimates\"\n"
      << "description = \"The states' spending behaviour estimated from the 2014-" << fit.options.train_until
      << " NATO panel (maximum likelihood, rampart calibrate); runs draw each estimate from its "
         "sampling distribution.\"\n"
      << "view = \"Estimated from NATO, 'Defence Expenditure of NATO Countries (2014-2024)', 17 June 2024.\"\n";

  // Group the global parameters by their registry section.
  std::map<std::string, std::vector<std::string>> sections;
  for (const auto& e : fit.globals) {
    const auto dot = e.path.find('.');
    std::ostringstream line;
    line << e.path.substr(dot + 1) << " = { dist = \"normal\", mean = " << number(e.value)
         << ", sd = " << number(std::max(e.se, 1e-9)) << ", low = " << number(e.min_value)
         << ", high = " << number(e.max_value) << " }  # 95 % interval " << number(e.low95)
         << " .. " << number(e.high95);
    sections[e.path.substr(0, dot)].push_back(line.str());
  }
  {
    std::ostringstream line;
    line << "floor_break_rate = { dist = \"normal\", mean = " << number(fit.floor_break_rate)
         << ", sd = " << number(std::max(fit.floor_break_se, 1e-9))
         << ", low = 0.0, high = 1.0 }  # " << fit.floor_crossings << " crossings of "
         << number(fit.expected_crossings) << " expected without a floor";
    sections["state"].push_back(line.str());
  }
  for (const auto& [section, lines] : sections) {
    out << "\n[" << section << "]\n";
    for (const auto& l : lines) out << l << '\n';
  }
  out << "\n# Each state's preference: the logit of its security weight at the 2014 threat, and its\n"
      << "# standard error (runs draw the weight from it).\n";
  for (const auto& p : fit.preferences) {
    out << "\n[countries." << p.iso3 << "]\n"
        << "preference_estimated = true\n"
        << "preference = " << number(p.value) << '\n'
        << "preference_sd = " << number(p.se) << '\n';
  }
  return out.str();
}

}  // namespace rampart::estimation
