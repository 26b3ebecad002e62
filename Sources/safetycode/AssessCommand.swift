import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess submissions against codes and write gap reports.",
        usage: "safetycode assess <submission> ... --code <code> ... [<options>]",
        discussion: """
            Reports go to <out>/<submission-stem>/<code-id>@<version>.<ext>, with index.md and index.html \
            when there are several submissions (a -2, -3 … suffix where two submissions share a stem). \
            --out - writes one report to standard output: give one submission, one code and one --format \
            (or --format jsonl). Exit codes: 0 done, 1 a --fail-under threshold was not reached, 2 bad \
            input (every problem is printed; the other inputs are still reported), 3 a report or \
            standard output could not be written.
            """
    )

    @Argument(help: ArgumentHelp("Submission files, or folders of them.", valueName: "submission"))
    var submissions: [String]

    @Option(name: .customLong("code"), help: ArgumentHelp("A code or overlay file, or a folder of them. Repeat for several.", valueName: "code"))
    var codes: [String]

    @OptionGroup var output: OutputOptions<GapReportFormats>
    @OptionGroup var date: DateOption

    @OptionGroup var lens: LensOptions

    // Read as text and checked in validate(), so every wrong value gets the option's own message
    // ("… from 0 to 1, such as 0.75, not abc"), not the parser's "the value 'abc' is invalid".
    @Option(name: .customLong("fail-under"), parsing: .unconditional,
            help: ArgumentHelp("Exit 1 when any score is below this fraction (0 to 1).", valueName: "score"))
    var failUnderText: String?

    @Flag(name: .customLong("as-if-in-force"), help: "Assess measures not yet in force as if they were, as compare does (labelled so in every report).")
    var asIfInForce = false

    @Flag(name: .customLong("csv-bom"), help: "Start CSV reports with a UTF-8 byte-order mark, for spreadsheet programs that need one.")
    var csvBOM = false
    @OptionGroup var review: ReviewOptions

    // Unconditional, so `--jobs -1` is read as its value and told the range, not taken for an
    // option; text, as --fail-under is, so `--jobs abc` is told the range too.
    @Option(name: .customLong("jobs"), parsing: .unconditional,
            help: ArgumentHelp("Submissions assessed at once (default: the number of cores).", valueName: "n"))
    var jobsText: String?

    /// --fail-under's value, once validate() has let it through.
    var failUnder: Double? { failUnderText.flatMap(Self.fraction) }
    /// --jobs's value, once validate() has let it through.
    var jobs: Int? { jobsText.flatMap(Self.workers) }

    static func fraction(_ text: String) -> Double? {
        guard let f = Double(text), (0...1).contains(f) else { return nil }
        return f
    }

    static func workers(_ text: String) -> Int? {
        guard let n = Int(text), (1...Assess.maxWorkers).contains(n) else { return nil }
        return n
    }

    func validate() throws {
        if let text = failUnderText, Self.fraction(text) == nil {
            throw ValidationError("--fail-under takes a fraction from 0 to 1, such as 0.75, not \(text.isEmpty ? "nothing" : text)")
        }
        if let text = jobsText, Self.workers(text) == nil {
            throw ValidationError("--jobs takes a whole number from 1 to \(Assess.maxWorkers), not \(text.isEmpty ? "nothing" : text)")
        }
    }

    func run() async throws {
        Allocator.keepSpareForWorkers()
        let outcome = await Assess.run(.init(
            submissions: submissions, codes: codes, formats: output.formats, out: output.out,
            asOf: date.day, failUnder: failUnder, workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount, progress: true,
            asIfInForce: asIfInForce, csvBOM: csvBOM, filter: lens.filter,
            reviews: review.files, conventionalReviews: !review.noReview))
        try CLI.finish(outcome, out: output.out)
    }
}
