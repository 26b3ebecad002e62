import ArgumentParser
import Foundation
import SafetyCodeCore

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the test cases kept beside codes (Codes/**/tests/*.yaml), like opa test.",
        discussion: """
            Prints each failed expectation at its file:line:col, then 'N passed, M failed' (cases). \
            Exit codes: 0 all passed, 1 a case failed, 2 bad input.
            """
    )

    @Argument(help: "Code-test files, or folders searched for them (default: Codes/).")
    var paths: [String] = []

    @Flag(help: "Also list each measure that no case shows on one side of its applicability (applies / does not apply).")
    var coverage = false

    func run() throws {
        let report = CodeTestRunner.run(paths: paths.isEmpty ? CodeTestRunner.defaultPaths : paths)
        CLI.printErrors(report.diagnostics)
        var text = report.failures.map { "\($0)\n" }.joined()
        if coverage {
            for c in report.coverage {
                let missing = c.missing
                let untested = missing.count == 1 ? "1 side untested" : "\(missing.count) sides untested"
                text += "\(c.code): \(c.measures.count) measures, \(missing.isEmpty ? "each tested on both sides" : untested)\n"
                for m in missing { text += "  \(m.measure): no case where it \(m.side)\n" }
            }
        }
        try CLI.write(text + report.summary + "\n")
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
