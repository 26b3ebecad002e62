/// Facts about safetycode itself.
public enum SafetyCode {
    /// The version printed by `safetycode --version` and recorded in reports.
    public static let version = "0.1.0"
}
