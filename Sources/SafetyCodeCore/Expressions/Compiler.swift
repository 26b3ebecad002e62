import YAMLTree

/// Type-checks expressions against a vocabulary and a code's definitions and measures, and
/// compiles them into ``Expr``.
///
/// Definitions are compiled once, when first used; a definition that refers back to itself
/// through others is reported once, naming the whole cycle.
final class Compiler {
    struct Definition {
        var name: String
        var source: ExpressionSource
        var keyLocation: SourceLocation
        /// The words reasons use instead of the name ("large service"), if given.
        var title: String? = nil
    }

    let vocabulary: Vocabulary
    let limits: ExpressionLimits
    private var definitions: [String: Definition]
    private let measureIndex: [String: Int]
    private var compiledDefinitions: [String: Expr] = [:]
    private var definitionMeasures: [String: Set<Int>] = [:]
    private var failedDefinitions: Set<String> = []
    private var visiting: [String] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// The measures named by `applies()` in the expression being compiled.
    private(set) var referencedMeasures: Set<Int> = []
    /// The definitions the expression being compiled uses, directly or through others.
    private(set) var referencedDefinitions: Set<String> = []
    private var definitionNames: [String: Set<String>] = [:]
    private var reportedDefinitionDepth = false
    private var source: ExpressionSource?
    /// The text of the expression being compiled, by spans: each node's text is one of them.
    private var spans: ScalarSpans?

