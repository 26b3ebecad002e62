import Foundation
import SafetyCodeCore
import YAMLTree

extension ReportFile {
    /// Why a new file was not created.
    public enum CreateFailure: Error, Sendable {
        /// A file (or link) of that name is already there: nothing was written.
        case exists(String)
        /// Anything else, as one `write-failed` diagnostic.
        case failed(DiagnosticError)
    }

    /// Creates a new file holding `text`, atomically and without ever replacing anything: the text
    /// goes into a temporary file of its own beside the target (created exclusively), which is then
    /// linked to the target's name (`link` fails when the name exists, even as a dangling link,
    /// and follows no link at the target) and removed. The folder is created when missing, and
    /// must be a real folder, not a link to one. On any failure nothing is left behind.
    ///
    /// For the workbench's new submissions and drafts, whose names must never overwrite a file.
    public static func create(_ text: String, at path: String) throws(CreateFailure) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        func failure(_ why: String) -> CreateFailure {
            .failed(DiagnosticError([.error(.writeFailed, "cannot write \(path): \(why)", at: nil)]))
        }
        if let why = makeFolder(dir.path) {
            throw failure("cannot create the folder \(dir.path): \(why)")
        }
        var st = stat()
        guard lstat(dir.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw failure("\(dir.path) is not a folder (a link to one is refused)")
        }
        if lstat(path, &st) == 0 { throw .exists(path) }
        let fd: Int32, temporary: String
        switch TemporaryFiles.make(template: dir.path + "/." + url.lastPathComponent + ".XXXXXX") {
        case .made(let f, let p): (fd, temporary) = (f, p)
        case .failed(let code): throw failure(String(cString: strerror(code)))
        }
        defer { TemporaryFiles.remove(temporary) }
        if let reason = Descriptor.write(text.utf8, to: fd) {
            close(fd)
            throw failure(reason)
        }
        if fsync(fd) != 0 {
            let code = errno
            close(fd)
            throw failure(String(cString: strerror(code)))
        }
        if close(fd) != 0 { throw failure(String(cString: strerror(errno))) }
        if link(temporary, path) != 0 {
            let code = errno
            if code == EEXIST { throw .exists(path) }
            throw failure(String(cString: strerror(code)))
        }
    }
}
