import Foundation
import SafetyCodeCore
import YAMLTree

/// JSON Schemas (draft 2020-12) for safetycode's input files, generated from the formats and, for
/// submissions and codes, from the vocabulary: editors with yaml-language-server complete and check
/// a file from its `# yaml-language-server: $schema=…` line. Unknown keys are refused everywhere
/// (`additionalProperties: false`), as the decoders refuse them.
public enum JSONSchema {
    /// The kinds of file a schema can be made for.
    public enum Kind: String, Sendable, CaseIterable {
        case submission, code, overlay, vocabulary, review
        case riskProfile = "risk-profile"
        case codeTest = "code-test"
        /// The workbench's JSON (`safetycode serve`, a page's path + `.json`): its own formats.
        case portfolio, service, questionnaire, problems, drafts

        /// The committed file name: `submission.schema.json`.
        public var fileName: String { rawValue + ".schema.json" }

        /// Kinds whose format the engine does not read yet, with the reason no schema is made.
        public var unavailable: String? { nil }
    }

    /// The schema for `kind`, as text; the vocabulary supplies fact paths, types and kinds of harm.
    public static func make(_ kind: Kind, vocabulary: Vocabulary) -> String? {
        let body: JSON
        switch kind {
        case .submission: body = submission(vocabulary)
        case .code: body = code(vocabulary, overlay: false)
        case .overlay: body = code(vocabulary, overlay: true)
        case .vocabulary: body = vocabularySchema()
        case .review: body = review(vocabulary)
        case .codeTest: body = codeTest(vocabulary)
        case .riskProfile: body = riskProfile(vocabulary)
        case .portfolio: body = portfolio()
        case .service: body = service()
        case .questionnaire: body = questionnaire(vocabulary)
        case .problems: body = problems()
        case .drafts: body = drafts()
        }
        return body.serialized() + "\n"
    }

    // MARK: Building blocks

    static func object(_ properties: [(String, JSON)], required: [String] = [], extra: [(String, JSON)] = []) -> JSON {
        var pairs: [(String, JSON)] = [("type", .string("object"))] + extra
        pairs.append(("properties", .object(properties)))
        if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
        pairs.append(("additionalProperties", .bool(false)))
        return .object(pairs)
    }

    static func described(_ text: String, _ schema: JSON) -> JSON {
        guard case .object(let pairs) = schema else { return schema }
        return .object([("description", .string(text))] + pairs)
    }

    static let string: JSON = .object([("type", .string("string"))])
    static let bool: JSON = .object([("type", .string("boolean"))])
    static let date: JSON = .object([("type", .string("string")), ("format", .string("date")),
                                     ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])
    static func strings(_ values: [String]) -> JSON { .array(values.map { .string($0) }) }
    static func enumeration(_ values: [String]) -> JSON { .object([("enum", strings(values))]) }
    static func list(_ item: JSON, min: Int? = nil) -> JSON {
        var pairs: [(String, JSON)] = [("type", .string("array")), ("items", item)]
        if let min { pairs.append(("minItems", .integer(min))) }
        return .object(pairs)
    }
    static func ref(_ name: String) -> JSON { .object([("$ref", .string("#/$defs/\(name)"))]) }

