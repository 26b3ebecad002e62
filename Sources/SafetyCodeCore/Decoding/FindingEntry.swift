import YAMLTree

/// A finding as a reviewer types it into a form, every field as text, and its addition to a
/// review file's text (SPEC section 7): the file is created with its `review:` header when there
/// is none; otherwise the finding is appended to `findings:`, keeping every other character of the
/// file (comments and layout included). The result is decoded as `lint` and `assess` decode a
/// review before anyone writes it, and its problems come back keyed by the form field they are about.
public struct FindingEntry: Sendable {
    /// What the finding is about.
    public enum Kind: String, Sendable {
        case measure, fact
    }

    /// What it is about (`measure` or `fact`; for a page, `compare` or `diff`).
    public var kind: Kind
    /// The measure's id or the fact's path.
    public var target: String
    /// A ``Review/Decision`` raw value, as chosen.
    public var decision: String
    /// The reviewer's value for a disputed fact, YAML scalar or flow text; empty is unknown (`~`).
    public var value: String
    /// Why, in the reviewer's words.
    public var reason: String
    /// Who decided.
    public var reviewer: String
    /// The day the finding is recorded.
    public var date: Day
    /// YYYY-MM-DD, or empty for none.
    public var expires: String

    /// A finding from a form's fields.
    public init(kind: Kind, target: String, decision: String, value: String = "", reason: String, reviewer: String, date: Day, expires: String = "") {
        self.kind = kind
        self.target = target
        self.decision = decision
        self.value = value
        self.reason = reason
        self.reviewer = reviewer
        self.date = date
        self.expires = expires
    }

    /// A problem with one field (`target`, `decision`, `value`, `reason`, `reviewer`, `date`,
    /// `expires`), or with the file as a whole (`field` empty).
    public struct FieldError: Sendable, Equatable {
        /// The form field (`reason`, `value`...), or empty for the whole form.
        public var field: String
        /// What is wrong.
        public var message: String

        /// A problem with `field` ("" for the whole form).
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// The review file's new text, or why not.
    public enum Outcome: Sendable {
        case text(String)
        case invalid([FieldError])
    }

    /// The finding as the lines of one list item, indented by `indent` spaces.
    func lines(indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var out = ["\(pad)- \(kind.rawValue): \(Questionnaire.quoted(target))", "\(pad)  decision: \(Questionnaire.quoted(decision))"]
        if Review.Decision(rawValue: decision) == .dispute {
            let v = value.trimmingSpaces
            out.append("\(pad)  value: \(v.isEmpty ? "~" : v)")
        }
        out.append("\(pad)  reason: \(Questionnaire.quoted(reason))")
        out.append("\(pad)  reviewer: \(Questionnaire.quoted(reviewer))")
        out.append("\(pad)  date: \(date)")
        if !expires.trimmingSpaces.isEmpty {
            let e = expires.trimmingSpaces
            out.append("\(pad)  expires: \(Day(e) != nil ? e : Questionnaire.quoted(e))")
        }
        return out
    }

    /// The review file's text with this finding added: `existing` is the file's text now (nil
    /// when there is no file yet, which is then made naming `submission` and its SHA-256).
    /// `file` is the review's name in diagnostics.
    public func added(to existing: String?, file: String, submission: String, submissionSHA: String, vocabulary: Vocabulary) -> Outcome {
        if value.unicodeScalars.contains(where: { VisibleText.isLineBreak($0) }) {
            return .invalid([FieldError(field: "value", message: "the value must be on one line (YAML scalar or flow text such as [a, b])")])
        }
        // Written as typed or refused: no invisible characters (lint would warn of them; an
        // emoji's zero-width joiner, as in 👩‍👩‍👧, is part of the emoji, not one), and no
        // comment in the value (YAML would drop it silently).
        var refused: [FieldError] = []
        for (field, text) in [("value", value), ("reason", reason), ("reviewer", reviewer), ("expires", expires)] {
            let names = VisibleText.invisibleFormats(in: text).map { "<" + VisibleText.name($0) + ">" }
            guard !names.isEmpty else { continue }
            let what = names.count == 1 ? "an invisible character, \(names[0])," : "invisible characters (\(names.joined(separator: ", ")))"
            refused.append(FieldError(field: field, message: "this field holds \(what) which can make text read differently from what it is (bidi or zero-width); remove it"))
        }
        if Self.hasComment(value) {
            refused.append(FieldError(field: "value", message: "a # after a space starts a YAML comment, which would be dropped from the value: put the value in quotes (\"...\") or leave the comment out"))
        }
        if !refused.isEmpty { return .invalid(refused) }
        var before = 0
        let text: String, firstLine: Int
        if let existing {
            let read = SubmissionReader.parse(bytes: Array(existing.utf8), file: file)
            let (review, ds) = ReviewFiles.decode(read, vocabulary: vocabulary)
            guard let review, let doc = read.document else {
                let first = ds.first { $0.severity == .error }
                return .invalid([FieldError(field: "", message: "the review file has errors; fix it first: " + (first.map(Self.place) ?? "it cannot be read"))])
            }
            before = review.findings.count
            guard let (t, line) = Self.append(lines(indent:), to: existing, doc) else {
                return .invalid([FieldError(field: "", message: "\(file) writes 'findings' in a form a finding cannot be added to here (a flow list); add it by hand")])
            }
            (text, firstLine) = (t, line)
        } else {
            let head = """
                # A reviewer's findings on a submission (the submission itself is never edited), recorded in the workbench (safetycode serve).
                review:
                  submission: \(Questionnaire.quoted(submission))
                  submission_sha256: \(submissionSHA)
                findings:

                """
            text = head + lines(indent: 2).joined(separator: "\n") + "\n"
            firstLine = 6
        }
        // Decoded as lint and assess decode it: nothing is written that they would refuse.
        let read = SubmissionReader.parse(bytes: Array(text.utf8), file: file)
        let (review, ds) = ReviewFiles.decode(read, vocabulary: vocabulary)
        let errors = ds.filter { $0.severity == .error }
        if !errors.isEmpty {
            let all = text.split(separator: "\n", omittingEmptySubsequences: false)
            return .invalid(errors.map { d in
                guard let at = d.location, at.line >= firstLine, at.line <= all.count else { return FieldError(field: "", message: Self.place(d)) }
                return FieldError(field: Self.field(String(all[at.line - 1])), message: d.message)
            })
        }
        guard let review, review.findings.count == before + 1 else {
            return .invalid([FieldError(field: "", message: "the finding could not be added as one entry of 'findings'")])
        }
        return .text(text)
    }

