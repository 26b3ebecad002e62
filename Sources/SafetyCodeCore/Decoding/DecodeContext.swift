import YAMLTree

/// The state of decoding one file: the document and the problems found so far.
///
/// Decoders report every problem and go on, so one run shows them all.
final class DecodeContext {
    let document: YAMLDocument
    private(set) var diagnostics: [Diagnostic] = []

    init(_ document: YAMLDocument) { self.document = document }

    var file: String { document.file }

    func location(_ node: YAMLNode) -> SourceLocation { document.location(of: node) }

    func error(_ code: DiagnosticCode, _ message: String, at node: YAMLNode, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(code, message, at: location(node), notes: notes))
    }

    func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    func report(_ more: [Diagnostic]) { diagnostics.append(contentsOf: more) }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Reads a mapping: reports a node that is not one, and every key not in `allowed`.
    func mapping(_ node: YAMLNode, _ what: String, allowed: [String]) -> MappingReader? {
        guard let pairs = node.pairs else {
            error(.wrongType, "\(what) must be a mapping, not \(node.kindDescription)", at: node)
            return nil
        }
        for pair in pairs where !allowed.contains(pair.keyText) {
            error(.unknownKey, "unknown key '\(pair.keyText)' in \(what)\(Suggestion.clause(for: pair.keyText, in: allowed))",
                  at: pair.key)
        }
        return MappingReader(context: self, node: node, pairs: pairs, what: what)
    }

    // MARK: Scalars

    /// The longest text any field takes, in characters: a description or a note. Longer text
    /// is refused, so one field cannot make every report of a run enormous.
    static let maxText = 10_000
    /// The longest name (a service, a provider, a title), in characters.
    static let maxName = 300

    func string(_ node: YAMLNode, _ what: String, max limit: Int = DecodeContext.maxText) -> String? {
        guard let s = node.scalar, !s.isNull else {
            error(.wrongType, "\(what) must be text, not \(node.kindDescription)", at: node)
            return nil
        }
        let count = s.value.unicodeScalars.count
        guard count <= limit else {
            error(.badValue, "\(what) is \(Value.grouped(count)) characters long; the limit is \(Value.grouped(limit))", at: node)
            return nil
        }
        return s.value
    }

    func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        if let s = node.scalar, s.style == .plain {
            switch s.value {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        error(.wrongType, "\(what) must be true or false, not \(Self.describe(node))", at: node)
        return nil
    }

    func integer(_ node: YAMLNode, _ what: String) -> Int? {
        if let s = node.scalar, s.style == .plain, let n = Self.parseInteger(s.value) { return n }
        error(.wrongType, "\(what) must be a whole number, not \(Self.describe(node))", at: node)
        return nil
    }

    func number(_ node: YAMLNode, _ what: String) -> Double? {
        if let s = node.scalar, s.style == .plain, let n = Self.parseNumber(s.value) { return n }
        error(.wrongType, "\(what) must be a number, not \(Self.describe(node))", at: node)
        return nil
    }

    func day(_ node: YAMLNode, _ what: String) -> Day? {
        if let s = node.scalar, !s.isNull {
            if let d = Day(s.value) { return d }
            let why = Day.problem(s.value).map { " (\($0))" } ?? ""
            error(.badDate, "\(what) must be a date written YYYY-MM-DD, not '\(s.value)'\(why)", at: node)
            return nil
        }
        error(.badDate, "\(what) must be a date written YYYY-MM-DD, not \(node.kindDescription)", at: node)
        return nil
    }

    func stringList(_ node: YAMLNode, _ what: String) -> [String]? {
        guard let items = node.items else {
            error(.wrongType, "\(what) must be a list, not \(node.kindDescription)", at: node)
            return nil
        }
        return items.compactMap { string($0, "each entry of \(what)") }
    }

    /// Reads one of the listed words.
    func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ what: String, as: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        error(.badValue, "\(what) must be one of \(names.joined(separator: ", ")), not '\(text)'\(Suggestion.clause(for: text, in: names))",
              at: node)
        return nil
    }

    static func describe(_ node: YAMLNode) -> String {
        if let s = node.scalar {
            if s.isNull { return "null" }
            return s.style == .plain ? "'\(s.value)'" : "the text \"\(s.value)\""
        }
        return node.kindDescription
    }

    static func parseInteger(_ text: String) -> Int? {
        var t = Substring(text)
        var negative = false
        if t.first == "-" || t.first == "+" { negative = t.first == "-"; t = t.dropFirst() }
        guard !t.isEmpty, t.first != "_", t.allSatisfy({ $0 == "_" || ($0.isASCII && $0.isNumber) }) else { return nil }
        guard let n = Int(t.filter { $0 != "_" }) else { return nil }
        return negative ? -n : n
    }

    static func parseNumber(_ text: String) -> Double? {
        if let i = parseInteger(text) { return Double(i) }
        let t = text.filter { $0 != "_" }
        guard t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E") }),
              let d = Double(t), d.isFinite else { return nil }
        return d
    }
}

/// Reads the keys of one mapping, reporting missing required keys against the mapping itself.
struct MappingReader {
    let context: DecodeContext
    let node: YAMLNode
    let pairs: [YAMLPair]
    let what: String

    /// The value of `key`, or nil (a null value counts as absent).
    func optional(_ key: String) -> YAMLNode? {
        guard let node = pairs.first(where: { $0.keyText == key })?.value, !node.isNull else { return nil }
        return node
    }

    /// The key node for `key`, or nil.
    func keyNode(_ key: String) -> YAMLNode? { pairs.first(where: { $0.keyText == key })?.key }

    /// The value of `key`; reports it missing.
    func required(_ key: String) -> YAMLNode? {
        if let value = optional(key) { return value }
        context.error(.missingKey, "\(what) is missing the required key '\(key)'", at: keyNode(key) ?? node)
        return nil
    }

    func string(_ key: String, required: Bool = false, max limit: Int = DecodeContext.maxText) -> String? {
        guard let n = required ? self.required(key) : optional(key) else { return nil }
        return context.string(n, "'\(key)'", max: limit)
    }

    func bool(_ key: String) -> Bool? { optional(key).flatMap { context.bool($0, "'\(key)'") } }
    func integer(_ key: String) -> Int? { optional(key).flatMap { context.integer($0, "'\(key)'") } }
    func number(_ key: String) -> Double? { optional(key).flatMap { context.number($0, "'\(key)'") } }
    func day(_ key: String) -> Day? { optional(key).flatMap { context.day($0, "'\(key)'") } }
    func strings(_ key: String) -> [String]? { optional(key).flatMap { context.stringList($0, "'\(key)'") } }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type, required: Bool = false) -> T?
    where T.RawValue == String {
        guard let n = required ? self.required(key) : optional(key) else { return nil }
        return context.choice(n, "'\(key)'", as: type)
    }
}
