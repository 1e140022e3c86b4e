#include "rampart/agents/alliance_links.hpp"

#include <algorithm>

namespace rampart::agents {

double treaty_link(const Membership& from, const Membership& to, const LinkParams& p) {
  const bool disputed =
      (from.dispute == DisputeSide::Turkiye && to.dispute == DisputeSide::Cyprus) ||
      (from.dispute == DisputeSide::Cyprus && to.dispute == DisputeSide::Turkiye);
  if (disputed) return 0.0;
  const double nato_link = (from.nato && to.nato) ? p.art5 : 0.0;
  const double eu_link =
      (from.eu && to.eu) ? p.art427 * (from.neutral ? p.neutral_factor : 1.0) : 0.0;
  return std::max(nato_link, eu_link);
}

double link_strength(const Membership& from, const Membership& to, const LinkParams& p) {
  return treaty_link(from, to, p);
}

double allied_reach(double reach, double mobility_dependence, double interoperability) {
  return reach * (1.0 - std::clamp(mobility_dependence, 0.0, 1.0) *
                            (1.0 - std::clamp(interoperability, 0.0, 1.0)));
}

}  // namespace rampart::agents
