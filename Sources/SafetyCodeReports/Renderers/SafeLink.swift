import YAMLTree
/// Which URLs from the inputs become links. Only `http:`, `https:` and `mailto:` URLs do; any
/// other (`javascript:`, `data:`, `vbscript:`, relative, or one with a space, tab or control
/// character anywhere, which browsers strip before reading the scheme) is shown as plain text.
enum SafeLink {
    /// The URL when it may be a link's target, or nil.
    static func href(_ url: String) -> String? {
        // Browsers drop tabs and line breaks anywhere and spaces or controls at the ends: a URL
        // holding any of them is not a link, so `java\tscript:` cannot pass as something else.
        // Nor may it hold a hidden character (a bidi control, a zero-width space): shown as
        // `<U+202E>` in the text, it would be a different address in the link.
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) || VisibleText.isHidden($0) })
        else { return nil }
        let lower = url.lowercased()
        for scheme in ["http://", "https://", "mailto:"] where lower.hasPrefix(scheme) && lower.count > scheme.count {
            return url
        }
        return nil
    }
}
