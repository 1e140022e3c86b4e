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

struct LinkParams {
  double art5 = 1.0;              // nato.art5_strength
  double art427 = 0.6;            // eu.art427_strength
  double neutral_factor = 0.3;    // eu.neutral_factor
  double interoperability = 0.8;  // eu.nato_interoperability
};

// Treaty strength of the link from `from` (the helper) to `to` (the protected state):
// max(Art. 5 if both in NATO, Art. 42(7) if both in the EU, scaled for a neutral helper).
[[nodiscard]] double treaty_link(const Membership& from, const Membership& to, const LinkParams& p);

// treaty_link times the EU-NATO interoperability factor where an Art. 5 link joins an EU member
// to a NATO ally outside the EU (the blocked EU-NATO planning), and zero across the dispute.
[[nodiscard]] double link_strength(const Membership& from, const Membership& to,
                                   const LinkParams& p);

// link_strength given the treaty_link already computed (the model's setup needs both for every
// pair, so it computes the treaty link once).
[[nodiscard]] double link_from_treaty(double treaty, const Membership& from, const Membership& to,
                                      const LinkParams& p);

}  // namespace rampart::agents
