extension Expr {
    /// A canonical text of the condition with every definition expanded, so two conditions
    /// that read the same facts the same way compare equal even if written differently or if a
    /// definition they use was overridden.
    func canonical(_ v: Vocabulary, _ measureIDs: [String], inline: Bool = true) -> String {
        switch kind {
        case .constant(let value): return value.rendered(as: factType)
        case .fact(let slot): return v.facts[slot].path
        case .not(let e): return "not(\(e.canonical(v, measureIDs, inline: inline)))"
        case .and(let xs), .all(let xs): return "and(" + xs.map { $0.canonical(v, measureIDs, inline: inline) }.joined(separator: ",") + ")"
        case .or(let xs), .any(let xs): return "or(" + xs.map { $0.canonical(v, measureIDs, inline: inline) }.joined(separator: ",") + ")"
        case .equal(let a, let b, let n): return "\(n ? "ne" : "eq")(\(a.canonical(v, measureIDs, inline: inline)),\(b.canonical(v, measureIDs, inline: inline)))"
        case .order(let op, let a, let b): return "\(op.rawValue)(\(a.canonical(v, measureIDs, inline: inline)),\(b.canonical(v, measureIDs, inline: inline)))"
        case .member(let a, let xs): return "in(\(a.canonical(v, measureIDs, inline: inline)),[" + xs.map { $0.canonical(v, measureIDs, inline: inline) }.joined(separator: ",") + "])"
        case .setContains(let s, let x): return "contains(\(s.canonical(v, measureIDs, inline: inline)),\(x.canonical(v, measureIDs, inline: inline)))"
        case .count(let xs): return "count(" + xs.map { $0.canonical(v, measureIDs, inline: inline) }.joined(separator: ",") + ")"
        case .max(let xs, _): return "max(" + xs.map { $0.canonical(v, measureIDs, inline: inline) }.joined(separator: ",") + ")"
        case .has(let slot): return "has(\(v.facts[slot].path))"
        case .applies(let i): return "applies(\(measureIDs[i]))"
        case .definition(let name, let body): return inline ? body.canonical(v, measureIDs, inline: true) : "def(\(name))"
        }
    }

