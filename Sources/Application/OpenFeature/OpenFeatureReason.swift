import Rules

/// The OpenFeature reason OFREP reports for a Cuesheet reason.
///
/// OFREP allows `STATIC`, `TARGETING_MATCH`, `SPLIT`, `DISABLED` and `UNKNOWN` on success; each
/// Cuesheet reason maps to the closest, and the exact one travels in the metadata
/// (`cuesheet_reason`):
///
/// | Cuesheet | OFREP | why |
/// |---|---|---|
/// | `TARGETING_MATCH` | `TARGETING_MATCH` | a `when` rule matched |
/// | `SPLIT` | `SPLIT` | a rollout or a split bucketed the unit |
/// | `DEFAULT` (flag without rules or prerequisites) | `STATIC` | the same value for every context |
/// | `DEFAULT` (no rule matched) | `TARGETING_MATCH` | the value of a dynamic evaluation (the fallthrough) |
/// | `DISABLED` | `DISABLED` | the kill switch |
/// | `SCHEDULED_OFF` | `DISABLED` | out of its schedule, the flag serves its off value |
/// | `PREREQUISITE_FAILED` | `DISABLED` | a required flag is off, so this one serves its off value |
/// | `OVERRIDE` | `STATIC` | an operator fixed the value for every context |
/// | `ERROR` | — | not a success: an evaluation failure (`GENERAL` or `TARGETING_KEY_MISSING`) |
///
/// `UNKNOWN` is never sent.
public enum OpenFeatureReason {
  /// The OFREP reason for `reason` on `flag`; nil for `ERROR` (a failure, not a success).
  public static func map(_ reason: FlagReason, flag: FeatureFlag) -> String? {
    switch reason {
    case .targetingMatch: "TARGETING_MATCH"
    case .split: "SPLIT"
    case .default:
      flag.rules.isEmpty && flag.prerequisites.isEmpty ? "STATIC" : "TARGETING_MATCH"
    case .disabled, .scheduledOff, .prerequisiteFailed: "DISABLED"
    case .override: "STATIC"
    case .error: nil
    }
  }
}
