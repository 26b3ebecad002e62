import Foundation
import SafetyCodeCore
import YAMLTree

/// The JSON Lines form: one line per submission and code, the summary of the JSON report with
/// the id of every gap.
public enum JSONL {
    /// One line, without its newline.
    public static func line(_ a: Assessment, sha256: String, summary: Assessment.Summary? = nil) -> String {
        var gaps: [JSON] = [], critical: [JSON] = [], unknown: [JSON] = []
        for r in a.results {
            if r.isGap {
                gaps.append(.string(r.id))
                if r.severity == .critical { critical.append(.string(r.id)) }
            } else if r.status == .unknown {
                unknown.append(.string(r.id))
            }
        }
        return JSON.object([
            ("format", .string("safetycode.summary/1")),
            ("submission", .object([("service", .string(a.submission.service)), ("file", .string(a.submission.file)), ("sha256", .string(sha256))])),
            ("code", .object([("id", .string(a.code.header.id)), ("version", .string(a.code.header.version)), ("status", .string(a.code.header.status.rawValue))])),
            ("as_of", .string(a.asOf.description)),
            ("summary", GapReportJSON.summary(summary ?? a.summary)),
            ("gaps", .array(gaps)),
            ("critical_gaps", .array(critical)),
            ("unknown", .array(unknown)),
        ]).serialized(pretty: false)
    }
}

/// Where JSON Lines go: standard output as they come, or a file in the output folder written
/// under a temporary name and renamed when the run ends.
final class JSONLSink {
    private let handle: FileHandle
    private let temporary: String?
    private let target: String?
    private var buffer = Data()

    init(out: String) {
        if out == "-" {
            handle = .standardOutput
            temporary = nil
            target = nil
        } else {
            let target = (out as NSString).appendingPathComponent("summary.jsonl")
            let temporary = (out as NSString).appendingPathComponent(".summary.jsonl.\(ProcessInfo.processInfo.processIdentifier).tmp")
            try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            // If the file cannot be made, lines go nowhere and finish() reports the failure.
            _ = FileManager.default.createFile(atPath: temporary, contents: nil)
            handle = FileHandle(forWritingAtPath: temporary) ?? .nullDevice
            self.temporary = temporary
            self.target = target
        }
    }

    func write(_ lines: [String]) {
        for line in lines {
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0A)
        }
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and renames the file into place; returns its path.
    func finish() throws(DiagnosticError) -> String? {
        flush()
        guard let temporary, let target else { return nil }
        try? handle.close()
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw DiagnosticError([.error("write-failed", "cannot write the summary: \(reason)", at: SourceLocation(file: target, line: 1, column: 1))])
        }
        return target
    }
}
