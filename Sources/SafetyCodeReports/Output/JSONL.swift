import Foundation
#if canImport(CGlibcExtras)
import CGlibcExtras
#endif
import SafetyCodeCore
import YAMLTree

/// The JSON Lines form: one line per submission and code, the summary of the JSON report with
/// the id of every gap.
public enum JSONL {
    /// One line, without its newline. Written straight into a string (this runs once per
    /// submission and code in batch runs); the same keys, in the same order, as building a
    /// ``JSON`` value would give.
    public static func line(_ a: Assessment, sha256: String, summary: Assessment.Summary? = nil) -> String {
        var ids = IDs()
        for r in a.results { ids.add(r.id, status: r.status, isGap: r.isGap, critical: r.severity == .critical) }
        return line(submission: a.submission, code: (a.code.header.id, a.code.header.version, a.code.header.status), asOf: a.asOf,
                    asIfInForce: a.asIfInForce, sha256: sha256,
                    summary: summary ?? a.summary, ids: ids)
    }

    /// The line of a submission against a code, without building the assessment: the statuses are
    /// counted as they are decided (``Assessor/summary(_:asOf:asIfInForce:each:)``) and no
    /// per-measure result is kept. The same bytes as ``line(_:sha256:summary:)`` gives for
    /// `assess(…, explain: false)` with no review and no lens.
    /// `table` is the submission's facts resolved once for all the codes of its vocabulary (nil
    /// resolves them here).
    public static func line(_ submission: Submission, table: FactTable? = nil, assessor: Assessor, asOf: Day, asIfInForce: Bool = false,
                            sha256: String) -> (String, Assessment.Summary) {
        var ids = IDs()
        let s = assessor.summary(submission, table: table, asOf: asOf, asIfInForce: asIfInForce) { id, status, isGap, critical in
            if isGap || status == .unknown { ids.add(id, status: status, isGap: isGap, critical: critical) }
        }
        // The code's three names only: copying the whole code would retain each of its arrays.
        let code = (assessor.code.header.id, assessor.code.header.version, assessor.code.header.status)
        return (line(submission: submission, code: code, asOf: asOf, asIfInForce: asIfInForce, sha256: sha256, summary: s, ids: ids), s)
    }

    /// The measure ids of a line's three lists, gathered in the code's order.
    struct IDs {
        var gaps = ",\"gaps\":[", critical = ",\"critical_gaps\":[", unknown = ",\"unknown\":["
        var firstGap = true, firstCritical = true, firstUnknown = true

        mutating func add(_ id: String, status: MeasureStatus, isGap: Bool, critical isCritical: Bool) {
            if isGap {
                if !firstGap { gaps += "," }
                JSON.quote(id, into: &gaps)
                firstGap = false
                if isCritical {
                    if !firstCritical { critical += "," }
                    JSON.quote(id, into: &critical)
                    firstCritical = false
                }
            } else if status == .unknown {
                if !firstUnknown { unknown += "," }
                JSON.quote(id, into: &unknown)
                firstUnknown = false
            }
        }
    }

    /// The summary's counts, in the line's order (nil: the applicable measures).
    private static let counted: [(String, MeasureStatus?)] = [
        ("applicable", nil), ("met", .met), ("partial", .partial), ("not_met", .notMet), ("unknown", .unknown),
        ("alternative", .alternative), ("not_applicable", .notApplicable), ("not_in_force", .notInForce),
    ]

    static func line(submission: Submission, code: (id: String, version: String, status: Code.Status), asOf: Day, asIfInForce: Bool, sha256: String,
                     summary s: Assessment.Summary, ids: IDs) -> String {
        var out = ""
        out.reserveCapacity(512)
        out += "{\"format\":\"safetycode.summary/1\",\"submission\":{\"service\":"
        JSON.quote(submission.service, into: &out)
        out += ",\"file\":"
        JSON.quote(submission.file, into: &out)
        out += ",\"sha256\":"
        JSON.quote(sha256, into: &out)
        out += "},\"code\":{\"id\":"
        JSON.quote(code.id, into: &out)
        out += ",\"version\":"
        JSON.quote(code.version, into: &out)
        out += ",\"status\":\"\(code.status.rawValue)\"},\"as_of\":\"\(asOf)\",\"as_if_in_force\":\(asIfInForce),\"summary\":"
        out += "{\"score\":" + (s.score.map { JSON.format($0) } ?? "null")
        out += ",\"score_upper\":" + (s.scoreUpper.map { JSON.format($0) } ?? "null")
        out += ",\"decided\":" + (s.decided.map { JSON.format($0) } ?? "null")
        for (key, status) in counted {
            out += ",\"\(key)\":\(status.map { s[$0] } ?? s.applicable)"
            if status == nil { out += ",\"may_apply\":\(s.mayApply)" }
        }
        out += "}"
        out += ids.gaps + "]" + ids.critical + "]" + ids.unknown + "]}"
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
    /// Bytes written to the file, and how many of them have been handed to the disk.
    private var written = 0
    private var handedOver = 0
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
            // Said as it is (permission denied, a file in the way), not as the missing folder
            // that making the file in it would then report.
            let folderFailure = ReportFile.makeFolder(out).map { "cannot create the folder \(out): \($0)" }
            // Created exclusively (never through a link) and registered, so SIGINT or SIGTERM
            // removes it.
            switch TemporaryFiles.make(template: (out as NSString).appendingPathComponent(".summary.jsonl.XXXXXX")) {
            case .made(let made, let path):
                fd = made
                temporary = path
            case .failed(let code):
                fd = -1
                temporary = nil
                failure = folderFailure ?? String(cString: strerror(code))
            }
            self.target = target
        }
    }

    /// Removes the temporary files that runs killed outright (SIGKILL, a power cut) left in
    /// `folder`: `.summary.jsonl.` and six letters or digits, regular files only. Call it only
    /// with the folder's ``OutputLock`` held: every run that writes a summary holds it, so such a
    /// file then belongs to no live run.
    static func removeLeftovers(in folder: String) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        let prefix = Array(".summary.jsonl.".utf8)
        while let entry = readdir(dir) {
            let name = DirectoryEntry.name(entry)
            guard name.count == prefix.count + 6, name.starts(with: prefix),
                  name[prefix.count...].allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
            else { continue }
            let path = (folder as NSString).appendingPathComponent(String(decoding: name, as: UTF8.self))
            var info = stat()
            if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
    }

    /// Takes lines as UTF-8 bytes, each ending in a newline.
    func write(_ lines: [UInt8]) {
        buffer += lines
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        if failure == nil, fd >= 0, let reason = Descriptor.write(buffer, to: fd) { failure = reason }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
        // Every 2 MiB, start writing the file out, and do not wait. On ext4, renaming a file over
        // an existing one first writes out whatever of it is still only in memory (its
        // auto_da_alloc), so without this a batch's summary (80 MB for 20,000 files and six
        // codes) made the run's end wait about 70 ms on one core; now only the last 2 MiB.
        // Advice only: a failure changes nothing the run promises, so it is not checked.
        #if canImport(CGlibcExtras)
        if temporary != nil, failure == nil, written - handedOver >= 2 << 20 {
            _ = sync_file_range(fd, off_t(handedOver), off_t(written - handedOver), UInt32(SAFETYCODE_SYNC_FILE_RANGE_WRITE))
            handedOver = written
        }
        #endif
    }

    /// Flushes, and renames the file into place; returns its path. A failed write leaves no
    /// file behind and is one `write-failed` error.
    func finish() throws(DiagnosticError) -> String? {
        flush()
        let place = target ?? "to standard output"
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
