import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports

extension JSONSchema.Kind: ExpressibleByArgument {}

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of a kind of file, for editors (yaml-language-server) and other tools.",
        discussion: """
            Kinds: \(JSONSchema.Kind.allCases.map(\.rawValue).joined(separator: ", ")). Submission, code and overlay \
            schemas take fact paths, types and kinds of harm from the vocabulary. With --all, every schema is written \
            into --out (default Schemas/), as committed. Exit code 2 on bad input.
            """
    )

    @Argument(help: "The kind of file.")
    var kind: JSONSchema.Kind?

    @Flag(help: "Write every schema into --out.")
    var all = false

    @Option(help: "The vocabulary the schemas are made from (default: \(Lint.defaultVocabulary)).")
    var vocabulary: String?

    @Option(help: "With --all: the folder to write into (a single KIND goes to standard output).")
    var out: String = "Schemas"

    func validate() throws {
        if all == (kind != nil) { throw ValidationError("give one KIND, or --all") }
        if kind != nil && out != "Schemas" { throw ValidationError("--out goes with --all; a single KIND is written to standard output") }
    }

    func run() throws {
        let loader = Loader()
        // Outside the repository the default vocabulary is not there: say what to give instead of
        // reporting a missing file the user never named.
        if vocabulary == nil, !FileManager.default.fileExists(atPath: Lint.defaultVocabulary) {
            CLI.printErrors(["safetycode: error: [missing-file] the schemas are made from a vocabulary, and there is no "
                             + "\(Lint.defaultVocabulary) in this folder: run from the repository's folder or give --vocabulary FILE"])
            throw ExitCode(2)
        }
        guard let v = loader.vocabulary(vocabulary ?? Lint.defaultVocabulary) else {
            CLI.printErrors(loader.renderedDiagnostics())
            throw ExitCode(2)
        }
        if let kind {
            guard let text = JSONSchema.make(kind, vocabulary: v) else {
                CLI.printErrors(["safetycode: error: [bad-option] no schema for \(kind.rawValue): \(kind.unavailable ?? "")"])
                throw ExitCode(2)
            }
            try CLI.write(text)
            return
        }
        let written: [String]
        do {
            written = try JSONSchema.writeAll(vocabulary: v, into: out)
        } catch {
            // A schema that cannot be written is exit 3, like any failed write (SPEC section 4).
            CLI.printErrors(error.diagnostics.map(\.description))
            throw ExitCode(3)
        }
        try CLI.write(written.map { "wrote \($0)\n" }.joined())
    }
}
