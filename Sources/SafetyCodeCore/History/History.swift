/// One service over time against one code (SPEC section 8): its submissions assessed in date
/// order, and what changed from each to the next, each change tied to the declared facts, the
/// reviewer's findings or the code that moved it.
public struct History: Sendable {
    /// One submission in the series, assessed (with its review, if any).
    public struct Point: Sendable {
        /// The assessment (reviewed where a review applies).
        public var assessment: Assessment
        /// The SHA-256 of the submission file.
        public var sha256: String
        /// Creates a point.
        public init(assessment: Assessment, sha256: String) {
            self.assessment = assessment
            self.sha256 = sha256
        }
        /// The submission's file.
        public var file: String { assessment.submission.file }
        /// The submission's date, if it gives one.
        public var date: Day? { assessment.submission.date }
    }

    /// A check that was met and no longer is.
    public struct Regression: Sendable, Equatable {
        public var measure: String
        public var check: String
        public var text: String
        /// "met" before; "not met" or "unknown" after.
        public var to: Tri
    }

    /// A measure whose status changed, with the status before and after.
    public struct Move: Sendable, Equatable {
        public var measure: String
        public var severity: Severity
        public var from: MeasureStatus
        public var to: MeasureStatus
    }

    /// A declared fact that changed, with the decisions it moved.
    public struct FactChange: Sendable {
        public var fact: Vocabulary.Fact
        /// The value before and after, as the files write it ("not given" when unknown).
        public var from: String
        public var to: String
        /// The value went down (a lower risk level, fewer users): where a regulator looks first.
        public var lowered: Bool
        /// The measures it moved: their status changed and they read this fact.
        public var moved: [Move]
        /// The measures it took out of scope (applied before, not after).
        public var outOfScope: [String] { moved.filter { $0.from.isApplicable && $0.to == .notApplicable }.map(\.measure) }
    }

    /// A reviewer's finding that moved a decision in this step (applied on one side only).
    public struct FindingChange: Sendable {
        public var entry: AppliedReview.Entry
        /// True when the finding applies after the step (new), false when it applied before only.
        public var added: Bool
        public var moved: [Move]
    }

    /// From one submission to the next.
    public struct Step: Sendable {
        public var from: Int
        public var to: Int
        public var closedGaps: [String]
        public var newGaps: [String]
        public var regressed: [Regression]
        public var newlyApplicable: [String]
        public var noLongerApplicable: [String]
        public var factChanges: [FactChange]
        public var findingChanges: [FindingChange]
        /// Every measure whose status changed.
        public var moves: [Move]
        /// Moves that neither a fact nor a finding explains (none, when the code is the same).
        public var unexplained: [Move]
        /// Fact changes that lowered a value and took measures out of scope.
        public var scopeReductions: [FactChange] { factChanges.filter { $0.lowered && !$0.outOfScope.isEmpty } }
    }

    /// The code.
    public var code: Code
    /// The submissions, oldest first.
    public var points: [Point]
    /// One step per consecutive pair.
    public var steps: [Step]

    /// Builds the history of already-assessed submissions (ordered here by date, then file).
    public init(code: Code, points: [Point]) {
        self.code = code
        let sorted = points.enumerated().sorted { x, y in
            let (a, b) = (x.element.date, y.element.date)
            if a != b { return (a ?? Day(year: 1, month: 1, day: 1)!) < (b ?? Day(year: 1, month: 1, day: 1)!) }
            return x.offset < y.offset
        }.map(\.element)
        self.points = sorted
        let reads = Self.factsRead(code)
        steps = sorted.indices.dropFirst().map { k in Self.step(k - 1, k, sorted, code, reads) }
    }

    /// The fact slots each measure's decision reads: its condition, its checks, and the
    /// conditions of the measures it depends on.
    static func factsRead(_ code: Code) -> [Set<Int>] {
        var memo = [Set<Int>?](repeating: nil, count: code.measures.count)
        func walk(_ e: Expr, _ out: inout Set<Int>, _ visiting: inout Set<Int>) {
            switch e.kind {
            case .fact(let s), .has(let s): out.insert(s)
            case .not(let x), .definition(_, let x): walk(x, &out, &visiting)
            case .and(let xs), .or(let xs), .any(let xs), .all(let xs), .count(let xs), .max(let xs, _): for x in xs { walk(x, &out, &visiting) }
            case .equal(let a, let b, _), .order(_, let a, let b), .setContains(let a, let b): walk(a, &out, &visiting); walk(b, &out, &visiting)
            case .member(let a, let xs): walk(a, &out, &visiting); for x in xs { walk(x, &out, &visiting) }
            case .applies(let i): out.formUnion(measure(i, &visiting))
            case .constant: break
            }
        }
        func measure(_ i: Int, _ visiting: inout Set<Int>) -> Set<Int> {
            if let m = memo[i] { return m }
            guard visiting.insert(i).inserted else { return [] }
            var out: Set<Int> = []
            let m = code.measures[i]
            if let c = m.appliesWhen { walk(c, &out, &visiting) }
            for c in m.requires { walk(c.check, &out, &visiting) }
            for d in m.dependsOnIndices { out.formUnion(measure(d, &visiting)) }
            memo[i] = out
            return out
        }
        return code.measures.indices.map { i in
            var visiting: Set<Int> = []
            return measure(i, &visiting)
        }
    }

