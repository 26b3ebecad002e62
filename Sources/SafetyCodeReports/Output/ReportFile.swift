import Foundation
import SafetyCodeCore
import YAMLTree

/// Writing report files safely: a name taken from an input can never leave the output folder,
/// two inputs never write the same file, and a file is written to a temporary file of its own
/// and renamed, so no reader ever sees half a report.
public enum ReportFile {
    /// Names a run writes into its output folder itself; no report folder takes them.
    public static let reserved: Set<String> = ["index.md", "index.html", "summary.jsonl", "comparisons"]

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

    /// The report folder of every submission of a run, decided before anything is written, so
    /// that two submissions never share one (SPEC section 4).
    ///
    /// A submission's folder is its file's stem, made safe. Where several submissions would
    /// share a folder (the same stem in two folders, `x.yaml` and `x.yml`, names that clean to
    /// the same text or differ only in case, or a stem that is one of the ``reserved`` names),
    /// the first of them in the sorted order of their paths keeps the stem and the others get
    /// `-2`, `-3`, … (the next number whose name is free). The result depends only on the set of
    /// paths, never on their order or on the parallelism.
    public static func folders(for paths: [String]) -> [String] {
        let stems = paths.map(stem)
        var taken: Set<String> = reserved
        var counts: [String: Int] = [:]
        for s in stems { counts[s.lowercased(), default: 0] += 1 }
        var result = [String](repeating: "", count: paths.count)
        // Unique stems first: a submission whose stem nobody else has always keeps it.
        for (i, s) in stems.enumerated() where counts[s.lowercased()] == 1 && !reserved.contains(s.lowercased()) {
            result[i] = s
            taken.insert(s.lowercased())
        }
        let order = paths.indices.sorted { a, b in
            let pa = (paths[a] as NSString).standardizingPath, pb = (paths[b] as NSString).standardizingPath
            return pa != pb ? pa < pb : a < b
        }
        for i in order where result[i].isEmpty {
            let base = stems[i]
            var candidate = base
            var n = 1
            while taken.contains(candidate.lowercased()) {
                n += 1
                candidate = String(base.prefix(110)) + "-\(n)"
            }
            taken.insert(candidate.lowercased())
            result[i] = candidate
        }
        return result
    }

    /// The file name of a code's reports, without extension: `<code-id>@<version>`, made safe.
    public static func codeName(_ code: Code) -> String {
        safeComponent("\(code.header.id)@\(code.header.version)")
    }

    /// `<out>/<folder>/<code-id>@<version>.<ext>`.
    public static func path(out: String, folder: String, code: Code, ext: String) -> String {
        (out as NSString).appendingPathComponent(folder + "/" + codeName(code) + "." + ext)
    }

    /// Writes text atomically: into a temporary file of its own beside the target (created
    /// exclusively, so never through a planted link, and unique to this write), then renamed
    /// over the target. On failure, or on SIGINT or SIGTERM (``TemporaryFiles``), nothing is left behind.
    public static func write(_ text: String, to path: String) throws(DiagnosticError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        func failure(_ why: String) -> DiagnosticError {
            DiagnosticError([.error(.writeFailed, "cannot write \(path): \(why)", at: nil)])
        }
        if let why = makeFolder(dir.path) {
            throw DiagnosticError([.error(.writeFailed, "cannot create the folder \(dir.path): \(why)", at: nil)])
        }
        let fd: Int32, temporary: String
        switch TemporaryFiles.make(template: dir.path + "/." + url.lastPathComponent + ".XXXXXX") {
        case .made(let f, let p): (fd, temporary) = (f, p)
        case .failed(let code): throw failure(String(cString: strerror(code)))
        }
        var ok = false
        defer {
            if !ok { TemporaryFiles.remove(temporary) }
        }
        if let reason = Descriptor.write(text.utf8, to: fd) {
            close(fd)
            throw failure(reason)
        }
        if close(fd) != 0 { throw failure(String(cString: strerror(errno))) }
        if !TemporaryFiles.rename(temporary, to: path) { throw failure(String(cString: strerror(errno))) }
        ok = true
    }

    /// Makes a folder and the folders above it; nil when it is there, or why it cannot be made,
    /// in words ("/a/b is a file, not a folder", "Permission denied"). Every writer of the
    /// project's output makes its folders through this, so each says the same thing.
    public static func makeFolder(_ path: String) -> String? {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return nil
        } catch {
            return folderProblem(path) ?? reason(error)
        }
    }

    /// Why a folder cannot be made, in words: the first part of its path that is a file.
    static func folderProblem(_ path: String) -> String? {
        var p = path
        while !p.isEmpty && p != "/" && p != "." {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir) {
                if isDir.boolValue { return nil }
                var info = stat()
                return lstat(p, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? "\(p) is a file, not a folder" : "\(p) is not a folder"
            }
            p = (p as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// Why a file operation failed, in the system's words ("Permission denied"), not Foundation's
    /// ("The operation could not be completed. You don't have permission.").
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, let posix = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(posix.rawValue))
        }
        // Foundation gives some system errors as its own codes, with no system error beneath.
        if ns.domain == NSCocoaErrorDomain {
            let code: Int32? = switch ns.code {
            case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue: EACCES
            case CocoaError.fileWriteOutOfSpace.rawValue: ENOSPC
            case CocoaError.fileWriteVolumeReadOnly.rawValue: EROFS
            default: nil
            }
            if let code { return String(cString: strerror(code)) }
        }
        return ns.localizedDescription
    }
}
