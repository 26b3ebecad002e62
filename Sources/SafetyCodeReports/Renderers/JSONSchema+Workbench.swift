import SafetyCodeCore

/// Schemas of the workbench's own JSON formats (`safetycode serve`: a page's path followed by
/// `.json`), so scripts reading them can check what they get. The assessment, diff, comparison
/// and history pages give the reports' pinned formats (SPEC section 11), not these.
extension JSONSchema {
    static let integer: JSON = .object([("type", .string("integer")), ("minimum", .integer(0))])
    static let fraction: JSON = .object([("type", .array([.string("number"), .string("null")])), ("minimum", .integer(0)), ("maximum", .integer(1))])
    static let sha256: JSON = .object([("type", .string("string")), ("pattern", .string("^[0-9a-f]{64}$"))])
    static let codeRef: JSON = described("A code version: CODE_ID@VERSION.", .object([("type", .string("string")), ("pattern", .string("^[^@\\s]+@[^@\\s]+$"))]))
    static func nullable(_ schema: JSON) -> JSON { .object([("anyOf", .array([schema, .object([("type", .string("null"))])]))]) }
    static func format(_ name: String) -> JSON { .object([("const", .string(name))]) }

    /// `safetycode.portfolio/1`: `/.json` (and `/index.json`), with the page's filters.
    static func portfolio() -> JSON {
        let count = nullable(integer)
        let cell = object([
            ("code", codeRef),
            ("as_if_in_force", described("True for a code not yet in force (a proposal, campaigners' asks): every measure is scored as if in force, as a comparison scores it; the code's own assessment counts only what is in force.", bool)),
            ("score", described("The proven score, 0 to 1 (null: nothing scored, or the service could not be assessed against this code).", fraction)),
            ("score_upper", described("The score were every undecided measure met, 0 to 1.", fraction)),
            ("gaps", count), ("critical_gaps", count), ("risk_challenges", count), ("undecided", count),
        ], required: ["code", "as_if_in_force", "score", "score_upper", "gaps", "critical_gaps", "risk_challenges", "undecided"])
        let service = object([
            ("stem", described("The service's report name: its page is /services/STEM.", string)),
            ("service", string), ("provider", nullable(string)),
            ("last_submission", described("The latest submission's date, or `undated`.", string)),
            ("submissions", integer),
            ("codes", described("One entry per code column shown.", list(cell))),
        ], required: ["stem", "service", "provider", "last_submission", "submissions", "codes"])
        return document("safetycode portfolio (workbench JSON)", "Every service of a workspace by every code: the data of the workbench's portfolio page.",
                        object([
                            ("format", format("safetycode.portfolio/1")),
                            ("as_of", date),
                            ("lens", described("The lens filtered by, by title (null: all measures).", nullable(string))),
                            ("severity", described("The severity filtered by (null: every gap).", nullable(string))),
                            ("services", list(service)),
                        ], required: ["format", "as_of", "lens", "severity", "services"]))
    }

    /// `safetycode.service/1`: `/services/STEM.json`.
    static func service() -> JSON {
        let version = object([
            ("file", described("The submission file, relative to the workspace.", string)),
            ("stem", described("The submission's report name: its pages are under /services/STEM/versions/SUBMISSION/.", string)),
            ("sha256", sha256),
            ("date", nullable(date)),
            ("review", described("Its review file, if any.", nullable(string))),
            ("assessments", described("The address of this submission's assessment JSON under each code.",
                                      list(.object([("type", .string("string")), ("pattern", .string("^/services/[^/]+/versions/[^/]+/[^/]+\\.json$"))])))),
        ], required: ["file", "stem", "sha256", "date", "review", "assessments"])
        let history = described("The service's history under one code, in the history report's format.",
                                .object([("type", .string("object")), ("properties", .object([("format", format("safetycode.history/1"))])),
                                         ("required", strings(["format"]))]))
        return document("safetycode service (workbench JSON)", "One service of a workspace: its submissions over time, its latest assessments and histories.",
                        object([
                            ("format", format("safetycode.service/1")),
                            ("stem", string), ("service", string),
                            ("versions", described("Its submissions, oldest first.", list(version, min: 1))),
                            ("assessments", described("The address of its latest assessment's JSON under each code.",
                                                      list(.object([("type", .string("string")), ("pattern", .string("^/services/[^/]+/[^/]+\\.json$"))])))),
                            ("histories", list(history)),
                        ], required: ["format", "stem", "service", "versions", "assessments", "histories"]))
    }

