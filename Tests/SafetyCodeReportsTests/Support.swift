import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs the built `safetycode` executable, as a user would, in `directory`.
struct CLI {
    static var binary: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [beside, beside.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("safetycode").path
            if FileManager.default.isExecutableFile(atPath: path), !isDirectory(path) { return path }
        }
        return packageRoot.appendingPathComponent(".build/debug/safetycode").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL = packageRoot, executable: String = binary) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = directory
        // Output into files, read after the exit: reading pipes with Foundation's
        // readDataToEndOfFile traps (`try!`) when a signal interrupts the read (EINTR).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetycode-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        try? out.close()
        try? err.close()
        let o = (try? Data(contentsOf: outURL)) ?? Data()
        let e = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

/// A small hand-made code and vocabulary whose statuses and scores can be worked out by hand.
enum SmallCode {
    static let vocabulary = """
        vocabulary: {id: small, title: Small facts}
        types:
          risk_level: {type: enum, values: [negligible, low, medium, high], ordered: true}
        facts:
          service.uk_users: {type: integer, min: 0, question: How many UK users does the service have?}
          risk.grooming: {type: risk_level, question: What is the risk of grooming?}
          controls.a.one: {type: bool, question: Does the service do one?}
          controls.a.two: {type: bool, question: Does the service do two?}
          controls.a.three: {type: bool, question: Does the service do three?}

        """

    /// Measures: M1 met, M2 partial, M3 not met, M4 unknown (a check unknown), M5 not applicable,
    /// M6 not in force, M7 alternative, M8 unknown applicability, M9 optional and not met.
    static let code = """
        code:
          id: small
          version: v1
          title: A small code
          status: in_force
          in_force: 2025-01-01
          vocabulary: vocabulary.yaml
        definitions:
          large: service.uk_users > 1_000
        sections:
          - {id: A, title: First}
          - {id: B, title: Second}
        measures:
          - id: M1
            section: A
            title: Always met
            severity: low
            requires:
              - {id: one, text: Does one, check: controls.a.one, weight: 2}
            source: {url: https://example.org/m1, confidence: code_text}
          - id: M2
            section: A
            title: Partly met
            severity: high
            applies_when: large
            requires:
              - {id: one, text: Does one, check: controls.a.one, weight: 3}
              - {id: two, text: Does two, check: controls.a.two}
            source: {url: https://example.org/m2, confidence: secondary}
          - id: M3
            section: B
            title: Not met
            severity: critical
            requires:
              - {id: two, text: Does two, check: controls.a.two}
            source: {url: https://example.org/m3, confidence: unconfirmed}
          - id: M4
            section: B
            title: Check unknown
            severity: medium
            requires:
              - {id: three, text: Does three, check: controls.a.three}
            source: {url: https://example.org/m4, confidence: unconfirmed}
          - id: M5
            section: B
            title: Does not apply
            severity: high
            applies_when: service.uk_users > 1_000_000
            requires:
              - {id: two, text: Does two, check: controls.a.two}
            source: {url: https://example.org/m5, confidence: unconfirmed}
          - id: M6
            section: B
            title: Not yet in force
            severity: high
            in_force: 2030-01-01
            requires:
              - {id: two, text: Does two, check: controls.a.two}
            source: {url: https://example.org/m6, confidence: unconfirmed}
          - id: M7
            section: B
            title: Alternative claimed
            severity: high
            requires:
              - {id: two, text: Does two, check: controls.a.two}
            source: {url: https://example.org/m7, confidence: unconfirmed}
          - id: M8
            section: B
            title: Applicability unknown
            severity: high
            applies_when: risk.grooming >= medium
            requires:
              - {id: one, text: Does one, check: controls.a.one}
            source: {url: https://example.org/m8, confidence: unconfirmed}
          - id: M9
            section: B
            title: Optional
            severity: low
            optional: true
            requires:
              - {id: two, text: Does two, check: controls.a.two}
            source: {url: https://example.org/m9, confidence: unconfirmed}

        """

    static func submission(service: String = "Small Service") -> String {
        """
        submission: {service: \(yamlQuoted(service)), provider: Small Ltd, date: 2026-10-01}
        service: {uk_users: 5000}
        controls:
          a: {one: true, two: false}
        alternative_measures:
          M7: {description: Does something else instead, rationale: It works as well}

        """
    }

    static func yamlQuoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func files(service: String = "Small Service") -> [String: String] {
        ["vocabulary.yaml": vocabulary, "code.yaml": code, "small-service.yaml": submission(service: service)]
    }
}
