#pragma once
// A Russian probe against an ally and how it ends.

namespace rampart::agents {

enum class CrisisOutcome : int { None = 0, Deterred = 1, Contained = 2, Failed = 3 };

struct CrisisThresholds {
  double deter_ratio = 1.0;    // crisis.deter_ratio
  double contain_ratio = 0.5;  // crisis.contain_ratio
};

// Deterrence ratio: (own capability + allied capability arriving in time) / (local share of
// Russian capability); the caller scales the allies' capability by crisis.allied_reach.
// Capped at kMaxDeterrenceRatio so that a vanished local threat stays a finite number.
inline constexpr double kMaxDeterrenceRatio = 1.0e3;
[[nodiscard]] double deterrence_ratio(double own_capability, double allied_capability,
                                      double local_share, double russia_capability);

// Deterred at or above the deter ratio, contained at or above the contain ratio, else failed.
[[nodiscard]] CrisisOutcome crisis_outcome(double response_ratio, const CrisisThresholds& t);

}  // namespace rampart::agents
