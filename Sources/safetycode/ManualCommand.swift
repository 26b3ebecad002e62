import ArgumentParser
import Foundation
import SafetyCodeCore

/// `safetycode generate-manual` (hidden): the man page, in roff, made from the commands' own
/// help, so that it never disagrees with `--help`. `make install` installs it as safetycode(1).
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manual",
        abstract: "Print the man page, made from the commands' help.",
        shouldDisplay: false
    )

    func run() throws {
        try CLI.write(Self.page())
    }

    static func page() -> String {
        let root = SafetyCodeCommand.self
        var out = """
            .TH SAFETYCODE 1 "" "safetycode \(SafetyCode.version)" "User Commands"
            .SH NAME
            safetycode \\- \(escape(root.configuration.abstract))
            .SH SYNOPSIS
            .B safetycode
            .I command
            .RI [ options ]

            """
        let commands: [ParsableCommand.Type] = root.configuration.subcommands.filter { $0.configuration.shouldDisplay }
        for c in commands {
            out += ".br\n.B safetycode \(c.configuration.commandName ?? "")\n"
        }
        out += ".SH DESCRIPTION\n\(escape(root.configuration.discussion))\n"
        out += ".SH COMMANDS\n"
        for c in commands {
            let name = c.configuration.commandName ?? ""
            out += ".SS \(name)\n\(escape(c.configuration.abstract))\n.PP\n.nf\n"
            let help = root.helpMessage(for: c, columns: 100)
            out += help.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
            out += "\n.fi\n"
        }
        out += """
            .SH EXIT STATUS
            0 done; 1 a \\-\\-fail\\-under threshold was not reached; 2 bad input or a bad option (every problem
            is printed, compiler style); 3 an internal error, such as a failed write to standard output.
            .SH SEE ALSO
            The README and docs/rule-files.md in the safetycode repository.

            """
        return out
    }

    /// Escapes text for roff: backslashes, hyphens, and a leading `.` or `'` (which would start a request).
    static func escape(_ text: String) -> String {
        var s = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        if s.hasPrefix(".") || s.hasPrefix("'") { s = "\\&" + s }
        return s
    }
}
