import Foundation
import SafetyCodeCore
import YAMLTree

/// Writing report files safely: a name taken from an input can never leave the output folder,
/// and a file is written to a temporary name and renamed, so no reader ever sees half a report.
public enum ReportFile {
    /// A path component made safe: letters, digits, `.`, `-`, `_` and `@` kept, anything else
    /// (slashes, `..`, spaces, control characters) replaced, and never empty or starting with a dot.
    public static func safeComponent(_ name: String) -> String {
        var out = ""
        for u in name.unicodeScalars {
            let ok = (u.value < 128) && (CharacterSet.alphanumerics.contains(u) || u == "." || u == "-" || u == "_" || u == "@")
            out.unicodeScalars.append(ok ? u : "_")
        }
        while out.hasPrefix(".") { out = "_" + out.dropFirst() }
        if out.isEmpty { out = "_" }
        return String(out.prefix(120))
    }

    /// The stem of a submission's file name: `Submissions/chatterbox.yaml` gives `chatterbox`.
    public static func stem(_ file: String) -> String {
        let name = (file as NSString).lastPathComponent
        let base = (name as NSString).deletingPathExtension
        return safeComponent(base)
    }

    /// `<out>/<stem>/<code-id>@<version>.<ext>`.
    public static func path(out: String, submission: String, code: Code, ext: String) -> String {
        let name = safeComponent("\(code.header.id)@\(code.header.version)") + "." + ext
        return (out as NSString).appendingPathComponent(stem(submission) + "/" + name)
    }

    /// Writes text atomically: into a temporary file beside the target, then renamed over it.
    public static func write(_ text: String, to path: String) throws(DiagnosticError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let place = SourceLocation(file: path, line: 1, column: 1)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticError([.error("write-failed", "cannot create the folder \(dir.path): \(Self.reason(error))", at: place)])
        }
        let temporary = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let code = errno
                try? FileManager.default.removeItem(at: temporary)
                throw DiagnosticError([.error("write-failed", "cannot write the report: \(String(cString: strerror(code)))", at: place)])
            }
        } catch let e as DiagnosticError {
            throw e
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DiagnosticError([.error("write-failed", "cannot write the report: \(Self.reason(error))", at: place)])
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, let posix = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(posix.rawValue))
        }
        return ns.localizedDescription
    }
}
