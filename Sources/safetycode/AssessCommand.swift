import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess submissions against codes and write gap reports.",
        discussion: """
            Reports go to <out>/<submission-stem>/<code-id>@<version>.<ext>, with index.md and index.html \
            when there are several submissions. Exit codes: 0 done, 1 a --fail-under threshold was not \
            reached, 2 bad input (every problem is printed; the other inputs are still reported).
            """
    )

    @Argument(help: "Submission files, or folders of them.")
    var submissions: [String]

    @Option(name: .customLong("code"), help: "A code or overlay file (or a folder of them). Repeat for several.")
    var codes: [String]

    @Option(help: "Formats, comma-separated: md, html, json, csv, jsonl (one summary line per submission and code).")
    var format: String = "md,html,json,csv"

    @Option(help: "Output folder, or - for one report on standard output.")
    var out: String = "Reports"

    @Option(name: .customLong("as-of"), help: "Assessment date, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(name: .customLong("fail-under"), help: "Exit 1 when any score is below this fraction (0 to 1).")
    var failUnder: Double?

    @Option(help: "Submissions assessed at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() async throws {
        let formats = try CLI.formats(format, allowed: ReportFormat.allCases)
        if let f = failUnder, !(0...1).contains(f) {
            throw ValidationError("--fail-under takes a fraction from 0 to 1, such as 0.75")
        }
        if jobs < 1 { throw ValidationError("--jobs takes a whole number of 1 or more") }
        let outcome = await Assess.run(.init(submissions: submissions, codes: codes, formats: formats, out: out,
                                             asOf: try CLI.day(asOf), failUnder: failUnder, workers: jobs, progress: true))
        CLI.printErrors(outcome.diagnostics)
        if let text = outcome.standardOutput {
            FileHandle.standardOutput.write(Data(text.utf8))
        } else if out != "-" {
            for line in outcome.lines { print(VisibleText.path(line)) }
            if !outcome.written.isEmpty { print("wrote \(outcome.written.count) file\(outcome.written.count == 1 ? "" : "s") into \(VisibleText.path(out))") }
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

/// Shared option handling.
enum CLI {
    static func formats(_ text: String, allowed: [ReportFormat]) throws -> [ReportFormat] {
        var out: [ReportFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            let name = part == "markdown" ? "md" : part
            guard let f = ReportFormat(rawValue: name), allowed.contains(f) else {
                throw ValidationError("unknown format '\(part)'; choose from \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
            if !out.contains(f) { out.append(f) }
        }
        if out.isEmpty { throw ValidationError("--format needs at least one format") }
        return out
    }

    static func day(_ text: String?) throws -> Day {
        guard let text else { return today() }
        guard let d = Day(text) else { throw ValidationError("--as-of takes a date written YYYY-MM-DD, not '\(text)'") }
        return d
    }

    static func today() -> Day {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    static func printErrors(_ blocks: [String]) {
        for block in blocks { FileHandle.standardError.write(Data((block + "\n").utf8)) }
    }
}
