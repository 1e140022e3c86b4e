#include "rampart/agents/crisis.hpp"

#include <algorithm>

namespace rampart::agents {

double deterrence_ratio(double own_capability, double allied_capability, double local_share,
                        double russia_capability) {
  const double attack = local_share * russia_capability;
  const double defence = own_capability + allied_capability;
  if (attack <= defence / kMaxDeterrenceRatio) return kMaxDeterrenceRatio;
  return std::min(kMaxDeterrenceRatio, defence / attack);
}

CrisisOutcome crisis_outcome(double response_ratio, const CrisisThresholds& t) {
  if (response_ratio >= t.deter_ratio) return CrisisOutcome::Deterred;
  if (response_ratio >= t.contain_ratio) return CrisisOutcome::Contained;
  return CrisisOutcome::Failed;
}

}  // namespace rampart::agents
