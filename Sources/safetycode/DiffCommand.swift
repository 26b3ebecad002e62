import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

/// `--from` and `--to`: the two versions of a code that `diff` and `compare` set side by side.
struct VersionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The earlier code or overlay file.", valueName: "code"))
    var from: String?

    @Option(help: ArgumentHelp("The later code or overlay file (an overlay is resolved through its chain).", valueName: "code"))
    var to: String?
}

/// `--lens` and `--harm` (SPEC section 10): show only the measures that address them.
struct LensOptions: ParsableArguments {
    @Option(name: .customLong("lens"), help: ArgumentHelp("Show only measures addressing this lens of the vocabulary (child_sexual_abuse, children, violence_and_hate, fraud). Repeatable.", valueName: "name"))
    var lenses: [String] = []

    @Option(name: .customLong("harm"), help: ArgumentHelp("Show only measures addressing this kind of harm (grooming, image_based_csam, ...). Repeatable.", valueName: "kind"))
    var harms: [String] = []

    var filter: HarmFilter { HarmFilter(lenses: lenses, harms: harms) }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changes between two versions of a code: measures added, removed and changed.",
        usage: "safetycode diff --from <code> --to <code> [<options>]"
    )

    @OptionGroup var versions: VersionOptions
    @OptionGroup var output: OutputOptions<ChangeReportFormats>
    @OptionGroup var lens: LensOptions

    /// The earlier form, `diff A B`, still accepted.
    @Argument(help: .hidden)
    var positional: [String] = []

    func validate() throws {
        switch (versions.from, versions.to, positional.count) {
        case (_?, _?, 0), (nil, nil, 2): break
        case (_?, _?, _): throw ValidationError("diff takes its two codes as --from and --to; unexpected '\(positional[0])'")
        default: throw ValidationError("diff needs two codes: --from <code> --to <code>")
        }
    }

    func run() throws {
        let from = versions.from ?? positional[0], to = versions.to ?? positional[1]
        let outcome = DiffRun.diff(.init(from: from, to: to, formats: output.formats,
                                         out: output.out, asOf: CLI.today(), filter: lens.filter))
        try CLI.finish(outcome, out: output.out)
    }
}

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show what a new version of a code would mean for each service: new measures, new and closed gaps, scores.",
        usage: "safetycode compare <submission> ... --from <code> --to <code> [<options>]",
        discussion: "Both versions are evaluated as if in force."
    )

    @Argument(help: ArgumentHelp("Submission files, or folders of them.", valueName: "submission"))
    var submissions: [String]

    @OptionGroup var versions: VersionOptions
    @OptionGroup var output: OutputOptions<ChangeReportFormats>
    @OptionGroup var date: DateOption
    @OptionGroup var lens: LensOptions

    func validate() throws {
        if versions.from == nil || versions.to == nil { throw ValidationError("compare needs two codes: --from <code> --to <code>") }
    }

    func run() async throws {
        let outcome = await DiffRun.compare(.init(from: versions.from!, to: versions.to!, submissions: submissions,
                                            formats: output.formats, out: output.out, asOf: date.day, filter: lens.filter))
        try CLI.finish(outcome, out: output.out)
    }
}
