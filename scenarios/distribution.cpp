#include "rampart/scenarios/distribution.hpp"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>

namespace rampart::scenarios {
namespace {

// Beyond this many standard deviations the normal's tail probability Q(z) < 6e-300 nears the
// end of the double range (it underflows to 0 past z = 38.5), so a difference Q(a) - Q(b) has
// no digits left: the far-tail quantile works with log Q instead.
constexpr double kFarTail = 37.0;

// Mills' ratio M(z) = Q(z) / phi(z) for z >= kFarTail, by its continued fraction
// 1/(z + 1/(z + 2/(z + 3/(z + ...)))), which this far out is exact to rounding after a few
// terms. Evaluated backwards over a fixed number of terms: plain arithmetic, the same on
// every machine.
double mills_ratio_far(double z) {
  double t = z;
  for (int k = 40; k >= 1; --k) t = z + k / t;
  return 1.0 / t;
}

// log Q(z) for z >= kFarTail (minus infinity at z = infinity).
double log_upper_tail_far(double z) {
  if (std::isinf(z)) return -std::numeric_limits<double>::infinity();
  constexpr double kHalfLogTwoPi = 0.91893853320467274178;
  return -0.5 * z * z - kHalfLogTwoPi + std::log(mills_ratio_far(z));
}

// The standard normal cut to [a, b] with kFarTail <= a < b: the z with
// Q(z) = Q(a) - u (Q(a) - Q(b)), solved in logs by Newton's method. log Q is concave and
// decreasing with slope -1/M(z), so after the first step the iterates approach the root
// from above and stop within a few steps.
double far_upper_tail_quantile(double a, double b, double u) {
  const double log_qa = log_upper_tail_far(a);
  const double log_qb = log_upper_tail_far(b);
  // log(Q(a) - u (Q(a) - Q(b))) = log Q(a) + log(1 - u (1 - Q(b)/Q(a))).
  const double target = log_qa + std::log1p(-u * -std::expm1(log_qb - log_qa));
  if (!(target > -std::numeric_limits<double>::infinity())) return b;
  double z = a;
  for (int i = 0; i < 100; ++i) {
    const double step = (log_upper_tail_far(z) - target) * mills_ratio_far(z);
    const double next = std::clamp(z + step, a, b);
    if (std::abs(next - z) <= 1e-15 * z) {
      z = next;
      break;
    }
    z = next;
  }
  return z;
}

double truncated_normal_quantile(const Distribution& d, double u) {
  const boost::math::normal_distribution<double> standard(0.0, 1.0);
  const double a = (d.low - d.mean) / d.sd;
  const double b = (d.high - d.mean) / d.sd;
  double z = 0.0;
  if (a >= kFarTail) {
    z = far_upper_tail_quantile(a, b, u);
  } else if (b <= -kFarTail) {
    // The mirror image: Z cut to [a, b] is -Z' with Z' cut to [-b, -a], and F^-1(u) = -F'^-1(1-u).
    z = -far_upper_tail_quantile(-b, -a, 1.0 - u);
  } else if (a > 0.0) {
    // Both bounds above the mean: work with upper-tail probabilities, which keep their
    // precision far out in the tail where the CDF rounds to 1.
    const double qa = boost::math::cdf(boost::math::complement(standard, a));
    const double qb = boost::math::cdf(boost::math::complement(standard, b));
    const double q = qa - u * (qa - qb);
    if (q <= 0.0) return d.high;
    if (q >= 1.0) return d.low;
    z = boost::math::quantile(boost::math::complement(standard, q));
  } else {
    const double lower = boost::math::cdf(standard, a);
    const double upper = boost::math::cdf(standard, b);
    const double p = lower + u * (upper - lower);
    // The end points map to the truncation bounds; Boost's quantile is infinite there.
    if (p <= 0.0) return d.low;
    if (p >= 1.0) return d.high;
    z = boost::math::quantile(standard, p);
  }
  return std::clamp(d.mean + d.sd * z, d.low, d.high);
}

double triangular_quantile(const Distribution& d, double u) {
  const double width = d.high - d.low;
  if (width <= 0.0) return d.low;
  const double mode_cdf = (d.mode - d.low) / width;
  if (u < mode_cdf) return d.low + std::sqrt(u * width * (d.mode - d.low));
  return d.high - std::sqrt((1.0 - u) * width * (d.high - d.mode));
}

double beta_quantile(const Distribution& d, double u) {
  const boost::math::beta_distribution<double> standard(d.alpha, d.beta);
  return d.low + (d.high - d.low) * boost::math::quantile(standard, std::clamp(u, 0.0, 1.0));
}

double discrete_quantile(const Distribution& d, double u) {
  double cumulative = 0.0;
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    cumulative += d.weights[i];
    if (cumulative >= u && d.weights[i] > 0.0) return d.values[i];
  }
  // Rounding can leave the last cumulative weight a hair below u: the last value with weight.
  for (std::size_t i = d.values.size(); i-- > 0;) {
    if (d.weights[i] > 0.0) return d.values[i];
  }
  return d.values.empty() ? 0.0 : d.values.back();
}

}  // namespace

double Distribution::quantile(double u) const {
  switch (kind) {
    case Kind::Fixed:
      return value;
    case Kind::Uniform:
      return low + u * (high - low);
    case Kind::Normal:
      return truncated_normal_quantile(*this, u);
    case Kind::Triangular:
      return triangular_quantile(*this, u);
    case Kind::Beta:
      return beta_quantile(*this, u);
    case Kind::Discrete:
      return discrete_quantile(*this, u);
  }
  return value;
}

double Distribution::support_min() const {
  switch (kind) {
    case Kind::Fixed:
      return value;
    case Kind::Discrete:
      return values.empty() ? 0.0 : *std::min_element(values.begin(), values.end());
    default:
      return low;
  }
}

double Distribution::support_max() const {
  switch (kind) {
    case Kind::Fixed:
      return value;
    case Kind::Discrete:
      return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
    default:
      return high;
  }
}

}  // namespace rampart::scenarios
