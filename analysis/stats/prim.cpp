#include "rampart/stats/prim.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include "rampart/stats/descriptive.hpp"
#include "rampart/stats/errors.hpp"

namespace rampart::stats {

bool Box::contains(std::span<const double> row) const {
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (row[c] < lower[c] || row[c] > upper[c]) return false;
  }
  return true;
}

namespace {

struct Data {
  std::span<const double> inputs;
  std::size_t columns;
  std::span<const double> outcome;
  double outcome_total;

  [[nodiscard]] std::size_t rows() const { return outcome.size(); }
  [[nodiscard]] std::span<const double> row(std::size_t r) const {
    return inputs.subspan(r * columns, columns);
  }
  [[nodiscard]] double value(std::size_t r, std::size_t c) const { return inputs[r * columns + c]; }
};

Data validated(std::span<const double> inputs, std::size_t columns, std::span<const double> outcome,
               double alpha) {
  if (columns == 0 || outcome.empty()) throw StatisticsError("PRIM needs rows and input columns");
  if (inputs.size() != outcome.size() * columns) {
    throw StatisticsError("PRIM inputs are not rows x columns for the outcome's rows");
  }
  if (!(alpha > 0.0 && alpha < 1.0)) throw StatisticsError("PRIM alpha must lie in (0, 1)");
  if (std::any_of(inputs.begin(), inputs.end(), [](double x) { return std::isnan(x); })) {
    throw StatisticsError("PRIM inputs contain NaN");
  }
  double total = 0.0;
  for (const double y : outcome) {
    if (!(y >= 0.0)) throw StatisticsError("PRIM outcome must be non-negative");
    total += y;
  }
  if (!(total > 0.0)) throw StatisticsError("PRIM outcome is zero everywhere");
  return {inputs, columns, outcome, total};
}

PrimStep describe_box(const Data& data, Box box) {
  PrimStep step;
  double inside = 0.0;
  for (std::size_t r = 0; r < data.rows(); ++r) {
    if (box.contains(data.row(r))) {
      ++step.rows;
      inside += data.outcome[r];
    }
  }
  step.box = std::move(box);
  step.support = static_cast<double>(step.rows) / static_cast<double>(data.rows());
  step.density = step.rows == 0 ? 0.0 : inside / static_cast<double>(step.rows);
  step.coverage = inside / data.outcome_total;
  return step;
}

// The best single peel of `current`, or nothing (rows == 0) when no peel removes a row while
// keeping at least `min_rows`.
PrimStep best_peel(const Data& data, const PrimStep& current, double alpha, std::size_t min_rows) {
  std::vector<std::size_t> inside;
  for (std::size_t r = 0; r < data.rows(); ++r) {
    if (current.box.contains(data.row(r))) inside.push_back(r);
  }
  PrimStep best;
  std::vector<double> values(inside.size());
  for (std::size_t c = 0; c < data.columns; ++c) {
    for (std::size_t k = 0; k < inside.size(); ++k) values[k] = data.value(inside[k], c);
    std::sort(values.begin(), values.end());
    // Lower peel keeps x >= q(alpha); upper peel keeps x <= q(1 - alpha).
    for (const bool peel_lower : {true, false}) {
      const double cut = quantile_sorted(values, peel_lower ? alpha : 1.0 - alpha);
      Box box = current.box;
      (peel_lower ? box.lower[c] : box.upper[c]) = cut;
      std::size_t kept = 0;
      double kept_outcome = 0.0;
      for (const std::size_t r : inside) {
        const double x = data.value(r, c);
        if (peel_lower ? x >= cut : x <= cut) {
          ++kept;
          kept_outcome += data.outcome[r];
        }
      }
      if (kept == inside.size() || kept < min_rows || kept == 0) continue;
      const double density = kept_outcome / static_cast<double>(kept);
      if (best.rows == 0 || density > best.density) {
        best.box = std::move(box);
        best.rows = kept;
        best.density = density;
        best.support = static_cast<double>(kept) / static_cast<double>(data.rows());
        best.coverage = kept_outcome / data.outcome_total;
      }
    }
  }
  return best;
}

}  // namespace

PrimResult prim(std::span<const double> inputs, std::size_t columns,
                std::span<const double> outcome, const PrimOptions& options) {
  const Data data = validated(inputs, columns, outcome, options.alpha);
  if (!(options.min_support > 0.0 && options.min_support < 1.0)) {
    throw StatisticsError("PRIM minimum support must lie in (0, 1)");
  }
  Box full{std::vector<double>(columns), std::vector<double>(columns)};
  for (std::size_t c = 0; c < columns; ++c) {
    full.lower[c] = data.value(0, c);
    full.upper[c] = data.value(0, c);
    for (std::size_t r = 1; r < data.rows(); ++r) {
      full.lower[c] = std::min(full.lower[c], data.value(r, c));
      full.upper[c] = std::max(full.upper[c], data.value(r, c));
    }
  }
  const auto min_rows =
      static_cast<std::size_t>(std::ceil(options.min_support * static_cast<double>(data.rows())));
  PrimResult result;
  result.peeling.push_back(describe_box(data, std::move(full)));
  while (true) {
    PrimStep next = best_peel(data, result.peeling.back(), options.alpha, min_rows);
    if (next.rows == 0) break;
    result.peeling.push_back(std::move(next));
  }
  result.pasted = paste(inputs, columns, outcome, result.peeling.back().box, options.alpha);
  return result;
}

PrimStep paste(std::span<const double> inputs, std::size_t columns, std::span<const double> outcome,
               const Box& box, double alpha) {
  const Data data = validated(inputs, columns, outcome, alpha);
  if (box.lower.size() != columns || box.upper.size() != columns) {
    throw StatisticsError("PRIM box does not have one bound pair per input column");
  }
  PrimStep current = describe_box(data, box);
  while (true) {
    PrimStep best = current;
    const auto wanted = static_cast<std::size_t>(
        std::max(1.0, std::ceil(alpha * static_cast<double>(current.rows))));
    for (std::size_t c = 0; c < columns; ++c) {
      // Rows inside every other bound but outside this column's range, by side.
      std::vector<double> below;
      std::vector<double> above;
      for (std::size_t r = 0; r < data.rows(); ++r) {
        bool inside_others = true;
        for (std::size_t o = 0; o < columns && inside_others; ++o) {
          const double x = data.value(r, o);
          inside_others = o == c || (x >= current.box.lower[o] && x <= current.box.upper[o]);
        }
        if (!inside_others) continue;
        const double x = data.value(r, c);
        if (x < current.box.lower[c]) below.push_back(x);
        if (x > current.box.upper[c]) above.push_back(x);
      }
      for (const bool widen_lower : {true, false}) {
        std::vector<double>& outside = widen_lower ? below : above;
        if (outside.empty()) continue;
        // The wanted-th nearest value outside becomes the new bound.
        const std::size_t take = std::min(wanted, outside.size()) - 1;
        const auto nth = outside.begin() + static_cast<std::ptrdiff_t>(take);
        if (widen_lower) {
          std::nth_element(outside.begin(), nth, outside.end(), std::greater<>());
        } else {
          std::nth_element(outside.begin(), nth, outside.end());
        }
        Box widened = current.box;
        (widen_lower ? widened.lower[c] : widened.upper[c]) = *nth;
        PrimStep candidate = describe_box(data, std::move(widened));
        if (candidate.density > best.density) best = std::move(candidate);
      }
    }
    if (!(best.density > current.density)) return current;
    current = std::move(best);
  }
}

}  // namespace rampart::stats