    /// `safetycode.questionnaire/1`: `/questionnaire.json?code=…`.
    static func questionnaire(_ v: Vocabulary) -> JSON {
        let problem = object([
            ("severity", enumeration(["error", "warning", "note"])), ("code", string), ("message", string),
        ], required: ["severity", "code", "message"])
        let number: JSON = .object([("type", .array([.string("number"), .string("null")]))])
        let field = object([
            ("name", described("The field's name in the form: `submission.service`, ... or a fact path.", string)),
            ("id", described("The form element's id: field-SLUG(name).", string)),
            ("kind", enumeration(["text", "integer", "number", "date", "bool", "choice", "set"])),
            ("group", string), ("question", string),
            ("help", nullable(string)), ("unit", nullable(string)),
            ("choices", list(string)),
            ("minimum", number), ("maximum", number),
            ("required", bool),
            ("asked_by", described("The codes whose rules read the fact.", list(string))),
            ("answer", described("The current answer: text, a list of members for a set, or null for unknown.",
                                 .object([("anyOf", .array([string, list(string), .object([("type", .string("null"))])]))]))),
            ("problems", list(problem)),
        ], required: ["name", "id", "kind", "group", "question", "help", "unit", "choices", "minimum", "maximum", "required", "asked_by", "answer", "problems"])
        return document("safetycode questionnaire (workbench JSON)", "A questionnaire over one or more codes: every field, its current answer and its problems.",
                        object([
                            ("format", format("safetycode.questionnaire/1")),
                            ("codes", list(codeRef, min: 1)),
                            ("vocabulary", described("The vocabulary's id (\(v.id) here).", string)),
                            ("fields", list(field)),
                            ("problems", described("Problems tied to no field.", list(problem))),
                            ("base", described("The submission a new version starts from, or null.",
                                               nullable(object([("service", string), ("sha256", sha256)], required: ["service", "sha256"])))),
                        ], required: ["format", "codes", "vocabulary", "fields", "problems", "base"]))
    }

    /// `safetycode.drafts/1`: `/questionnaire.json` without a code, the saved drafts.
    static func drafts() -> JSON {
        let draft = object([
            ("id", described("The draft's id: its file is Drafts/ID.yaml.", .object([("type", .string("string")), ("pattern", .string("^[0-9a-f]{16,64}$"))]))),
            ("service", described("The service's name as typed so far (null: none yet).", nullable(string))),
            ("codes", described("The questionnaire's codes.", list(codeRef))),
            ("saved", described("When it was saved (null: the file cannot be read).", nullable(date))),
            ("href", described("The address that resumes it (null: the file cannot be read).", nullable(string))),
            ("problem", described("Why the file cannot be read, file:line:column: message (null: it can).", nullable(string))),
        ], required: ["id", "service", "codes", "saved", "href", "problem"])
        return document("safetycode drafts (workbench JSON)", "The saved drafts of a workspace's questionnaires, most recently saved first.",
                        object([("format", format("safetycode.drafts/1")), ("drafts", list(draft))], required: ["format", "drafts"]))
    }

    /// `safetycode.problems/1`: an assessment's `.json` when the submission cannot be assessed.
    static func problems() -> JSON {
        let problem = object([
            ("place", described("Where: file:line:column.", string)), ("severity", enumeration(["error", "warning", "note"])), ("message", string),
        ], required: ["place", "severity", "message"])
        return document("safetycode problems (workbench JSON)", "Why an assessment's JSON cannot be given: the problems of its files.",
                        object([("format", format("safetycode.problems/1")), ("problems", list(problem, min: 1))], required: ["format", "problems"]))
    }
}
