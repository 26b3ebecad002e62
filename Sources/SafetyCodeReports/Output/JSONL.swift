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
        out += ",\"status\":\"\(a.code.header.status.rawValue)\"},\"as_of\":\"\(a.asOf)\",\"as_if_in_force\":\(a.asIfInForce),\"summary\":"
        let s = summary ?? a.summary
        out += "{\"score\":" + (s.score.map { JSON.format($0) } ?? "null")
        out += ",\"score_upper\":" + (s.scoreUpper.map { JSON.format($0) } ?? "null")
        out += ",\"decided\":" + (s.decided.map { JSON.format($0) } ?? "null")
        for (key, status) in [("applicable", nil), ("met", MeasureStatus.met), ("partial", .partial), ("not_met", .notMet),
                              ("unknown", .unknown), ("alternative", .alternative), ("not_applicable", .notApplicable),
                              ("not_in_force", .notInForce)] as [(String, MeasureStatus?)] {
            out += ",\"\(key)\":\(status.map { s[$0] } ?? s.applicable)"
            if status == nil { out += ",\"may_apply\":\(s.mayApply)" }
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
    private let fd: Int32
    private let temporary: String?
    private let target: String?
    private var buffer: [UInt8] = []
    /// The first failure (making the file or writing it); the sink stops writing after it and
    /// `finish()` reports it.
    private var failure: String?

    init(out: String) {
        if out == "-" {
            fd = Descriptor.standardOutput
            temporary = nil
            target = nil
        } else {
            let target = (out as NSString).appendingPathComponent("summary.jsonl")
            try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            // Created exclusively (never through a link) and registered, so SIGINT or SIGTERM
            // removes it.
            switch TemporaryFiles.make(template: (out as NSString).appendingPathComponent(".summary.jsonl.XXXXXX")) {
            case .made(let made, let path):
                fd = made
                temporary = path
            case .failed(let code):
                fd = -1
                temporary = nil
                failure = String(cString: strerror(code))
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
        if failure == nil, fd >= 0, let reason = Descriptor.write(buffer, to: fd) { failure = reason }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and renames the file into place; returns its path. A failed write leaves no
    /// file behind and is one `write-failed` error.
    func finish() throws(DiagnosticError) -> String? {
        flush()
        let place = target ?? "standard output"
        if let temporary, fd >= 0 {
            if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
            if failure == nil, !TemporaryFiles.rename(temporary, to: target ?? "") { failure = String(cString: strerror(errno)) }
            if failure != nil { TemporaryFiles.remove(temporary) }
        }
        if let failure {
            throw DiagnosticError([.error(.writeFailed, "cannot write \(place): \(failure)", at: nil)])
        }
        return target
    }
}