    init(vocabulary: Vocabulary, definitions: [Definition], measureIndex: [String: Int], limits: ExpressionLimits) {
        self.vocabulary = vocabulary
        self.definitions = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { _, b in b })
        self.measureIndex = measureIndex
        self.limits = limits
    }

    /// Compiles a condition (a boolean expression); nil after reporting its problems.
    func compileCondition(_ source: ExpressionSource, what: String) -> Expr? {
        referencedMeasures = []
        referencedDefinitions = []
        return compileBool(source, what: what)
    }

    /// Refuses an expression whose expansion through definitions is past the limit.
    private func withinExpansion(_ expr: Expr, _ what: String, at offset: Int) -> Expr? {
        guard expr.size > limits.maxExpandedNodes else { return expr }
        let size = expr.size == Int.max ? "an astronomical number of" : "\(Value.grouped(expr.size))"
        report(.expressionLimit, "\(what) expands to \(size) nodes through the definitions it uses (the limit is \(Value.grouped(limits.maxExpandedNodes))): each use of a definition repeats its whole body", at: offset)
        return nil
    }

    /// Adds a name whose condition is already compiled (a risk profile's factor, compiled where
    /// its own name does not hide a value of the same spelling).
    func predefine(_ definition: Definition, as body: Expr) {
        definitions[definition.name] = definition
        compiledDefinitions[definition.name] = Expr(kind: .definition(name: definition.name, body), text: definition.name, type: .bool)
        definitionMeasures[definition.name] = []
        definitionNames[definition.name] = []
    }

    /// Adds a name whose condition failed to compile (its error already reported): uses of it
    /// fail quietly instead of reporting an unknown name (one mistake, one error).
    func predefineFailed(_ definition: Definition) {
        definitions[definition.name] = definition
        failedDefinitions.insert(definition.name)
    }

    /// The text of a definition, or nil when there is none by that name.
    func definitionText(_ name: String) -> String? { definitions[name]?.source.text }

    /// Compiles every definition, so unused ones are checked too.
    func compileAllDefinitions() {
        for name in definitions.keys.sorted() { _ = definition(name, usedAt: nil) }
    }

    private func compileBool(_ source: ExpressionSource, what: String) -> Expr? {
        let saved = (self.source, self.spans)
        self.source = source
        defer { (self.source, self.spans) = saved }
        let syntax: Syntax
        do {
            (syntax, spans) = try Parser.parse(source.text, maxLength: limits.maxLength, maxDepth: limits.maxDepth)
        } catch {
            report(error.code == .limit ? .expressionLimit : .expressionSyntax, error.message, at: error.offset,
                   notes: error.notes.map { .init($0.message, at: source.location(at: $0.offset)) })
            return nil
        }
        guard let expr = check(syntax, expected: .bool) else { return nil }
        guard expr.type == .bool else {
            report(.typeMismatch, "\(what) must be true or false, but this is \(article(expr.type))", at: syntax.offset)
            return nil
        }
        return withinExpansion(expr, what, at: syntax.offset)
    }

    // MARK: Reporting

    private func report(_ code: DiagnosticCode, _ message: String, at offset: Int, notes: [Diagnostic.Note] = []) {
        guard let source else { return }
        diagnostics.append(.error(code, message, at: source.location(at: offset), notes: notes))
    }

    private func article(_ t: ExprType) -> String {
        switch t {
        case .integer: "an integer"
        case .enumeration(let e): e.name.map { "a \($0)" } ?? "an enum value"
        default: "a \(t)"
        }
    }

    private func text(_ s: Syntax) -> String { spans?.text(s.offset, s.length) ?? "" }

    private func make(_ kind: Expr.Kind, _ s: Syntax, _ type: ExprType) -> Expr {
        Expr(kind: kind, text: text(s), type: type)
    }

    // MARK: Definitions

    private func definition(_ name: String, usedAt offset: Int?) -> Expr? {
        if let done = compiledDefinitions[name] {
            referencedMeasures.formUnion(definitionMeasures[name] ?? [])
            referencedDefinitions.formUnion(definitionNames[name] ?? [])
            referencedDefinitions.insert(name)
            return done
        }
        if failedDefinitions.contains(name) { return nil }
        guard let def = definitions[name] else { return nil }
        if let start = visiting.firstIndex(of: name) {
            let cycle = visiting[start...] + [name]
            let names = cycle.joined(separator: " -> ")
            // Report once, at the definition that closes the circle.
            for member in cycle.dropLast() { failedDefinitions.insert(member) }
            let notes = cycle.dropLast().compactMap { definitions[$0] }.map {
                Diagnostic.Note("'\($0.name)' is defined here", at: $0.keyLocation)
            }
            if let offset { report(.cycle, "definitions refer to each other in a circle: \(names)", at: offset, notes: notes) }
            return nil
        }
        guard visiting.count < limits.maxDefinitionDepth else {
            // Checked before going deeper, so a long chain never exhausts the stack.
            for member in visiting { failedDefinitions.insert(member) }
            failedDefinitions.insert(name)
            // One error for one chain: later entries into the same chain fail quietly.
            if let offset, !reportedDefinitionDepth {
                reportedDefinitionDepth = true
                report(.expressionLimit, "definitions name definitions more than \(limits.maxDefinitionDepth) deep here: \(visiting.first ?? name) -> … -> \(name)",
                       at: offset, notes: [Diagnostic.Note("'\(visiting.first ?? name)' is defined here", at: definitions[visiting.first ?? name]?.keyLocation)])
            }
            return nil
        }
        visiting.append(name)
        let outer = referencedMeasures
        let outerNames = referencedDefinitions
        referencedMeasures = []
        referencedDefinitions = []
        let body = compileBool(def.source, what: "definition '\(name)'")
        definitionMeasures[name] = referencedMeasures
        definitionNames[name] = referencedDefinitions
        referencedMeasures.formUnion(outer)
        referencedDefinitions.formUnion(outerNames)
        referencedDefinitions.insert(name)
        visiting.removeLast()
        if failedDefinitions.contains(name) { return nil }
        guard let body else {
            failedDefinitions.insert(name)
            return nil
        }
        let expr = Expr(kind: .definition(name: name, body), text: name, type: .bool)
        compiledDefinitions[name] = expr
        return expr
    }

    // MARK: Checking

    /// True when the syntax is a literal whose type comes from the other side.
    private func isContextual(_ s: Syntax) -> Bool {
        switch s.kind {
        case .string, .integer: return true
        case .name(let n): return definitions[n] == nil && vocabulary.slots[n] == nil && !n.contains(".")
        case .group(let inner): return isContextual(inner)
        default: return false
        }
    }

    private func check(_ s: Syntax, expected: ExprType?) -> Expr? {
        switch s.kind {
        case .integer(let n):
            if let expected, expected.enumElement != nil { return enumLiteral(String(n), s, expected) }
            return make(.constant(.integer(n)), s, .integer)
        case .number(let d):
            return make(.constant(.number(d)), s, .number)
        case .bool(let b):
            return make(.constant(.bool(b)), s, .bool)
        case .date(let d):
            return make(.constant(.date(d.ordinal)), s, .date)
        case .string(let v):
            if let expected, expected.enumElement != nil { return enumLiteral(v, s, expected, quoted: true) }
            return make(.constant(.string(v)), s, .string)
        case .name(let n):
            return name(n, s, expected: expected)
        case .group(let inner):
            return check(inner, expected: expected)
        case .list:
            report(.typeMismatch, "a list can only be an argument of count, any, all or max, or the right side of 'in'", at: s.offset)
            return nil
        case .not(let inner):
            guard let e = checkBool(inner, "the operand of 'not'") else { return nil }
            return make(.not(e), s, .bool)
        case .and(let a, let b), .or(let a, let b):
            let isAnd = if case .and = s.kind { true } else { false }
            let word = isAnd ? "and" : "or"
            let l = checkBool(a, "the left side of '\(word)'")
            let r = checkBool(b, "the right side of '\(word)'")
            guard let l, let r else { return nil }
            // Flatten chains: a and b and c.
            func parts(_ e: Expr) -> [Expr] {
                switch e.kind {
                case .and(let xs) where isAnd: xs
                case .or(let xs) where !isAnd: xs
                default: [e]
                }
            }
            let all = parts(l) + parts(r)
            return make(isAnd ? .and(all) : .or(all), s, .bool)
        case .compare(let op, let a, let b):
            guard let (l, r) = checkPair(a, b) else { return nil }
            guard l.type.isComparable(with: r.type) else {
                report(.typeMismatch, "cannot compare \(article(l.type)) with \(article(r.type))", at: b.offset,
                       notes: [.init("the left side, '\(text(a))', is \(article(l.type))")])
                return nil
            }
            if op.isOrdering {
                guard l.type.isOrdered else {
                    report(.typeMismatch, "'\(op.rawValue)' needs ordered values, but \(l.type) has no order", at: a.offset)
                    return nil
                }
                return make(.order(op, l, r), s, .bool)
            }
            return make(.equal(l, r, negated: op == .notEqual), s, .bool)
        case .inList(let a, let b):
            if case .list(let items) = unwrap(b).kind {
                guard let l = check(a, expected: nil) else { return nil }
                var out: [Expr] = []
                for item in items {
                    guard let e = check(item, expected: l.type) else { continue }
                    if !e.type.isComparable(with: l.type) {
                        report(.typeMismatch, "the list holds \(article(e.type)), but the left side is \(article(l.type))", at: item.offset)
                        continue
                    }
                    out.append(e)
                }
                guard out.count == items.count else { return nil }
                return make(.member(l, out), s, .bool)
            }
            guard let set = check(b, expected: nil) else { return nil }
            guard case .set(let e) = set.type else {
                report(.typeMismatch, "'in' needs a list or a set on its right, but this is \(article(set.type))", at: b.offset)
                return nil
            }
            guard let value = check(a, expected: .enumeration(e)) else { return nil }
            guard value.type == .enumeration(e) else {
                report(.typeMismatch, "'\(text(a))' is not a possible member of \(set.type)", at: a.offset)
                return nil
            }
            return make(.setContains(set: set, value: value), s, .bool)
        case .contains(let a, let b):
            guard let set = check(a, expected: nil) else { return nil }
            guard case .set(let e) = set.type else {
                report(.typeMismatch, "'contains' needs a set on its left, but this is \(article(set.type))", at: a.offset)
                return nil
            }
            guard let value = check(b, expected: .enumeration(e)) else { return nil }
            guard value.type == .enumeration(e) else {
                report(.typeMismatch, "a \(set.type) cannot contain \(article(value.type))", at: b.offset)
                return nil
            }
            return make(.setContains(set: set, value: value), s, .bool)
        case .call(let name, let args):
            return call(name, args, s)
        }
    }

    private func unwrap(_ s: Syntax) -> Syntax {
        if case .group(let inner) = s.kind { return unwrap(inner) }
        return s
    }

    private func checkBool(_ s: Syntax, _ what: String) -> Expr? {
        guard let e = check(s, expected: .bool) else { return nil }
        guard e.type == .bool else {
            report(.typeMismatch, "\(what) must be true or false, but '\(text(s))' is \(article(e.type))", at: s.offset)
            return nil
        }
        return e
    }

    /// Checks both sides of a comparison, typing a literal side by the other side.
    private func checkPair(_ a: Syntax, _ b: Syntax) -> (Expr, Expr)? {
        if isContextual(a) && !isContextual(b) {
            guard let r = check(b, expected: nil) else { return nil }
            guard let l = check(a, expected: r.type) else { return nil }
            return (l, r)
        }
        let l = check(a, expected: nil)
        guard let l else {
            // Still look for the right side's own mistakes, but not in a literal whose type only
            // the left side could give (one mistake, one error).
            if !isContextual(b) { _ = check(b, expected: nil) }
            return nil
        }
        guard let r = check(b, expected: l.type) else { return nil }
        return (l, r)
    }

    private func enumLiteral(_ value: String, _ s: Syntax, _ expected: ExprType, quoted: Bool = false) -> Expr? {
        guard let e = expected.enumElement else { return nil }
        if let i = e.index(of: value) { return make(.constant(.symbol(i)), s, .enumeration(e)) }
        let typeName = e.name ?? "this enum"
        report(.typeMismatch,
               "\(quoted ? "the string \(Self.stringLiteral(value))" : "'\(value)'") is not a value of \(typeName) (\(e.values.joined(separator: ", ")))\(Suggestion.clause(for: value, in: e.values))",
               at: s.offset)
        return nil
    }

    /// A string as a message shows it: in double quotes, with `"` and `\` escaped as the
    /// expression language escapes them, a tab or line break as `<U+0009>` (it has no escape for
    /// them), and the middle of a long one cut.
    static func stringLiteral(_ value: String) -> String {
        Lexer.quoted(value, quote: "\"", head: 40) { u in
            switch u {
            case "\"", "\\": "\\" + String(u)
            case "\t", "\n", "\r": "<\(VisibleText.name(u))>"
            default: nil
            }
        }
    }

    private func name(_ n: String, _ s: Syntax, expected: ExprType?) -> Expr? {
        if definitions[n] != nil {
            return definition(n, usedAt: s.offset)
        }
        if let slot = vocabulary.slots[n] {
            return make(.fact(slot: slot), s, ExprType(vocabulary.facts[slot].type))
        }
        if n.contains(".") {
            let hint: String
            if vocabulary.isGroup(n) {
                let children = vocabulary.facts.map(\.path).filter { $0.hasPrefix(n + ".") }
                hint = "; '\(n)' is a group of facts: name one of them, such as '\(children[0])'"
            } else {
                hint = Suggestion.clause(for: n, in: vocabulary.facts.map(\.path))
            }
            report(.unknownFact, "no fact '\(n)' in the vocabulary\(hint)", at: s.offset)
            return nil
        }
        if let expected, expected.enumElement != nil { return enumLiteral(n, s, expected) }
        let candidates = Array(definitions.keys) + vocabulary.facts.map(\.path) + ["true", "false"]
        report(.unknownFact, "'\(n)' is not a definition, a fact or a value that fits here\(Suggestion.clause(for: n, in: candidates))",
               at: s.offset)
        return nil
    }

    private func call(_ name: String, _ args: [Syntax], _ s: Syntax) -> Expr? {
        guard let function = ExpressionFunction.named(name) else {
            report(.badCall, "no function '\(name)'\(Suggestion.clause(for: name, in: ExpressionFunction.all.map(\.name)))", at: s.offset)
            return nil
        }
        guard args.count == 1 else {
            report(.badCall, "\(name)() takes one argument: \(function.signature)", at: s.offset)
            return nil
        }
        let arg = args[0]
        switch name {
        case "count", "any", "all", "max":
            guard case .list(let items) = unwrap(arg).kind else {
                report(.badCall, "\(name)() takes a list in square brackets: \(function.signature)", at: arg.offset)
                return nil
            }
            if name == "max" {
                var out: [Expr] = []
                var type: ExprType?
                for item in items {
                    guard let e = check(item, expected: type) else { continue }
                    if let t = type, !(t == e.type || (t.isNumeric && e.type.isNumeric)) {
                        report(.typeMismatch, "max() needs values of one type, but this is \(article(e.type)) after \(article(t))", at: item.offset)
                        continue
                    }
                    guard e.type.isOrdered else {
                        report(.typeMismatch, "max() needs ordered values, but '\(text(item))' is \(article(e.type))", at: item.offset)
                        continue
                    }
                    type = type ?? e.type
                    out.append(e)
                }
                guard out.count == items.count, let type, !out.isEmpty else {
                    if items.isEmpty { report(.badCall, "max() of an empty list", at: arg.offset) }
                    return nil
                }
                let top: Double = if case .enumeration(let e) = type { Double(e.values.count - 1) } else { .infinity }
                return make(.max(out, top: top), s, type)
            }
            let parts = items.map { checkBool($0, "each entry of \(name)()") }
            guard parts.allSatisfy({ $0 != nil }) else { return nil }
            let exprs = parts.map { $0! }
            switch name {
            case "count": return make(.count(exprs), s, .integer)
            case "any": return make(.any(exprs), s, .bool)
            default: return make(.all(exprs), s, .bool)
            }
        case "has":
            guard case .name(let path) = unwrap(arg).kind, let slot = vocabulary.slots[path] else {
                if case .name(let path) = unwrap(arg).kind {
                    report(.unknownFact, "no fact '\(path)' in the vocabulary\(Suggestion.clause(for: path, in: vocabulary.facts.map(\.path)))", at: arg.offset)
                } else {
                    report(.badCall, "has() takes a fact path: \(function.signature)", at: arg.offset)
                }
                return nil
            }
            return make(.has(slot: slot), s, .bool)
        case "applies":
            guard case .string(let id) = unwrap(arg).kind else {
                report(.badCall, "applies() takes a measure id in quotes: \(function.signature)", at: arg.offset)
                return nil
            }
            guard let index = measureIndex[id] else {
                report(.unknownMeasure, "no measure '\(id)' in this code\(Suggestion.clause(for: id, in: measureIndex.keys))", at: arg.offset)
                return nil
            }
            referencedMeasures.insert(index)
            return make(.applies(measure: index), s, .bool)
        default:
            return nil
        }
    }
}

extension ExprType {
    /// The enum type whose values a literal must name: the type itself, or a set's element type.
    var enumElement: EnumType? {
        switch self {
        case .enumeration(let e), .set(let e): e
        default: nil
        }
    }
}

/// Limits on expressions (SPEC section 6).
public struct ExpressionLimits: Sendable, Hashable {
    /// Longest expression, in characters. Default 4,096.
    public var maxLength: Int
    /// Deepest nesting of parentheses, lists, calls and `not`. Default 64.
    public var maxDepth: Int
    /// Deepest chain of definitions naming definitions. Default 64.
    public var maxDefinitionDepth: Int
    /// Most nodes a condition may expand to, each use of a definition counting its whole body.
    /// Default 100,000: the shipped codes' largest is under 1,000.
    public var maxExpandedNodes: Int

    /// Creates limits; the defaults are the SPEC's.
    public init(maxLength: Int = 4096, maxDepth: Int = 64, maxDefinitionDepth: Int = 64, maxExpandedNodes: Int = 100_000) {
        self.maxLength = maxLength
        self.maxDepth = maxDepth
        self.maxDefinitionDepth = maxDefinitionDepth
        self.maxExpandedNodes = maxExpandedNodes
    }
}
