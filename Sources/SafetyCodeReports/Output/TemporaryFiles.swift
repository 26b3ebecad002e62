import Dispatch
import Foundation
import Synchronization

/// The run's temporary files, so that an interrupted run leaves none behind: every one is
/// created here (exclusively, with `mkstemp`) and registered, and SIGINT or SIGTERM removes every
/// registered file and ends the process with 130 or 143, as a shell reports those signals.
///
/// The signals are taken by `DispatchSourceSignal` (their default action ignored), so the
/// removal runs as ordinary code on a queue, not inside a signal handler. It holds the registry's
/// lock until the process ends, so no file can be made between the removal and the exit.
enum TemporaryFiles {
    private static let live = Mutex<Set<String>>([])

    /// The signal sources, kept alive for the life of the process.
    nonisolated(unsafe) private static let sources: [any DispatchSourceSignal] = {
        [(SIGINT, Int32(130)), (SIGTERM, Int32(143))].map { signo, status in
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
            source.setEventHandler {
                live.withLock { paths in
                    for path in paths { unlink(path) }
                    _exit(status)
                }
            }
            source.resume()
            return source
        }
    }()

    /// Set by ``TemporaryFileSignals/leaveToCaller()``: the program handles the signals itself.
    static let signalsLeftToCaller = Atomic<Bool>(false)

    /// Takes SIGINT and SIGTERM from now on (once per process), unless they are left to the caller.
    static func handleSignals() {
        guard !signalsLeftToCaller.load(ordering: .acquiring) else { return }
        _ = sources
    }

    /// Removes every registered file.
    static func removeAll() {
        live.withLock { paths in
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }

    /// A file made, or the `errno` of the failure.
    enum Made {
        case made(fd: Int32, path: String)
        case failed(errno: Int32)
    }

    /// Creates a file exclusively from a `mkstemp` template (`/dir/.name.XXXXXX`) and registers it.
    static func make(template: String) -> Made {
        handleSignals()
        var bytes = Array(template.utf8CString)
        return live.withLock { paths in
            let fd = bytes.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { return .failed(errno: errno) }
            // mkstemp makes the file private; a report is as readable as any file the user creates.
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
            let path = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            paths.insert(path)
            return .made(fd: fd, path: path)
        }
    }

    /// Renames a registered file into place and forgets it; false (with `errno` set) on failure.
    static func rename(_ path: String, to target: String) -> Bool {
        live.withLock { paths in
            let ok = Glibc.rename(path, target) == 0
            if ok { paths.remove(path) }
            return ok
        }
    }

    /// Removes a registered file and forgets it.
    static func remove(_ path: String) {
        live.withLock { paths in
            unlink(path)
            paths.remove(path)
        }
    }

    /// The paths registered now (for tests).
    static var registered: Set<String> { live.withLock { $0 } }
}

/// For a long-running program that stops on SIGINT and SIGTERM itself (the workbench's graceful
/// shutdown): the temporary files then leave the signals alone, and the program removes any
/// temporary file left when it ends. (Taking them would set their disposition to ignored, which on
/// Linux swallows the signal before the program's own handler sees it.)
public enum TemporaryFileSignals {
    /// From now on, making a temporary file does not take SIGINT or SIGTERM. Call it before the
    /// first temporary file is made.
    public static func leaveToCaller() {
        TemporaryFiles.signalsLeftToCaller.store(true, ordering: .releasing)
    }

    /// Removes every temporary file not yet renamed into place (none when every write finished).
    public static func removeAll() {
        TemporaryFiles.removeAll()
    }
}
