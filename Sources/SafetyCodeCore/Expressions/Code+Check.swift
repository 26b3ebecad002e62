import YAMLTree

extension Code {
    /// What checking one expression against this code found: its problems, or its value for a
    /// submission that gives no facts, with the explanation.
    public enum ExpressionCheck: Sendable {
        case problems([Diagnostic])
        /// The value from the expression tree, the value from the compiled program (they must
        /// agree: the fuzzer checks), and the explanation.
        case value(Tri, compiled: Tri, Explanation)
    }

    /// Parses and type-checks `text` as a condition against this code's vocabulary, definitions
    /// and measures, and evaluates it on a submission that gives no facts.
    public func check(expression text: String, limits: ExpressionLimits = .init()) -> ExpressionCheck {
        let node = YAMLNode(.scalar(YAMLScalar(text)), start: YAMLMark(line: 1, column: 1, offset: 0), endOffset: text.unicodeScalars.count)
        let document = YAMLDocument(file: "<expression>", root: node, text: SourceText(text))
        let compiler = Compiler(vocabulary: vocabulary, definitions: [], measureIndex: Dictionary(measures.enumerated().map { ($1.id, $0) },
                                                                                                   uniquingKeysWith: { a, _ in a }),
                                limits: limits)
        guard let expr = compiler.compileCondition(ExpressionSource(text: text, node: node, document: document), what: "the expression"),
              compiler.diagnostics.isEmpty else {
            return .problems(compiler.diagnostics)
        }
        var context = EvaluationContext(facts: [Value?](repeating: nil, count: vocabulary.facts.count), measureCount: measures.count)
        context.applicability = Assessor(code: self).context(for: Submission(
            file: "", service: "", provider: nil, date: nil, note: nil, facts: context.facts, evidence: [:],
            alternatives: [], location: SourceLocation(file: "", line: 1, column: 1))).applicability
        var plan = Plan()
        let root = plan.program.add(expr)
        let flat = plan.program.truth(root, context.table, context.applicability)
        return .value(expr.truth(in: context), compiled: flat, expr.explain(in: context, vocabulary: vocabulary, measureIDs: measures.map(\.id)))
    }
}