    static func document(_ title: String, _ description: String, _ schema: JSON, defs: [(String, JSON)] = []) -> JSON {
        guard case .object(let pairs) = schema else { return schema }
        var out: [(String, JSON)] = [("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                                     ("title", .string(title)), ("description", .string(description))]
        out += pairs
        if !defs.isEmpty { out.append(("$defs", .object(defs))) }
        return .object(out)
    }

    // MARK: Submissions

    /// One fact's value: its type, with null (unknown) allowed.
    static func value(_ fact: Vocabulary.Fact) -> JSON {
        var pairs: [(String, JSON)] = [("description", .string(fact.question))]
        switch fact.type {
        case .bool:
            pairs.append(("type", strings(["boolean", "null"])))
        case .integer(let lo, let hi):
            pairs.append(("type", strings(["integer", "null"])))
            if let lo { pairs.append(("minimum", .integer(lo))) }
            if let hi { pairs.append(("maximum", .integer(hi))) }
        case .number(let lo, let hi):
            pairs.append(("type", strings(["number", "null"])))
            if let lo { pairs.append(("minimum", .number(lo))) }
            if let hi { pairs.append(("maximum", .number(hi))) }
        case .date:
            pairs += [("type", strings(["string", "null"])), ("format", .string("date")),
                      ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
        case .string:
            pairs.append(("type", strings(["string", "null"])))
        case .enumeration(let e):
            pairs.append(("enum", .array(e.values.map { .string($0) } + [.null])))
        case .set(let e):
            pairs += [("type", strings(["array", "null"])), ("items", enumeration(e.values)), ("uniqueItems", .bool(true))]
        }
        return .object(pairs)
    }

    /// The facts under one root (`service`, `risk`, …) as nested objects.
    static func tree(_ facts: [Vocabulary.Fact], depth: Int) -> JSON {
        var order: [String] = []
        var groups: [String: [Vocabulary.Fact]] = [:]
        var leaves: [String: Vocabulary.Fact] = [:]
        for f in facts {
            let parts = f.path.split(separator: ".").map(String.init)
            let key = parts[depth]
            if groups[key] == nil && leaves[key] == nil { order.append(key) }
            if parts.count == depth + 1 { leaves[key] = f } else { groups[key, default: []].append(f) }
        }
        let properties = order.map { key -> (String, JSON) in
            if let f = leaves[key] { return (key, value(f)) }
            return (key, tree(groups[key]!, depth: depth + 1))
        }
        return object(properties).replacingType(with: strings(["object", "null"]))
    }

    /// The parts of a submission that carry facts, evidence and alternatives (shared with code tests).
    static func submissionParts(_ v: Vocabulary) -> [(String, JSON)] {
        var out: [(String, JSON)] = []
        for root in ["service", "risk", "children_risk", "controls"] {
            let facts = v.facts.filter { $0.path.hasPrefix(root + ".") }
            guard !facts.isEmpty else { continue }
            out.append((root, tree(facts, depth: 1)))
        }
        let evidence = object([("document", string), ("url", string), ("note", string)])
        out.append(("evidence", described("Fact path -> where the claim is backed up.",
                                          .object([("type", .string("object")),
                                                   ("propertyNames", enumeration(v.facts.map(\.path))),
                                                   ("additionalProperties", evidence)]))))
        let alternative = object([("description", string), ("rationale", string)], required: ["description"])
        out.append(("alternative_measures", described("Measure id -> the alternative the service took instead.",
                                                      .object([("type", .string("object")), ("additionalProperties", alternative)]))))
        return out
    }

    static func submission(_ v: Vocabulary) -> JSON {
        let header = object([("service", described("The service's display name.", string)), ("provider", string),
                             ("date", described("When the declaration was made.", date)), ("note", string)],
                            required: ["service"])
        return document("safetycode submission (vocabulary \(v.id) \(v.version ?? ""))",
                        "What a service declares: facts named by the vocabulary. An absent or null fact is unknown.",
                        object([("submission", header)] + submissionParts(v), required: ["submission"]))
    }

    // MARK: Codes and overlays

    static let measureID = described("A measure id, such as \"ICU C9\".", string)

    static func measure(_ v: Vocabulary) -> JSON {
        let check = object([("id", string), ("text", string),
                            ("check", described("A condition in the expression language (SPEC §2.5).", string)),
                            ("weight", .object([("type", .string("integer")), ("minimum", .integer(1)), ("maximum", .integer(100))])),
                            ("in_force", described("The day this check is in force, when later than its measure's (a duty added later).", date))],
                           required: ["id", "text", "check"])
        let source = object([("paragraph", string), ("url", string),
                             ("confidence", enumeration(Confidence.allCases.map(\.rawValue))), ("note", string)],
                            required: ["url", "confidence"])
        return object([
            ("id", measureID), ("section", string), ("title", string), ("summary", string),
            ("harms", list(enumeration(v.harmNames.sorted()))),
            ("severity", enumeration(Severity.allCases.map(\.rawValue))),
            ("optional", bool), ("provisional_id", bool),
            ("status", enumeration(Code.Status.allCases.map(\.rawValue))),
            ("in_force", date), ("depends_on", list(measureID)),
            ("applies_when", described("When the measure applies; absent means always.", string)),
            ("requires", list(check, min: 1)), ("source", source),
        ], required: ["id", "section", "title", "severity", "requires", "source"])
    }

    static func code(_ v: Vocabulary, overlay: Bool) -> JSON {
        let header = object([
            ("id", string), ("version", string), ("title", string),
            ("short_title", described("A few words for narrow places, such as the workbench portfolio's column headers.", string)),
            ("publisher", string),
            ("status", enumeration(Code.Status.allCases.map(\.rawValue))),
            ("published", date), ("laid", date), ("issued", date), ("in_force", date),
            ("vocabulary", described("The vocabulary file, relative to this one.", string)),
            ("description", string), ("source", object([("url", string), ("title", string)])),
        ], required: overlay ? ["version"] : ["id", "version", "title", "status", "vocabulary"])
        let definitions = JSON.object([("type", .string("object")),
                                       ("propertyNames", .object([("pattern", .string("^[a-z][a-z0-9_]*$"))])),
                                       ("additionalProperties", .object([("oneOf", .array([
                                           described("A condition.", string),
                                           described("A condition with the title reasons use instead of its name.",
                                                     object([("title", string), ("when", string)], required: ["title", "when"])),
                                       ]))]))])
        let sections = list(object([("id", string), ("title", string)], required: ["id", "title"]))
        let measures = list(ref("measure"))
        if overlay {
            return document("safetycode overlay", "An amendment or proposal: a code that extends another and adds, replaces or removes measures.",
                            object([("code", header), ("extends", described("The code this one amends, relative to this file.", string)),
                                    ("definitions", definitions), ("sections", sections), ("add", measures), ("replace", measures),
                                    ("remove", list(measureID))], required: ["code", "extends"]),
                            defs: [("measure", measure(v))])
        }
        return document("safetycode code", "A code of practice: measures and when they apply, written against a vocabulary.",
                        object([("code", header), ("definitions", definitions), ("sections", sections), ("measures", measures)],
                               required: ["code", "measures"]),
                        defs: [("measure", measure(v))])
    }

    // MARK: Risk profiles (SPEC §9)

    static func riskProfile(_ v: Vocabulary) -> JSON {
        let source = object([("paragraph", string), ("url", string),
                             ("confidence", enumeration(Confidence.allCases.map(\.rawValue))), ("note", string)],
                            required: ["url", "confidence"])
        let name = JSON.object([("type", .string("string")), ("pattern", .string("^[a-z][a-z0-9_]*$"))])
        let factor = object([
            ("id", described("A snake_case name; the harm's rules use it as a condition.", name)),
            ("text", string), ("when", described("When the service has this characteristic: a condition (SPEC §2.5).", string)),
            ("source", source),
        ], required: ["id", "text", "when", "source"])
        let levels = v.facts.first { $0.path.hasPrefix("risk.") }.flatMap { f -> [String]? in
            if case .enumeration(let e) = f.type { return e.values } else { return nil }
        } ?? []
        let rule = object([
            ("id", string), ("at_least", enumeration(levels)),
            ("when", described("A condition naming at least one of the harm's factors (SPEC §2.5).", string)),
            ("text", string), ("source", source),
        ], required: ["id", "at_least", "when", "text", "source"])
        let harm = object([("title", string), ("factors", list(factor, min: 1)), ("guidance", list(rule))],
                          required: ["factors", "guidance"])
        let harmPaths = v.facts.filter { f in
            if case .enumeration(let e) = f.type, e.ordered, f.path.hasPrefix("risk.") || f.path.hasPrefix("children_risk.") { return true }
            return false
        }.map(\.path)
        let harms = object(harmPaths.map { ($0, ref("harm")) })
        let header = object([
            ("id", string), ("version", string), ("title", string), ("publisher", string),
            ("vocabulary", described("The vocabulary file, relative to this one.", string)),
            ("description", string), ("source", object([("url", string), ("title", string)])),
        ], required: ["id", "version", "title", "vocabulary"])
        let definitions = JSON.object([("type", .string("object")),
                                       ("propertyNames", .object([("pattern", .string("^[a-z][a-z0-9_]*$"))])),
                                       ("additionalProperties", string)])
        return document("safetycode risk profile",
                        "Risk profiles and risk-level guidance: for each kind of harm (a declared level's fact), its risk factors and the rules that say when a level below medium or high is hard to defend.",
                        object([("risk_profile", header), ("definitions", definitions), ("harms", harms)], required: ["risk_profile", "harms"]),
                        defs: [("harm", harm)])
    }

    // MARK: Vocabularies

    static func vocabularySchema() -> JSON {
        let typeKeys: [(String, JSON)] = [
            ("type", described("bool, integer, number, date, string, enum, set, or a type named under 'types'.", string)),
            ("values", list(string)), ("ordered", bool),
            ("min", .object([("type", .string("number"))])), ("max", .object([("type", .string("number"))])),
        ]
        let named = object(typeKeys + [("help", string)], required: ["type"])
        let fact = object(typeKeys + [("question", string), ("help", string), ("unit", string), ("example", .object([]))],
                          required: ["type", "question"])
        return document("safetycode vocabulary", "The facts a regulator's codes may ask about: each with its dotted path, type and question.",
                        object([
                            ("vocabulary", object([("id", string), ("title", string), ("version", string), ("description", string)],
                                                  required: ["id", "title"])),
                            ("types", .object([("type", .string("object")), ("additionalProperties", named)])),
                            ("facts", .object([("type", .string("object")),
                                               ("propertyNames", .object([("pattern", .string("^(service|risk|children_risk|controls)(\\.[a-z0-9_]+)+$"))])),
                                               ("additionalProperties", fact)])),
                            ("lenses", described("Harm lenses (SPEC section 10): groups of kinds of harm a reader thinks in, used by --lens.",
                                                 .object([("type", .string("object")),
                                                          ("propertyNames", .object([("pattern", .string("^[a-z0-9_]+$"))])),
                                                          ("additionalProperties", object([
                                                              ("title", string),
                                                              ("harms", described("Kinds of harm: last parts of risk.* and children_risk.* facts.", list(string, min: 1))),
                                                              ("note", string),
                                                          ], required: ["title", "harms"]))]))),
                        ], required: ["vocabulary", "facts"]))
    }

    // MARK: Reviews (SPEC §7)

    static func review(_ v: Vocabulary) -> JSON {
        let finding = object([
            ("measure", measureID), ("code", described("Limits a measure finding to one code id.", string)),
            ("fact", enumeration(v.facts.map(\.path))),
            ("decision", enumeration(["accept_alternative", "reject_alternative", "not_evidenced", "note", "dispute", "confirm"])),
            ("value", described("The reviewer's value for a disputed fact.", .object([]))),
            ("reason", string), ("reviewer", string), ("date", date), ("follow_up", date), ("expires", date),
        ], required: ["decision", "reason", "reviewer", "date"],
           extra: [("oneOf", .array([.object([("required", strings(["measure"]))]), .object([("required", strings(["fact"]))])]))])
        return document("safetycode review (SPEC §7)", "A reviewer's findings on a submission; the submission itself is never edited.",
                        object([("review", object([("submission", string),
                                                   ("submission_sha256", .object([("type", .string("string")), ("pattern", .string("^[0-9a-f]{64}$"))]))],
                                                  required: ["submission"])),
                                ("findings", list(finding))], required: ["review", "findings"]))
    }

    // MARK: Code tests

    static func codeTest(_ v: Vocabulary) -> JSON {
        let ids = list(measureID)
        let testCase = object([
            ("name", string), ("as_of", date), ("as_if_in_force", bool), ("note", string),
            ("submission", described("A partial submission: the facts the case turns on (absent facts are unknown).",
                                     object(submissionParts(v)))),
            ("applies", ids), ("does_not_apply", ids), ("may_apply", ids),
            ("status", .object([("type", .string("object")), ("additionalProperties", enumeration(MeasureStatus.allCases.map(\.rawValue)))])),
        ], required: ["name"])
        return document("safetycode code test", "Test cases kept beside a code: partial submissions and the applicability and status expected of named measures.",
                        object([("code_test", object([("code", described("The code under test, relative to this file.", string)),
                                                      ("as_of", date),
                                                      ("as_if_in_force", described("Assess measures not yet in force as if they were (for proposals).", bool)),
                                                      ("description", string)], required: ["code", "as_of"])),
                                ("cases", list(testCase))], required: ["code_test", "cases"]))
    }
}

extension JSON {
    /// An object schema with its `type` replaced.
    func replacingType(with type: JSON) -> JSON {
        guard case .object(let pairs) = self else { return self }
        return .object(pairs.map { $0.0 == "type" ? ("type", type) : $0 })
    }
}

extension JSONSchema {
    /// Every schema that can be made, by file name.
    public static func all(vocabulary: Vocabulary) -> [(file: String, text: String)] {
        Kind.allCases.compactMap { k in make(k, vocabulary: vocabulary).map { (k.fileName, $0) } }
    }

    /// Writes every schema into `folder`; returns the paths written.
    public static func writeAll(vocabulary: Vocabulary, into folder: String) throws(DiagnosticError) -> [String] {
        var written: [String] = []
        for (file, text) in all(vocabulary: vocabulary) {
            let path = (folder as NSString).appendingPathComponent(file)
            try ReportFile.write(text, to: path)
            written.append(path)
        }
        return written
    }
}
