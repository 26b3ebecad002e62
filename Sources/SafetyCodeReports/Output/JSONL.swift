import Foundation
import SafetyCodeCore
import YAMLTree

/// The JSON Lines form: one line per submission and code, the summary of the JSON report with
/// the id of every gap.
public enum JSONL {
    /// One line, without its newline. Written straight into a string (this runs once per
    /// submission and code in batch runs); the same keys, in the same order, as building a
    /// ``JSON`` value would give.
    public static func line(_ a: Assessment, sha256: String, summary: Assessment.Summary? = nil) -> String {
        var out = ""
        out.reserveCapacity(512)
        out += "{\"format\":\"safetycode.summary/1\",\"submission\":{\"service\":"
        JSON.quote(a.submission.service, into: &out)
        out += ",\"file\":"
        JSON.quote(a.submission.file, into: &out)
        out += ",\"sha256\":"
        JSON.quote(sha256, into: &out)
        out += "},\"code\":{\"id\":"
        JSON.quote(a.code.header.id, into: &out)
        out += ",\"version\":"
        JSON.quote(a.code.header.version, into: &out)
        out += ",\"status\":\"\(a.code.header.status.rawValue)\"},\"as_of\":\"\(a.asOf)\",\"summary\":"
        let s = summary ?? a.summary
        out += "{\"score\":" + (s.score.map { JSON.format($0) } ?? "null")
        for (key, status) in [("applicable", nil), ("met", MeasureStatus.met), ("partial", .partial), ("not_met", .notMet),
                              ("unknown", .unknown), ("alternative", .alternative), ("not_applicable", .notApplicable),
                              ("not_in_force", .notInForce)] as [(String, MeasureStatus?)] {
            out += ",\"\(key)\":\(status.map { s[$0] } ?? s.applicable)"
        }
        out += "}"
        var gaps = ",\"gaps\":[", critical = ",\"critical_gaps\":[", unknown = ",\"unknown\":["
        var firstGap = true, firstCritical = true, firstUnknown = true
        for r in a.results {
            if r.isGap {
                if !firstGap { gaps += "," }
                JSON.quote(r.id, into: &gaps)
                firstGap = false
                if r.severity == .critical {
                    if !firstCritical { critical += "," }
                    JSON.quote(r.id, into: &critical)
                    firstCritical = false
                }
            } else if r.status == .unknown {
                if !firstUnknown { unknown += "," }
                JSON.quote(r.id, into: &unknown)
                firstUnknown = false
            }
        }
        out += gaps + "]" + critical + "]" + unknown + "]}"
        return out
    }
}

/// Where JSON Lines go: standard output as they come, or a file in the output folder written
/// under a temporary name and renamed when the run ends.
final class JSONLSink {
    private let handle: FileHandle
    private let temporary: String?
    private let target: String?
    private var buffer = Data()
    /// Why the temporary file could not be made, if it could not.
    private var makeError: String?

    init(out: String) {
        if out == "-" {
            handle = .standardOutput
            temporary = nil
            target = nil
        } else {
            let target = (out as NSString).appendingPathComponent("summary.jsonl")
            try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            // Created exclusively and registered, so SIGINT or SIGTERM removes it. If the file
            // cannot be made, lines go nowhere and finish() reports the failure.
            switch TemporaryFiles.make(template: (out as NSString).appendingPathComponent(".summary.jsonl.XXXXXX")) {
            case .made(let fd, let path):
                let mask = umask(0)
                umask(mask)
                fchmod(fd, 0o666 & ~mask)
                handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
                temporary = path
            case .failed(let code):
                handle = .nullDevice
                temporary = nil
                makeError = String(cString: strerror(code))
            }
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
        if let makeError, let target {
            throw DiagnosticError([.error(.writeFailed, "cannot write \(target): \(makeError)", at: nil)])
        }
        guard let temporary, let target else { return nil }
        try? handle.close()
        if !TemporaryFiles.rename(temporary, to: target) {
            let reason = String(cString: strerror(errno))
            TemporaryFiles.remove(temporary)
            throw DiagnosticError([.error(.writeFailed, "cannot write \(target): \(reason)", at: nil)])
        }
        return target
    }
}