    /// The condition in plain words, for people who do not read the expression language:
    /// `large and risk.grooming >= medium` reads "large service and medium or high risk of grooming".
    public func words(_ v: Vocabulary, _ measureIDs: [String], nested: Bool = false) -> String {
        switch kind {
        case .constant(let value): return value.rendered(as: factType)
        case .fact(let slot):
            return Self.label(v.facts[slot].path, v)
        case .not(let e): return "not " + e.words(v, measureIDs, nested: true)
        case .and(let xs), .all(let xs):
            let s = xs.map { $0.words(v, measureIDs, nested: true) }.joined(separator: " and ")
            return nested && xs.count > 1 ? "(\(s))" : s
        case .or(let xs), .any(let xs):
            let s = xs.map { $0.words(v, measureIDs, nested: true) }.joined(separator: " or ")
            return nested && xs.count > 1 ? "(\(s))" : s
        case .equal(let a, let b, let n):
            if a.isConstant { return Expr(kind: .equal(b, a, negated: n), text: text, type: type).words(v, measureIDs, nested: nested) }
            return "\(a.words(v, measureIDs, nested: true)) \(n ? "is not" : "is") \(b.words(v, measureIDs, nested: true))"
        case .order(let op, let a, let b):
            if a.isConstant {
                let flipped: CompareOperator = switch op {
                case .less: .greater
                case .lessOrEqual: .greaterOrEqual
                case .greater: .less
                case .greaterOrEqual: .lessOrEqual
                default: op
                }
                return Expr(kind: .order(flipped, b, a), text: text, type: type).words(v, measureIDs, nested: nested)
            }
            let subject = a.words(v, measureIDs, nested: true)
            let object = b.words(v, measureIDs, nested: true)
            if case .enumeration(let e) = b.type, e.ordered, case .constant(.symbol(let i)) = b.kind {
                let above = e.values[i...].joined(separator: " or ")
                let below = e.values[...i].joined(separator: " or ")
                switch op {
                case .greaterOrEqual: return "\(subject) is \(above)"
                case .lessOrEqual: return "\(subject) is \(below)"
                case .greater: return i + 1 < e.values.count ? "\(subject) is \(e.values[(i + 1)...].joined(separator: " or "))" : "never"
                case .less: return i > 0 ? "\(subject) is \(e.values[..<i].joined(separator: " or "))" : "never"
                default: break
                }
            }
            let w: String = switch op {
            case .greater: "more than"
            case .greaterOrEqual: "at least"
            case .less: "less than"
            case .lessOrEqual: "at most"
            case .equal: "exactly"
            case .notEqual: "not"
            }
            return "\(subject) \(w) \(object)"
        case .member(let a, let xs):
            return "\(a.words(v, measureIDs, nested: true)) is one of " + xs.map { $0.words(v, measureIDs, nested: true) }.joined(separator: ", ")
        case .setContains(let s, let x):
            // "the service's functionalities include image video sharing", not the ids.
            let member = x.isConstant ? v.memberWords(x.words(v, measureIDs, nested: true)) : x.words(v, measureIDs, nested: true)
            let set = if case .fact(let slot) = s.kind { Self.setLabel(v.facts[slot].path, v) } else { s.words(v, measureIDs, nested: true) }
            return "\(set) \(set.hasSuffix("s") ? "include" : "includes") \(member)"
        case .count(let xs):
            return "the number of (" + xs.map { $0.words(v, measureIDs, nested: true) }.joined(separator: "; ") + ")"
        case .max(let xs, _):
            return "the highest of " + xs.map { $0.words(v, measureIDs, nested: true) }.joined(separator: ", ")
        case .has(let slot): return "\(Self.label(v.facts[slot].path, v)) is known"
        case .applies(let i): return "\(measureIDs[i]) applies"
        case .definition(let name, _):
            return name == "large" ? "large service" : name.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A set fact as words, as the subject of "include": `service.functionalities` is "the
    /// service's functionalities".
    static func setLabel(_ path: String, _ v: Vocabulary) -> String {
        path.hasPrefix("service.") ? "the service's \(label(path, v))" : label(path, v)
    }

    /// A fact path as words: `risk.grooming` is "risk of grooming", `risk.image_based_csam` "risk
    /// of image-based child sexual abuse material" (as its question in the vocabulary names it,
    /// like ``Vocabulary/harmWords(_:)``), `service.uk_users` "UK users".
    static func label(_ path: String, _ v: Vocabulary) -> String {
        let parts = path.split(separator: ".").map(String.init)
        let last = (parts.last ?? path).replacingOccurrences(of: "_", with: " ")
        switch parts.first {
        case "risk": return "risk of \(v.fact(path).flatMap { Vocabulary.harmPhrase($0.question) } ?? last)"
        case "children_risk": return "risk to children from \(v.fact(path).flatMap { Vocabulary.harmPhrase($0.question) } ?? last)"
        case "service":
            switch parts.last {
            case "uk_users": return "UK users"
            case "functionalities": return "functionalities"
            default: return last
            }
        default:
            // `controls.moderation.covers_user_languages` is "moderation covers user languages".
            return parts.count > 1 ? parts.dropFirst().joined(separator: " ").replacingOccurrences(of: "_", with: " ") : last
        }
    }
}

extension Vocabulary {
    /// A member of a set or enumeration in words: a kind of harm as the vocabulary's risk
    /// questions name it (``harmWords(_:)``: `csea` is "child sexual exploitation and abuse"),
    /// any other its id with spaces (`image_video_sharing` is "image video sharing").
    public func memberWords(_ member: String) -> String {
        harmNames.contains(member) ? harmWords(member) : member.replacingOccurrences(of: "_", with: " ")
    }
}

extension Expr {
    /// The definitions this expression names, directly or through other definitions, with their
    /// compiled bodies (the body's `text` is the definition as written).
    public func definitionsUsed(into found: inout [String: Expr]) {
        if case .definition(let name, let body) = kind {
            if found[name] != nil { return }
            found[name] = body
            body.definitionsUsed(into: &found)
            return
        }
        for child in kind.children { child.definitionsUsed(into: &found) }
    }

    /// The items of a list-shaped condition (`count([...])`, `any([...])`, `and`, `or`), or nil.
    var listItems: [Expr]? {
        switch kind {
        case .count(let xs), .any(let xs), .all(let xs), .and(let xs), .or(let xs): return xs
        case .order(_, let a, _): return a.listItems
        default: return nil
        }
    }
}
