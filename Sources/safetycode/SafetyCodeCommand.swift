import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports

@main
struct SafetyCodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safetycode",
        abstract: "Checks online services against codes of practice and writes gap reports.",
        discussion: """
            Codes are always named by option (--code, or --from and --to for two versions); submissions \
            and the files to check are always given as arguments. Shell completions: \
            safetycode --generate-completion-script bash (or zsh, fish).
            """,
        version: SafetyCode.version,
        subcommands: [LintCommand.self, AssessCommand.self, ExplainCommand.self, TemplateCommand.self, DiffCommand.self,
                      CompareCommand.self, HistoryCommand.self, QuestionsCommand.self, TestCommand.self, SchemaCommand.self, ServeCommand.self, ManualCommand.self]
    )

    /// Parses and runs a command, reporting every error the same way: a bad option or value is
    /// `safetycode: error: [bad-option] …` with the subcommand's usage and exit code 2 (not
    /// ArgumentParser's "Error:" and 64); an unexpected error is exit code 3.
    static func main() async {
        // A closed pipe (`safetycode … | head`) is a failed write, exit 3, not death by SIGPIPE.
        Descriptor.ignoreBrokenPipes()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let full = fullMessage(for: error)
            if code == .success {
                // --help, --version, --generate-completion-script.
                _ = Descriptor.write((full + "\n").utf8, to: Descriptor.standardOutput)
                Foundation.exit(0)
            }
            let message = Self.message(for: error)
            if code == .validationFailure {
                var usage = full
                if let r = usage.range(of: message) { usage = String(usage[r.upperBound...]) }
                usage = usage.trimmingCharacters(in: .whitespacesAndNewlines)
                CLI.printError("safetycode: error: [bad-option] \(lowercasedFirst(message))\n\(usage)\n")
                Foundation.exit(2)
            }
            CLI.printError("safetycode: error: [internal] \(message)\n")
            Foundation.exit(3)
        }
    }

    /// ArgumentParser's messages start with a capital ("Missing expected argument"); ours do not.
    static func lowercasedFirst(_ s: String) -> String {
        guard let first = s.first, first.isUppercase, s.dropFirst().first?.isLowercase == true else { return s }
        return first.lowercased() + s.dropFirst()
    }
}
