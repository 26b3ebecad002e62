/// "Did you mean" suggestions: the closest candidate by edit distance, when it is close enough.
public enum Suggestion {
    /// The candidate nearest to `word`, or nil when none is plausibly what was meant.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        // Only among candidates of comparable length, and never for a word longer than any name
        // is: a suggestion can only be as far as the length difference, and a megabyte key
        // would otherwise cost seconds.
        guard word.unicodeScalars.count <= maxWord else { return nil }
        let w = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let c = candidate.unicodeScalars.count
            if abs(c - w.count) > max(2, min(w.count, c) / 3) { continue }
            let d = distance(w, Array(candidate.lowercased().unicodeScalars))
            if best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) { best = (candidate, d) }
        }
        guard let (name, d) = best else { return nil }
        let allowed = max(2, min(w.count, name.count) / 3)
        return d <= allowed ? name : nil
    }

    /// The longest word a suggestion is looked for.
    static let maxWord = 256

    /// `; did you mean 'x'?` or the empty string.
    public static func clause(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension Code {
    /// The measure id `text` most likely means, for "did you mean": the same id written another
    /// way (`icu c9`, `ICU-C9`, `ICUC9`), the id without its code's prefix (`C9` for `ICU C9`), or
    /// the nearest id by edit distance; nil when none is close.
    public func suggestedMeasureID(for text: String) -> String? {
        let ids = measures.map(\.id)
        func squashed(_ s: some StringProtocol) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let key = squashed(text)
        guard !key.isEmpty else { return nil }
        if let same = ids.first(where: { squashed($0) == key }) { return same }
        if let tail = ids.first(where: { id in id.split(separator: " ").last.map { squashed($0) == key } ?? false }) { return tail }
        return Suggestion.closest(to: text, in: ids)
    }
}
