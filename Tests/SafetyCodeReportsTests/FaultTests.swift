import Foundation
import TestSupport
import Testing
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// Faults a user will meet: each is one clear error line with its place and exit code 2, and the
/// other inputs of the same run are still processed and reported.
@Suite("Faults")
struct FaultTests {
    /// Runs `assess` on a good submission and the given bad inputs; returns the result.
    func run(_ scratch: Scratch, submissions: [String], codes: [String] = ["code.yaml"], out: String = "out") throws -> CLI.Result {
        try CLI.run(["assess"] + submissions + codes.flatMap { ["--code", $0] } + ["--format", "json", "--out", out, "--as-of", "2026-11-29"],
                    in: scratch.url)
    }

    func errorLines(_ r: CLI.Result) -> [String] {
        r.stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
    }

    @Test("an empty file, a binary file and a folder named like a submission are each one error; the rest is reported",
          arguments: [
            ("empty.yaml", "empty.yaml:1:1: error: [empty-file] the file holds no YAML document"),
            ("binary.yaml", "binary.yaml:1:1: error: [invalid-utf8] invalid UTF-8: invalid leading UTF-8 octet (byte 0x89)"),
            ("folder.yaml", "folder.yaml:1:1: error: [missing-file] the folder holds no .yaml files"),
          ])
    func badSubmission(name: String, expected: String) throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["empty.yaml": ""])
        try Data([0x89, 0x50, 0xFF, 0xFE, 0x00, 0x01, 0x0A, 0x1A]).write(to: URL(fileURLWithPath: scratch.file("binary.yaml")))
        try FileManager.default.createDirectory(atPath: scratch.file("folder.yaml"), withIntermediateDirectories: true)
        let r = try run(scratch, submissions: [name, "small-service.yaml"])
        #expect(r.status == 2)
        let errors = errorLines(r)
        #expect(errors.count == 1, "\(r.stderr)")
        #expect(errors.first?.hasPrefix(expected) == true, "\(r.stderr)")
        #expect(!r.stderr.contains("\u{FFFD}"), "no binary garbage on the terminal")
        #expect(scratch.files(under: "out") == ["small-service/small@v1.json"])
    }

    @Test("a folder entry named like a submission is one error; the rest of the folder is reported")
    func folderInFolder() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["subs/good.yaml": SmallCode.submission()])
        try FileManager.default.createDirectory(atPath: scratch.file("subs/folder.yaml"), withIntermediateDirectories: true)
        let r = try run(scratch, submissions: ["subs"])
        #expect(r.status == 2)
        #expect(errorLines(r) == ["subs/folder.yaml:1:1: error: [unreadable-file] is a folder, not a YAML file"])
        #expect(scratch.files(under: "out") == ["good/small@v1.json"])
    }

    @Test("a symbolic link that loops is named as one, and a link to nothing as a link to what does not exist; the rest of the folder is reported")
    func linkLoop() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["subs/good.yaml": SmallCode.submission()])
        try FileManager.default.createSymbolicLink(atPath: scratch.file("subs/loop-a.yaml"), withDestinationPath: "loop-b.yaml")
        try FileManager.default.createSymbolicLink(atPath: scratch.file("subs/loop-b.yaml"), withDestinationPath: "loop-a.yaml")
        try FileManager.default.createSymbolicLink(atPath: scratch.file("subs/nothing.yaml"), withDestinationPath: "gone.yaml")
        let r = try run(scratch, submissions: ["subs"])
        #expect(r.status == 2)
        #expect(errorLines(r) == [
            "subs/loop-a.yaml:1:1: error: [unreadable-file] is a symbolic link that leads round in a loop (or through too many links)",
            "subs/loop-b.yaml:1:1: error: [unreadable-file] is a symbolic link that leads round in a loop (or through too many links)",
            "subs/nothing.yaml:1:1: error: [unreadable-file] is a symbolic link to gone.yaml, which does not exist",
        ], "\(r.stderr)")
        // Named on their own, the same links are said the same way.
        let named = try run(scratch, submissions: ["subs/nothing.yaml", "subs/loop-a.yaml"])
        #expect(errorLines(named) == ["subs/loop-a.yaml:1:1: error: [unreadable-file] is a symbolic link that leads round in a loop (or through too many links)",
                                      "subs/nothing.yaml:1:1: error: [unreadable-file] is a symbolic link to gone.yaml, which does not exist"],
                "\(named.stderr)")
        #expect(scratch.files(under: "out") == ["good/small@v1.json"])
    }

    @Test("a folder that cannot be made says why in the system's words, not Foundation's")
    func folderReasonWords() {
        // What Foundation throws for a folder it may not make (EACCES, with no system error beneath).
        let denied = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteNoPermission.rawValue)
        #expect(ReportFile.reason(denied) == "Permission denied")
        #expect(ReportFile.reason(NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue)) == "No space left on device")
        #expect(ReportFile.reason(NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteVolumeReadOnly.rawValue)) == "Read-only file system")
    }

    @Test("a YAML syntax error in a submission shows its line and a caret, as lint shows it")
    func syntaxErrorExcerpt() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["subs/broken.yaml": "submission:\n  service: [unclosed\n"])
        let r = try run(scratch, submissions: ["subs/broken.yaml"])
        #expect(r.status == 2)
        // Line 2 is the one the flow sequence opens on; its text is shown under the error.
        #expect(r.stderr.contains("    2 |   service: [unclosed\n"), "\(r.stderr)")
        #expect(r.stderr.contains("|") && r.stderr.contains("^"), "\(r.stderr)")
    }

    @Test("a missing code file is one error; the other codes are still assessed")
    func missingCode() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        let r = try run(scratch, submissions: ["small-service.yaml"], codes: ["nowhere.yaml", "code.yaml"])
        #expect(r.status == 2)
        #expect(errorLines(r) == ["nowhere.yaml:1:1: error: [missing-file] no such code file"])
        #expect(scratch.files(under: "out") == ["small-service/small@v1.json"])
    }

    @Test("a code whose vocabulary is missing is one error at its 'vocabulary' key")
    func missingVocabulary() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["orphan.yaml": SmallCode.code.replacingOccurrences(of: "vocabulary: vocabulary.yaml", with: "vocabulary: gone.yaml")
            .replacingOccurrences(of: "id: small", with: "id: orphan")])
        let r = try run(scratch, submissions: ["small-service.yaml"], codes: ["orphan.yaml", "code.yaml"])
        #expect(r.status == 2)
        let errors = errorLines(r)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("orphan.yaml:7:15: error: [missing-file] the vocabulary gone.yaml does not exist") == true, "\(r.stderr)")
        #expect(scratch.files(under: "out") == ["small-service/small@v1.json"])
    }

    @Test("an output folder that cannot be made is one error, and nothing is half-written")
    func unwritableOutput() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["blocker": "a file where the output folder should be"])
        let r = try run(scratch, submissions: ["small-service.yaml"], out: "blocker/reports")
        #expect(r.status == 3)  // a report that cannot be written is exit 3 (SPEC 4), not bad input
        let errors = errorLines(r)
        #expect(errors.count == 1, "\(r.stderr)")
        #expect(errors.first?.contains("error: [write-failed] cannot create the folder") == true, "\(r.stderr)")
        #expect(try String(contentsOfFile: scratch.file("blocker"), encoding: .utf8) == "a file where the output folder should be")
    }

    @Test("an output folder that cannot be made is one error for the whole run, whatever the submissions and formats, and no score is printed")
    func unwritableOutputOnce() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["other.yaml": SmallCode.submission(service: "Other"), "blocker": "a file where the output folder should be"])
        let r = try CLI.run(["assess", "small-service.yaml", "other.yaml", "--code", "code.yaml", "--format", "md,html,json,csv,jsonl",
                             "--out", "blocker/reports", "--as-of", "2026-11-29"], in: scratch.url)
        #expect(r.status == 3)
        #expect(errorLines(r) == ["safetycode: error: [write-failed] cannot create the folder blocker/reports: blocker is a file, not a folder"], "\(r.stderr)")
        #expect(r.stdout.isEmpty, "no score lines when nothing is written: \(r.stdout)")
        #expect(scratch.files().sorted() == ["blocker", "code.yaml", "other.yaml", "small-service.yaml", "vocabulary.yaml"])
    }

    @Test("a run killed in the middle leaves every report it wrote whole")
    func killedMidRun() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        var files: [String: String] = [:]
        for i in 0..<400 { files["many/s\(i).yaml"] = SmallCode.submission(service: "Service \(i)") }
        scratch.write(files)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["assess", "many", "--code", "code.yaml", "--format", "json,html", "--out", "out", "--as-of", "2026-11-29", "--jobs", "2"]
        p.currentDirectoryURL = scratch.url
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until some reports exist, then kill the process without warning.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && scratch.files(under: "out").filter({ $0.hasSuffix(".json") }).count < 20 { usleep(2000) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let written = scratch.files(under: "out").filter { !($0 as NSString).lastPathComponent.hasPrefix(".") }
        #expect(written.count >= 20)
        for f in written {
            let data = try Data(contentsOf: URL(fileURLWithPath: scratch.file("out/" + f)))
            if f.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(f) is not whole JSON")
            } else {
                #expect(String(decoding: data, as: UTF8.self).hasSuffix("</html>\n"), "\(f) is cut short")
            }
        }
    }

    @Test("the temporary summary of a run killed outright is removed by the next run into the folder; files that only look like one are kept")
    func killedRunsLeftover() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["small-service.yaml": SmallCode.submission(service: "Small"),
                       // What `kill -9` during a jsonl run leaves: mkstemp's name, six letters or digits.
                       "out/.summary.jsonl.Ab3xZ9": "{\"cut short",
                       "out/.summary.jsonl.Ab3xZ": "five letters: not ours", "out/.summary.jsonl.Ab3xZ99": "seven: not ours",
                       "out/.summary.jsonl.Ab-xZ9": "a dash: not ours", "out/sub/.summary.jsonl.Ab3xZ9": "in a folder below: not this run's"])
        try FileManager.default.createDirectory(atPath: scratch.file("out/.summary.jsonl.Dir123"), withIntermediateDirectories: false)
        let r = try CLI.run(["assess", "small-service.yaml", "--code", "code.yaml", "--format", "jsonl", "--out", "out", "--as-of", "2026-11-29"],
                            in: scratch.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(scratch.files(under: "out") == [".summary.jsonl.Ab-xZ9", ".summary.jsonl.Ab3xZ", ".summary.jsonl.Ab3xZ99",
                                                 "sub/.summary.jsonl.Ab3xZ9", "summary.jsonl"])
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: scratch.file("out/.summary.jsonl.Dir123"), isDirectory: &isFolder) && isFolder.boolValue)
    }

    @Test("the problems of the codes and of the submissions named are the same, in the same order, on one core and on several (which list the submissions while the codes compile)")
    func sameProblemsOnAnyCores() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["subs/good.yaml": SmallCode.submission(), "subs/bad.yaml": "submission: [unclosed\n"])
        try FileManager.default.createSymbolicLink(atPath: scratch.file("gone.yaml"), withDestinationPath: "nowhere.yaml")
        func run(jobs: Int) throws -> CLI.Result {
            try CLI.run(["assess", "subs", "missing.yaml", "gone.yaml", "subs/good.yaml", "--code", "code.yaml", "--code", "no-code.yaml",
                         "--format", "json", "--out", "out", "--as-of", "2026-11-29", "--jobs", "\(jobs)"], in: scratch.url)
        }
        let one = try run(jobs: 1), two = try run(jobs: 2)
        #expect(one.status == 2 && two.status == 2)
        #expect(errorLines(one) == [
            "gone.yaml:1:1: error: [unreadable-file] is a symbolic link to nowhere.yaml, which does not exist",
            "missing.yaml:1:1: error: [missing-file] no such file or folder",
            "no-code.yaml:1:1: error: [missing-file] no such code file",
            "subs/bad.yaml:2:1: error: [yaml-syntax] did not find expected ',' or ']' (while parsing a flow sequence)",
        ], "\(one.stderr)")
        #expect(one.stderr.contains("warning: [bad-option] the file subs/good.yaml is named more than once"), "\(one.stderr)")
        #expect(two.stderr == one.stderr)
        #expect(two.stdout == one.stdout)
    }

    /// Runs the command as a user without special rights: as `nobody` when the tests run as root
    /// (who may write anywhere), as the user running the tests otherwise.
    func runUnprivileged(_ arguments: [String], in scratch: Scratch) throws -> CLI.Result {
        guard getuid() == 0 else { return try CLI.run(arguments, in: scratch.url) }
        let quoted = ([CLI.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try CLI.run(["-s", "/bin/sh", "nobody", "-c", "cd '\(scratch.path)' && " + quoted], executable: "/bin/su")
    }

    @Test("an output folder that is there but may not be written into is one error, before any work; nothing is printed as if written")
    func readOnlyOutput() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["other.yaml": SmallCode.submission(service: "Other")])
        try FileManager.default.createDirectory(atPath: scratch.file("ro"), withIntermediateDirectories: false, attributes: [.posixPermissions: 0o555])
        let r = try runUnprivileged(["assess", "small-service.yaml", "other.yaml", "--code", "code.yaml", "--format", "md,html,json,csv,jsonl",
                                     "--out", "ro", "--as-of", "2026-11-29"], in: scratch)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(errorLines(r) == ["safetycode: error: [write-failed] cannot write into the folder ro: Permission denied"], "\(r.stderr)")
        #expect(r.stdout.isEmpty, "\(r.stdout)")
        #expect(scratch.files(under: "ro").isEmpty)
    }

    @Test("a folder of submissions that cannot be listed says so, not that it holds no .yaml files")
    func unlistableFolder() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["locked/x.yaml": SmallCode.submission()])
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: scratch.file("locked"))
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.file("locked")) }
        let r = try runUnprivileged(["assess", "locked", "--code", "code.yaml", "--format", "jsonl", "--out", "-"], in: scratch)
        #expect(r.status == 2)
        #expect(errorLines(r) == ["locked:1:1: error: [unreadable-file] the folder cannot be read: Permission denied"], "\(r.stderr)")
        // lint writes its findings to standard output.
        let lint = try runUnprivileged(["lint", "locked"], in: scratch)
        #expect(lint.status == 2)
        #expect(lint.stdout.hasPrefix("locked:1:1: error: [unreadable-file] the folder cannot be read: Permission denied\n"), "\(lint.stdout)")
    }

    @Test("when a report cannot be written, the run's index is not written either (it would link to it), and the run says so; exit 3")
    func noIndexOverFailedReports() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        // A file where small-service's report folder would go.
        scratch.write(["other.yaml": SmallCode.submission(service: "Other"), "out/small-service": "in the way"])
        let r = try CLI.run(["assess", "small-service.yaml", "other.yaml", "--code", "code.yaml", "--format", "md", "--out", "out", "--as-of", "2026-11-29"],
                            in: scratch.url)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(errorLines(r).count == 1 && errorLines(r).first?.contains("[write-failed]") == true, "\(r.stderr)")
        #expect(r.stdout.contains("the index is not written: it would link to reports that could not be"), "\(r.stdout)")
        #expect(scratch.files(under: "out") == ["other/small@v1.md", "small-service"])
    }

    @Test("--out naming a device says it is not a folder (not that it is a file)")
    func deviceAsOutput() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        let r = try run(scratch, submissions: ["small-service.yaml"], out: "/dev/null")
        #expect(r.status == 3)
        #expect(errorLines(r) == ["safetycode: error: [write-failed] cannot create the folder /dev/null: /dev/null is not a folder"], "\(r.stderr)")
    }
}
