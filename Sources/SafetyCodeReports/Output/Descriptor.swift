import Foundation
import SafetyCodeCore
import YAMLTree

/// Writing to a file descriptor with every failure reported, never trapped: Foundation's
/// `FileHandle.write(_:)` traps (`try!`) on a full disk, `/dev/full` or a closed pipe.
public enum Descriptor {
    /// Standard output.
    public static let standardOutput: Int32 = 1
    /// Standard error.
    public static let standardError: Int32 = 2

    /// Writes all of `bytes`, retrying short writes and interruptions; the reason on failure.
    public static func write(_ bytes: some Collection<UInt8>, to fd: Int32) -> String? {
        let array = Array(bytes)
        var offset = 0
        while offset < array.count {
            let n = array[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += n
        }
        return nil
    }

    /// Writes text to standard output; a failure is one `write-failed` diagnostic.
    public static func writeStandardOutput(_ text: String) throws(DiagnosticError) {
        if let reason = write(text.utf8, to: standardOutput) {
            throw DiagnosticError([.error(.writeFailed, "cannot write to standard output: \(reason)", at: nil)])
        }
    }

    /// Writes text to standard error, ignoring failure (there is nowhere left to say it).
    public static func writeStandardError(_ text: String) {
        _ = write(text.utf8, to: standardError)
    }

    /// A closed pipe makes a write fail with EPIPE, reported like any failed write, instead of
    /// killing the process with SIGPIPE.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }
}
