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

            """
        let commands: [ParsableCommand.Type] = root.configuration.subcommands.filter { $0.configuration.shouldDisplay }
        let helps = commands.map { root.helpMessage(for: $0, columns: 100) }
        for help in helps {
            // Each command's own usage line.
            if let usage = help.split(separator: "\n").first(where: { $0.hasPrefix("USAGE: ") }) {
                out += ".br\n\(escape(String(usage.dropFirst("USAGE: ".count))))\n"
            }
        }
        out += ".SH DESCRIPTION\n\(escape(root.configuration.discussion))\n"
        out += ".SH COMMANDS\n"
        for (c, help) in zip(commands, helps) {
            out += ".SS \(c.configuration.commandName ?? "")\n.nf\n"
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
