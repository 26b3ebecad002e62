/// Parses an expression into ``Syntax``, with limits on length and nesting.
///
/// Grammar, loosest first: `or`, `and`, `not`, comparison (`== != < <= > >= in contains`),
/// then literals, names, calls `f(...)`, lists `[...]` and parentheses.
struct Parser {
    private var tokens: [Token]
    private var position = 0
    private var depth = 0
    private let maxDepth: Int

    /// The syntax of `text`, and its spans (the text of each node is one of them). The spans are
    /// made once the length is known to be within the limit.
    static func parse(_ text: String, maxLength: Int = 4096, maxDepth: Int = 64) throws(ExpressionError) -> (syntax: Syntax, spans: ScalarSpans) {
        let length = text.unicodeScalars.count
        if length > maxLength {
            throw ExpressionError(code: .limit, message: "expression is \(length) characters long; the limit is \(maxLength)", offset: 0)
        }
        let spans = ScalarSpans(text)
        var parser = Parser(tokens: try Lexer.tokens(spans), maxDepth: maxDepth)
        if case .end = parser.peek.kind {
            throw ExpressionError(code: .syntax, message: "the expression is empty", offset: 0)
        }
        let result = try parser.orExpression()
        if case .end = parser.peek.kind { return (result, spans) }
        throw ExpressionError(code: .syntax, message: "unexpected \(parser.describe(parser.peek)) after a complete expression", offset: parser.peek.offset)
    }

    private init(tokens: [Token], maxDepth: Int) {
        self.tokens = tokens
        self.maxDepth = maxDepth
    }

    private var peek: Token { tokens[position] }

    private mutating func next() -> Token {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    private func isWord(_ t: Token, _ word: String) -> Bool {
        if case .name(let n) = t.kind { return n == word }
        return false
    }

    private func isOp(_ t: Token, _ op: String) -> Bool {
        if case .op(let o) = t.kind { return o == op }
        return false
    }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: "end of the expression"
        case .name(let n): "'\(n)'"
        case .op(let o): "'\(o)'"
        case .integer(let n): "number \(n)"
        case .number(let d): "number \(d)"
        case .string(let s): "string \"\(s)\""
        case .date(let d): "date \(d)"
        }
    }

    private mutating func enter(_ at: Token) throws(ExpressionError) {
        depth += 1
        if depth > maxDepth {
            throw ExpressionError(code: .limit, message: "expression nests deeper than \(maxDepth) levels", offset: at.offset)
        }
    }

    private static func span(_ a: Syntax, _ b: Syntax, _ kind: Syntax.Kind) -> Syntax {
        Syntax(kind: kind, offset: a.offset, length: b.end - a.offset)
    }

    private mutating func orExpression() throws(ExpressionError) -> Syntax {
        var left = try andExpression()
        while isWord(peek, "or") {
            _ = next()
            let right = try andExpression()
            left = Self.span(left, right, .or(left, right))
        }
        return left
    }

    private mutating func andExpression() throws(ExpressionError) -> Syntax {
        var left = try notExpression()
        while isWord(peek, "and") {
            _ = next()
            let right = try notExpression()
            left = Self.span(left, right, .and(left, right))
        }
        return left
    }

    private mutating func notExpression() throws(ExpressionError) -> Syntax {
        if isWord(peek, "not") {
            let t = next()
            try enter(t)
            defer { depth -= 1 }
            let operand = try notExpression()
            return Syntax(kind: .not(operand), offset: t.offset, length: operand.end - t.offset)
        }
        return try comparison()
    }

    private mutating func comparison() throws(ExpressionError) -> Syntax {
        let left = try primary()
        if case .op(let o) = peek.kind, let op = CompareOperator(rawValue: o) {
            _ = next()
            let right = try primary()
            return Self.span(left, right, .compare(op, left, right))
        }
        if isWord(peek, "in") {
            _ = next()
            let right = try primary()
            return Self.span(left, right, .inList(left, right))
        }
        if isWord(peek, "contains") {
            _ = next()
            let right = try primary()
            return Self.span(left, right, .contains(left, right))
        }
        return left
    }

    private static let keywords: Set<String> = ["and", "or", "not", "in", "contains"]

    private mutating func primary() throws(ExpressionError) -> Syntax {
        let t = next()
        switch t.kind {
        case .integer(let n): return Syntax(kind: .integer(n), offset: t.offset, length: t.length)
        case .number(let d): return Syntax(kind: .number(d), offset: t.offset, length: t.length)
        case .string(let s): return Syntax(kind: .string(s), offset: t.offset, length: t.length)
        case .date(let d): return Syntax(kind: .date(d), offset: t.offset, length: t.length)
        case .name(let n):
            if n == "true" || n == "false" { return Syntax(kind: .bool(n == "true"), offset: t.offset, length: t.length) }
            if Self.keywords.contains(n) {
                throw ExpressionError(code: .syntax, message: "expected a value before '\(n)'", offset: t.offset)
            }
            if isOp(peek, "(") {
                _ = next()
                try enter(t)
                defer { depth -= 1 }
                var args: [Syntax] = []
                if !isOp(peek, ")") {
                    args.append(try orExpression())
                    while isOp(peek, ",") {
                        _ = next()
                        args.append(try orExpression())
                    }
                }
                let close = next()
                guard isOp(close, ")") else {
                    throw ExpressionError(code: .syntax, message: "expected ')' to close the call to \(n)(), found \(describe(close))", offset: close.offset,
                                          notes: [("the call to \(n)() it should close", t.offset)])
                }
                return Syntax(kind: .call(n, args), offset: t.offset, length: close.offset + 1 - t.offset)
            }
            return Syntax(kind: .name(n), offset: t.offset, length: t.length)
        case .op("("):
            try enter(t)
            defer { depth -= 1 }
            let inner = try orExpression()
            let close = next()
            guard isOp(close, ")") else {
                throw ExpressionError(code: .syntax, message: "expected ')' to close the '(' before it, found \(describe(close))", offset: close.offset,
                                      notes: [("the '(' it should close", t.offset)])
            }
            return Syntax(kind: .group(inner), offset: t.offset, length: close.offset + 1 - t.offset)
        case .op("["):
            try enter(t)
            defer { depth -= 1 }
            var items: [Syntax] = []
            if !isOp(peek, "]") {
                items.append(try orExpression())
                while isOp(peek, ",") {
                    _ = next()
                    if isOp(peek, "]") { break }  // a trailing comma is fine
                    items.append(try orExpression())
                }
            }
            let close = next()
            guard isOp(close, "]") else {
                throw ExpressionError(code: .syntax, message: "expected ',' or ']' in the list, found \(describe(close))", offset: close.offset,
                                      notes: [("the list's '['", t.offset)])
            }
            return Syntax(kind: .list(items), offset: t.offset, length: close.offset + 1 - t.offset)
        default:
            throw ExpressionError(code: .syntax, message: "expected a value, found \(describe(t))", offset: t.offset)
        }
    }
}
