import SafetyCodeCore

/// A score as reports show it: what is proven, what is still undecided, and a colour that
/// follows severity and score (never green beside a critical gap), with a text mark beside it
/// for readers who cannot tell the colours apart (SPEC section 3).
struct ScoreBar {
    /// The proven score, "62%", or "n/a".
    var percent: String
    /// "at least 9%, at most 100%" when anything is undecided, else the percent.
    var range: String
    /// "60–70%" where undecided, else the percent.
    var short: String
    /// True when anything counted is undecided.
    var hasRange: Bool
    /// The upper bound, "100%".
    var upper: String
    /// Width of the proven part, of `width`.
    var proven: Int
    /// Width of the undecided part, drawn after the proven part.
    var undecided: Int
    /// Where the undecided part starts.
    var undecidedX: Int
    /// `bad`, `warn` or `good`: the colour's name in the style sheet.
    var tone: String
    /// The fill for the proven part.
    var fill: String
    /// The text mark for the tone: "✗", "!" or "✓".
    var mark: String
    /// Why the colour: "critical gap", "gaps", "no gaps".
    var toneWords: String
    /// A ten-character bar for Markdown: proven `█`, undecided `▒`, the rest `░`.
    var textBar: String

    init(_ s: Assessment.Summary, width: Int, highGaps: Int = 0) {
        percent = GapReportView.percent(s.score)
        upper = GapReportView.percent(s.scoreUpper)
        hasRange = s.score != nil && s.hasUndecided && s.scoreUpper != s.score
        range = hasRange ? "at least \(percent), at most \(upper)" : percent
        short = hasRange ? "\(percent.dropLast())–\(upper)" : percent
        let lower = s.score ?? 0
        let high = s.scoreUpper ?? 0
        proven = Int((lower * Double(width)).rounded())
        undecided = max(0, Int((high * Double(width)).rounded()) - proven)
        undecidedX = proven
        if s.score == nil {
            (tone, mark, toneWords) = ("none", "–", "nothing scored")
        } else if s.criticalGaps > 0 {
            (tone, mark, toneWords) = ("bad", "✗", s.criticalGaps == 1 ? "a critical gap" : "\(s.criticalGaps) critical gaps")
        } else if highGaps > 0 || lower < 0.6 {
            (tone, mark, toneWords) = ("warn", "!", highGaps > 0 ? "gaps of high severity" : "less than 60% proven")
        } else if s.gaps > 0 || lower < 0.9 {
            (tone, mark, toneWords) = ("fair", "◐", s.gaps > 0 ? "gaps of medium or low severity" : "less than 90% proven")
        } else {
            (tone, mark, toneWords) = ("good", "✓", "no gaps, 90% or more proven")
        }
        fill = ScoreBar.fills[tone]!
        if s.score == nil {
            textBar = ""
        } else {
            let n = Int((lower * 10).rounded()), u = max(0, Int((high * 10).rounded()) - n)
            textBar = String(repeating: "█", count: n) + String(repeating: "▒", count: u) + String(repeating: "░", count: max(0, 10 - n - u))
        }
    }

    /// The colours of the tones: dark red, orange, olive, green.
    static let fills = ["bad": "#b3261e", "warn": "#c25e00", "fair": "#8a7a00", "good": "#1f7a3a", "none": "#e4e7ea"]
}