    /// Whether a one-line YAML value holds a comment: a `#` at its start or after a space or tab,
    /// outside quotes.
    static func hasComment(_ value: String) -> Bool {
        var quote: Character?
        var previous: Character = " "
        var escaped = false
        for ch in value {
            defer { previous = ch }
            if let q = quote {
                if q == "\"" && ch == "\\" && !escaped { escaped = true; continue }
                if ch == q && !escaped { quote = nil }
                escaped = false
                continue
            }
            if ch == "\"" || ch == "'" { quote = ch; continue }
            if ch == "#" && (previous == " " || previous == "\t") { return true }
        }
        return false
    }

    /// "file:line:column: message".
    static func place(_ d: Diagnostic) -> String {
        guard let at = d.location else { return d.message }
        return "\(at.file):\(at.line):\(at.column): \(d.message)"
    }

    /// The form field a line of the finding is about: its key (`measure` and `fact` are `target`).
    static func field(_ line: String) -> String {
        var s = line.trimmingSpaces
        if s.hasPrefix("- ") { s = String(s.dropFirst(2)) }
        let key = s.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return key == "measure" || key == "fact" ? "target" : key
    }

    /// Appends an item to the document's `findings` list: after the last item of a block list, at
    /// its dash's indentation; in place of an empty value or `[]`; or as a new `findings:` key at
    /// the end. Returns the text and the 1-based line the item starts on; nil for a flow list that
    /// has items.
    static func append(_ item: (Int) -> [String], to text: String, _ doc: YAMLDocument) -> (String, Int)? {
        var scalars = Array(text.unicodeScalars)
        func lineNumber(_ offset: Int) -> Int { 1 + scalars[..<offset].count { $0 == "\n" } }
        func endOfLine(_ offset: Int) -> Int {
            var i = offset
            while i < scalars.count && scalars[i] != "\n" { i += 1 }
            return min(i + 1, scalars.count)
        }
        func insert(_ lines: [String], at offset: Int) -> (String, Int) {
            var at = offset
            if at == scalars.count, let last = scalars.last, last != "\n" {
                scalars.append("\n")
                at += 1
            }
            let line = lineNumber(at)
            scalars.insert(contentsOf: (lines.joined(separator: "\n") + "\n").unicodeScalars, at: at)
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars)
            return (String(s), line)
        }
        guard let pair = doc.root.pairs?.first(where: { $0.keyText == "findings" }) else {
            let (t, l) = insert(["findings:"] + item(2), at: scalars.count)
            return (t, l + 1)
        }
        let value = pair.value
        if let items = value.items, let last = items.last {
            let start = value.start.offset
            guard start < scalars.count, scalars[start] != "[" else { return nil }
            // The dash of the first item: the indentation of every item.
            var dash = items[0].start.offset
            while dash > 0 && scalars[dash] != "-" { dash -= 1 }
            var lineStart = dash
            while lineStart > 0 && scalars[lineStart - 1] != "\n" { lineStart -= 1 }
            let indent = dash - lineStart
            return insert(item(indent), at: endOfLine(max(contentEnd(last, scalars) - 1, last.start.offset)))
        }
        if let items = value.items, items.isEmpty {
            // `findings: []`: the brackets go, the item follows on the next lines.
            let start = value.start.offset, end = max(value.endOffset, start)
            scalars.removeSubrange(start..<end)
            return insert(item(2), at: endOfLine(pair.key.start.offset))
        }
        guard value.isNull else { return nil }
        return insert(item(2), at: endOfLine(pair.key.start.offset))
    }

    /// Just past a node's last character (a block collection ends where its last item does).
    static func contentEnd(_ node: YAMLNode, _ scalars: [Unicode.Scalar]) -> Int {
        let flow = node.start.offset < scalars.count && (scalars[node.start.offset] == "{" || scalars[node.start.offset] == "[")
        if flow { return node.endOffset }
        if let last = node.pairs?.last { return contentEnd(last.value, scalars) }
        if let last = node.items?.last { return contentEnd(last, scalars) }
        return node.endOffset
    }
}
