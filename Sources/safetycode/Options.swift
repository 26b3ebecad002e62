import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

// The option types and groups every command shares, as in swift-argument-parser's
// Examples/math/Math.swift: values parse through `ExpressibleByArgument`, checks that need more
// than one value go in `validate()`, and a bad value is reported with the subcommand's usage
// (exit 2, see `SafetyCodeCommand.main`).

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultCompletionKind: CompletionKind { .default }
}

extension ReportFormat: ExpressibleByArgument {
    /// `md` (or `markdown`), `html`, `json`, `csv` or `jsonl`.
    public init?(argument: String) {
        let name = argument.trimmingCharacters(in: .whitespaces).lowercased()
        self.init(rawValue: name == "markdown" ? "md" : name)
    }
}

/// A comma-separated list of report formats, such as `md,html`.
struct FormatList: ExpressibleByArgument, Sendable {
    var formats: [ReportFormat]
    /// The names that are not formats, kept for `validate()` to name in its error.
    var unknown: [String]

    init(_ formats: [ReportFormat]) {
        self.formats = formats
        unknown = []
    }

    init?(argument: String) {
        formats = []
        unknown = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            if let f = ReportFormat(argument: String(part)) {
                if !formats.contains(f) { formats.append(f) }
            } else {
                unknown.append(part.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }

    /// Throws unless every name is one of `allowed`.
    func check(allowed: [ReportFormat]) throws {
        let choices = allowed.map(\.rawValue).joined(separator: ", ")
        if let bad = unknown.first {
            throw ValidationError(bad.isEmpty ? "--format has an empty name; choose from \(choices)"
                                              : "unknown format '\(bad)' for --format; choose from \(choices)")
        }
        if let bad = formats.first(where: { !allowed.contains($0) }) {
            throw ValidationError("this command does not write --format \(bad.rawValue); choose from \(choices)")
        }
        if formats.isEmpty { throw ValidationError("--format needs at least one format; choose from \(choices)") }
    }
}

/// The formats a command writes, and those it writes when `--format` is not given.
protocol FormatChoice {
    static var allowed: [ReportFormat] { get }
    static var defaults: [ReportFormat] { get }
}

/// `assess`: every format; all but `jsonl` by default.
enum GapReportFormats: FormatChoice {
    static let allowed = ReportFormat.allCases
    static let defaults = ReportFormat.reports
}

/// `diff` and `compare`: Markdown, HTML and JSON.
enum ChangeReportFormats: FormatChoice {
    static let allowed: [ReportFormat] = [.markdown, .html, .json]
    static let defaults = allowed
}

/// Where reports go: `--format` and `--out`.
struct OutputOptions<Choice: FormatChoice>: ParsableArguments {
    @Option(help: ArgumentHelp("Formats, comma-separated, from: \(Choice.allowed.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "formats"))
    var format = FormatList(Choice.defaults)

    @Option(help: ArgumentHelp("Output folder, or - for one report on standard output.", valueName: "folder"))
    var out: String = "Reports"

    /// The formats asked for.
    var formats: [ReportFormat] { format.formats }

    func validate() throws { try format.check(allowed: Choice.allowed) }
}

/// The date the codes are read at: `--as-of`.
struct DateOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Assessment date, YYYY-MM-DD (default: today).", valueName: "date"))
    var asOf: Day?

    /// The date given, or today (UTC).
    var day: Day { asOf ?? CLI.today() }
}

/// A reviewer's findings (SPEC section 7): `--review` and `--no-review`.
struct ReviewOptions: ParsableArguments {
    @Option(name: .customLong("review"), help: ArgumentHelp(
        "A review file, applied to the submission it names. Repeat for several. Without it, Reviews/<submission-stem>.yaml is used where it exists.",
        valueName: "file"))
    var files: [String] = []

    @Flag(name: .customLong("no-review"), help: "Ignore Reviews/<submission-stem>.yaml: assess the declaration alone.")
    var noReview = false
}

/// Printing and exit codes shared by the commands.
enum CLI {
    /// Today's date in UTC.
    static func today() -> Day {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// Writes text to standard error. A failed write is ignored: there is nowhere left to say so.
    static func printError(_ text: String) {
        Descriptor.writeStandardError(text)
    }

    /// Prints rendered diagnostics on standard error; one with no file is prefixed with the
    /// program's name (`safetycode: error: [code] message`), as compilers do.
    static func printErrors(_ blocks: [String]) {
        for block in blocks {
            let named = block.hasPrefix("error: ") || block.hasPrefix("warning: ") || block.hasPrefix("note: ")
            printError((named ? "safetycode: " : "") + block + "\n")
        }
    }

    /// Prints a run's outcome: problems on standard error, the report or the summary lines on
    /// standard output; then exits with the run's code when it is not 0.
    static func finish(_ outcome: Assess.Outcome, out: String? = nil) throws {
        printErrors(outcome.diagnostics)
        if let text = outcome.standardOutput {
            // Reports already show hidden characters by their format's own rules (a CSV's CR LF
            // record ends are its own); explain's text does it in the library.
            try write(text)
        } else if let out, out != "-" {
            var text = outcome.lines.map { VisibleText.path($0) + "\n" }.joined()
            let n = outcome.written.count
            if n > 0 { text += "wrote \(n) file\(n == 1 ? "" : "s") into \(VisibleText.path(out))\n" }
            try write(text)
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    /// Writes to standard output; a failed write (a full disk, a closed pipe) is exit code 3.
    static func write(_ text: String) throws {
        do {
            try Descriptor.writeStandardOutput(text)
        } catch {
            printErrors(error.diagnostics.map(\.description))
            throw ExitCode(3)
        }
    }
}
