#pragma once
// Treaty links between states: how much of one state's capability protects another.

namespace rampart::agents {

// The Cyprus-Turkiye dispute blocks any link between these two states.
enum class DisputeSide { None, Turkiye, Cyprus };

struct Membership {
  bool nato = false;
  bool eu = false;
  bool neutral = false;  // Article 42(7) opt-out
  DisputeSide dispute = DisputeSide::None;
};

// EU-NATO institutional cooperation (the Cyprus-Turkiye blockage) does not weaken these treaty
// links: it acts on how much allied capability arrives in time (sim/model.cpp, allied reach).
struct LinkParams {
  double art5 = 1.0;            // nato.art5_strength
  double art427 = 0.6;          // eu.art427_strength
  double neutral_factor = 0.3;  // eu.neutral_factor
};

// Treaty strength of the link from `from` (the helper) to `to` (the protected state):
// max(Art. 5 if both in NATO, Art. 42(7) if both in the EU, scaled for a neutral helper).
[[nodiscard]] double treaty_link(const Membership& from, const Membership& to, const LinkParams& p);

// The strength with which `from` helps `to`: the treaty link (zero across the dispute).
[[nodiscard]] double link_strength(const Membership& from, const Membership& to,
                                   const LinkParams& p);

// The share of allied capability that reaches a probed state in time: crisis.allied_reach
// scaled down where EU-NATO cooperation is blocked, reach * (1 - mu * (1 - iota)), mu the share
// of reinforcement that depends on that cooperation (military mobility, intelligence sharing,
// joint planning: eu.mobility_dependence), iota its degree (eu.nato_interoperability).
[[nodiscard]] double allied_reach(double reach, double mobility_dependence,
                                  double interoperability);

}  // namespace rampart::agents
