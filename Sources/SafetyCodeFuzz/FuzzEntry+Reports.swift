import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

extension FuzzEntry {
    /// A new folder for the files one call builds from its input (the loader reads files), so
    /// calls running at once (the regression tests) never share one; `body` runs with its path,
    /// and the folder is removed after.
    static func withFolder<T>(_ body: (String) -> T) -> T {
        let path = NSTemporaryDirectory() + "safetycode-fuzz-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return body(path)
    }

    nonisolated(unsafe) static let baseLoader = Loader(yamlLimits: YAMLLimits(maxFileBytes: 1 << 20, maxDepth: 32, maxNodes: 20_000))
    static let baseLoaderLock = NSLock()

    /// With FUZZ_VERBOSE set (replaying an input by hand), what the input's files were found to hold.
    static func say(_ text: String) {
        if ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil { print(text) }
    }

    static var root: String { ProcessInfo.processInfo.environment["SAFETYCODE_ROOT"] ?? FileManager.default.currentDirectoryPath }

    /// The input as two overlays on the shipped ICU v1 (split at the first NUL byte; each without
    /// `extends` lines of its own), diffed, rendered in every format, and compared over one
    /// shipped submission; every output is checked with ``checkInvariants(_:format:)``. True when
    /// both codes loaded and the reports were rendered.
    @discardableResult
    public static func diff(_ bytes: [UInt8]) -> Bool {
        withFolder { diff(bytes, in: $0) }
    }

    static func diff(_ bytes: [UInt8], in folder: String) -> Bool {
        let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        let base = root + "/Codes/ofcom/illegal-content-u2u/v1.yaml"
        var paths: [String] = []
        for (i, part) in parts.prefix(2).enumerated() {
            let text = String(decoding: part, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("extends") && !$0.drop { $0 == " " }.hasPrefix("vocabulary:") }.joined(separator: "\n")
            let path = folder + "/overlay-\(i).yaml"
            guard FileManager.default.createFile(atPath: path, contents: Data("extends: \(base)\n\(text)".utf8)) else { return false }
            paths.append(path)
        }
        if paths.count == 1 { paths.insert(base, at: 0) }
        // One loader for every call, so the base code is read and compiled once (each call's
        // overlays have paths of their own): a fresh one per input made the target ten times slower.
        baseLoaderLock.lock()
        defer { baseLoaderLock.unlock() }
        let loader = baseLoader
        let seen = loader.diagnostics.count
        let codes = paths.compactMap { loader.code($0) }
        for d in loader.diagnostics.dropFirst(seen) { say(d.rendered(source: loader.sourceText)) }
        guard codes.count == 2 else { return false }
        let d = CodeDiff(from: codes[0], to: codes[1])
        let inputs = ReportInput.of(codes[0]) + ReportInput.of(codes[1])
        for format in [ReportFormat.markdown, .html, .json] {
            checkInvariants(DiffReport.render(d, format: format, inputs: inputs), format: format)
        }
        guard let submission = loader.submission(root + "/Submissions/raidhall-chat.yaml", vocabulary: codes[1].vocabulary) else { return false }
        let c = Comparison(from: codes[0], to: codes[1], submissions: [submission], asOf: Day("2026-11-29")!)
        for format in [ReportFormat.markdown, .html, .json] {
            checkInvariants(DiffReport.render(c, format: format, inputs: inputs, digests: [:]), format: format)
        }
        return true
    }

    /// Hostile strings (the input split at NUL bytes) as a service's name, provider, note and
    /// evidence, and as a code's title, section title, measure title, check text and source URL;
    /// the assessment rendered in every format, the code's template made, and every output
    /// checked with ``checkInvariants(_:format:)``. True when the files loaded and everything was rendered.
    @discardableResult
    public static func render(_ bytes: [UInt8]) -> Bool {
        withFolder { render(bytes, in: $0) }
    }