    static func step(_ i: Int, _ j: Int, _ points: [Point], _ code: Code, _ reads: [Set<Int>]) -> Step {
        let x = points[i].assessment, y = points[j].assessment
        let entry = Comparison.entry(x, y)
        var moves: [Move] = [], regressed: [Regression] = []
        for (a, b) in zip(x.results, y.results) {
            if a.status != b.status { moves.append(Move(measure: b.id, severity: b.severity, from: a.status, to: b.status)) }
            guard a.id == b.id, a.checks.count == b.checks.count else { continue }
            // Only checks that bind: a measure or check not yet in force has nothing to regress.
            guard b.applicable != .no, a.status != .notInForce, b.status != .notInForce else { continue }
            for (k, (p, q)) in zip(a.checks, b.checks).enumerated() where p == .yes && q != .yes && a.isCheckInForce(k) && b.isCheckInForce(k) {
                let c = b.measure.requires[k]
                regressed.append(Regression(measure: b.id, check: c.id, text: c.text, to: q))
            }
        }
        let v = code.vocabulary
        var factChanges: [FactChange] = []
        let xFacts = x.submissionFacts, yFacts = y.submissionFacts
        var explained: Set<String> = []
        let byID = Dictionary(code.measures.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assessor = Assessor(code: code)
        // What one fact's change alone does: the earlier submission with only this fact at its new
        // value, and the later one with only this fact at its old value (each with its own review).
        func alone(_ base: Assessment, _ sha: String, _ slot: Int, _ value: Value?) -> Set<String> {
            var s = base.submission
            s.facts[slot] = value
            let other = assessor.assess(s, review: base.review?.review, reviewSHA: base.review?.sha256 ?? "", submissionSHA: sha,
                                        asOf: base.asOf, asIfInForce: base.asIfInForce, explain: false)
            return Set(zip(base.results, other.results).filter { $0.status != $1.status }.map { $0.0.id })
        }
        for fact in v.facts {
            // Listed by the declaration (a fact a reviewer disputed shows under the findings).
            let p = x.submission.facts[fact.slot], q = y.submission.facts[fact.slot]
            guard p != q else { continue }
            var ids: Set<String> = []
            if xFacts[fact.slot] != yFacts[fact.slot] {
                ids = alone(x, points[i].sha256, fact.slot, q).union(alone(y, points[j].sha256, fact.slot, p))
            }
            let moved = moves.filter { ids.contains($0.measure) }
            for m in moved { explained.insert(m.measure) }
            let lowered: Bool
            if let a = p?.ordinal, let b = q?.ordinal { lowered = b < a } else { lowered = false }
            factChanges.append(FactChange(fact: fact, from: p.map { $0.rendered(as: fact.type) } ?? "not given",
                                          to: q.map { $0.rendered(as: fact.type) } ?? "not given", lowered: lowered, moved: moved))
        }
        var findingChanges: [FindingChange] = []
        func applied(_ a: Assessment) -> [AppliedReview.Entry] { a.review?.entries.filter { $0.state == .applied } ?? [] }
        func key(_ e: AppliedReview.Entry) -> String {
            "\(e.finding.subject)|\(e.finding.decision.rawValue)|\(e.reviewed ?? "")"
        }
        let before = applied(x), after = applied(y)
        for (list, other, added) in [(after, before, true), (before, after, false)] {
            for e in list where !other.contains(where: { key($0) == key(e) }) {
                let touched: [Move]
                switch e.finding.target {
                case .measure(let id, _): touched = moves.filter { $0.measure == id }
                case .fact(let path):
                    let slot = v.fact(path)?.slot ?? -1
                    touched = moves.filter { m in byID[m.measure].map { reads[$0].contains(slot) } ?? false }
                }
                for m in touched { explained.insert(m.measure) }
                findingChanges.append(FindingChange(entry: e, added: added, moved: touched))
            }
        }
        // A move no single change explains (two facts needed together): every changed fact it reads.
        for m in moves where !explained.contains(m.measure) {
            guard let k = byID[m.measure] else { continue }
            for c in factChanges.indices where reads[k].contains(factChanges[c].fact.slot) && xFacts[factChanges[c].fact.slot] != yFacts[factChanges[c].fact.slot] {
                factChanges[c].moved.append(m)
                explained.insert(m.measure)
            }
        }
        // A gap that closes because the measure stopped applying is not closed: it went out of
        // scope, and says so among the measures no longer applicable (and the scope section).
        let outOfScope = Set(entry.noLongerApplicable)
        return Step(from: i, to: j, closedGaps: entry.closedGaps.filter { !outOfScope.contains($0) }, newGaps: entry.newGaps, regressed: regressed,
                    newlyApplicable: entry.newlyApplicable, noLongerApplicable: entry.noLongerApplicable,
                    factChanges: factChanges, findingChanges: findingChanges, moves: moves,
                    unexplained: moves.filter { !explained.contains($0.measure) })
    }
}

extension Assessment {
    /// The facts the assessment read: the declaration with any disputed fact taken at the
    /// reviewer's value (what the decisions rest on).
    public var submissionFacts: [Value?] {
        var facts = submission.facts
        guard let r = review else { return facts }
        for e in r.entries where e.state == .applied && e.finding.decision == .dispute {
            if case .fact(let p) = e.finding.target, let f = code.vocabulary.fact(p) { facts[f.slot] = e.finding.value }
        }
        return facts
    }
}
