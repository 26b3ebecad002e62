import ArgumentParser
import SafetyCodeCore

@main
struct SafetyCodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safetycode",
        abstract: "Checks online services against codes of practice and writes gap reports.",
        version: SafetyCode.version,
        subcommands: [LintCommand.self, AssessCommand.self, ExplainCommand.self, TemplateCommand.self, DiffCommand.self, CompareCommand.self,
                      TestCommand.self, SchemaCommand.self]
    )
}