    static func render(_ bytes: [UInt8], in folder: String) -> Bool {
        var strings = bytes.split(separator: 0, omittingEmptySubsequences: false).prefix(10).map { String(decoding: $0, as: UTF8.self) }
        while strings.count < 10 { strings.append(strings.last ?? "") }
        // The loader refuses control characters other than tab and line breaks in values (that
        // defence has its own tests): left out, so every input gets as far as the reports.
        strings = strings.map { s in
            String(String.UnicodeScalarView(s.unicodeScalars.filter { u in
                !((u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || (0x7F...0x9F).contains(u.value))
            }))
        }
        // Every string as a double-quoted YAML scalar with every non-ASCII or control character
        // escaped, so the file always loads and the strings arrive exactly as given.
        func q(_ s: String) -> String {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"", "\\": out += "\\" + String(u)
                case " "..."~": out.unicodeScalars.append(u)
                default: out += u.value > 0xFFFF ? String(format: "\\U%08X", u.value) : String(format: "\\u%04X", u.value)
                }
            }
            return out + "\""
        }
        let vocabulary = """
            vocabulary: {id: fuzz, title: Fuzz facts}
            facts:
              service.uk_users: {type: integer, min: 0, question: \(q(strings[9]))}
              controls.a.one: {type: bool, question: Does it?}
              controls.a.two: {type: bool, question: Does it too?}

            """
        let code = """
            code: {id: fuzz, version: v1, title: \(q(strings[4])), status: in_force, in_force: 2025-01-01, vocabulary: vocabulary.yaml}
            sections: [{id: A, title: \(q(strings[5]))}]
            measures:
              - id: M1
                section: A
                title: \(q(strings[6]))
                severity: critical
                requires:
                  - {id: one, text: \(q(strings[7])), check: controls.a.one}
                source: {url: \(q(strings[8])), confidence: code_text}
              - id: M2
                section: A
                title: \(q(strings[1]))
                severity: low
                applies_when: service.uk_users > 10
                requires:
                  - {id: two, text: \(q(strings[2])), check: controls.a.two}
                source: {url: \(q(strings[3])), confidence: secondary}

            """
        let submission = """
            submission: {service: \(q(strings[0])), provider: \(q(strings[1])), note: \(q(strings[2])), date: 2026-10-01}
            service: {uk_users: 50}
            controls:
              a: {one: false, two: true}
            evidence:
              controls.a.two: {document: \(q(strings[3])), url: \(q(strings[8])), note: \(q(strings[4]))}

            """
        for (name, text) in [("vocabulary.yaml", vocabulary), ("code.yaml", code), ("submission.yaml", submission)] {
            guard FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8)) else { return false }
        }
        let loader = Loader()
        guard let c = loader.code(folder + "/code.yaml"),
              let s = loader.submission(folder + "/submission.yaml", vocabulary: c.vocabulary)
        else {
            // Only a string too long for a limit may stop it; show what was said, and stop.
            for d in loader.diagnostics { say(d.rendered(source: loader.sourceText)) }
            return false
        }
        let a = Assessor(code: c).assess(s, asOf: Day("2026-11-29")!)
        for format in ReportFormat.allCases {
            checkInvariants(GapReport.render(a, format: format, submissionSHA: "0", inputs: ReportInput.of(c)), format: format)
        }
        let template = SubmissionTemplate.make(for: c)
        // Every line of the template that is not a comment is one the template writes itself.
        for line in template.split(separator: "\n") {
            let t = line.drop { $0 == " " }
            precondition(t.isEmpty || t.hasPrefix("#") || ["submission:", "service:", "provider:", "date:", "controls:", "a:", "one:", "two:", "uk_users:"]
                .contains { t.hasPrefix($0) }, "template line not its own: \(line)")
        }
        precondition(!template.unicodeScalars.contains { VisibleText.isLineBreak($0) && $0 != "\n" }, "a line break other than LF in the template")
        return true
    }

    /// What every report must hold to, whatever its inputs (stops the process when it does not):
    /// no hidden character (bidi, zero-width, control; an emoji's joiner apart) anywhere, and in
    /// HTML no marker as raw markup (`<U+202E>`); in CSV, every record on one line
    /// with the header's number of fields and no cell starting a formula; in HTML, no link but to
    /// http, https, mailto or the report itself, and no script; in Markdown, no line break but LF;
    /// JSON that parses, and one line of JSON Lines.
    public static func checkInvariants(_ text: String, format: ReportFormat) {
        var hidden = false
        VisibleText.forEachScalar(of: text) { u, shown in if shown && u != "\r" || (u == "\r" && format != .csv) { hidden = true } }
        precondition(!hidden, "a hidden character in \(format)")
        switch format {
        case .csv:
            let records = text.components(separatedBy: "\r\n").dropLast()
            precondition(text.hasSuffix("\r\n"), "CSV does not end its last record")
            for record in records {
                precondition(!record.unicodeScalars.contains { VisibleText.isLineBreak($0) }, "a line break inside a CSV record")
                let fields = csvFields(record)
                precondition(fields.count == csvColumns, "a CSV record with \(fields.count) fields")
                for f in fields { precondition(!(f.first.map { "=+-@\t".contains($0) } ?? false), "a CSV cell starting a formula: \(f)") }
            }
        case .html:
            let lower = text.lowercased()
            precondition(!lower.contains("<script"), "a script in HTML")
            precondition(!text.contains("<U+"), "a hidden character's marker as raw HTML (<U+…>, read as an element)")
            for href in lower.components(separatedBy: "href=").dropFirst() {
                let value = href.drop { $0 == "\"" || $0 == "'" }
                precondition(value.hasPrefix("https://") || value.hasPrefix("http://") || value.hasPrefix("mailto:") || value.hasPrefix("#"),
                             "a live link that is not http, https or mailto: \(value.prefix(40))")
            }
        case .markdown:
            precondition(!text.unicodeScalars.contains { VisibleText.isLineBreak($0) && $0 != "\n" }, "a line break other than LF in Markdown")
            precondition(!text.lowercased().contains("](javascript") && !text.lowercased().contains("](data:") && !text.lowercased().contains("](vbscript"),
                         "a live Markdown link")
        case .json:
            precondition((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "JSON that does not parse")
        case .jsonl:
            precondition(text.hasSuffix("\n") && text.dropLast().firstIndex(of: "\n") == nil, "JSON Lines on more than one line")
            precondition((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "a JSON line that does not parse")
        case .oscal:
            precondition((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "OSCAL JSON that does not parse")
        case .junit:
            precondition(text.hasPrefix("<?xml") && !text.lowercased().contains("<script"), "JUnit XML that is not XML")
        }
    }

    /// The number of columns of the CSV report: its header's.
    static let csvColumns = csvFields(String(CSV.header.dropLast(2))).count

    /// A CSV record's fields, unquoted (RFC 4180).
    static func csvFields(_ record: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, atStart = true
        var it = Array(record.unicodeScalars)[...]
        while let u = it.popFirst() {
            if quoted {
                if u == "\"" {
                    if it.first == "\"" { field.unicodeScalars.append("\""); it = it.dropFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(u) }
            } else if u == "\"" && atStart {
                quoted = true
            } else if u == "," {
                fields.append(field); field = ""; atStart = true; continue
            } else {
                field.unicodeScalars.append(u)
            }
            atStart = false
        }
        fields.append(field)
        return fields
    }
}
