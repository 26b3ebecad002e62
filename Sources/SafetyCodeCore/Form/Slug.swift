/// Slugs for the workbench's element ids and file names (issue 18's contract): the text
/// lowercased, every run of characters other than `a-z` and `0-9` replaced by one `-`, and
/// trimmed of `-` at both ends. `service.uk_users` gives `service-uk-users`; `ICU C1` gives `icu-c1`.
public enum Slug {
    /// The slug of `text`; empty when `text` has no ASCII letter or digit.
    public static func of(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for u in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(u) || ("0"..."9").contains(u) {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(u)
            } else {
                pendingDash = true
            }
        }
        return out
    }
}
