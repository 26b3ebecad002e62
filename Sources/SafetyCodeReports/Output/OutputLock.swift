import Foundation
import YAMLTree

/// One run at a time in an output folder: an exclusive `flock` on the folder itself, held while
/// the run writes, so two runs into one folder never mix the formats of one report (each
/// report's files all come from one run). A second run waits, saying so on standard error.
/// Locking the folder, not a file in it, leaves nothing behind. The lock goes with the process,
/// however it ends.
final class OutputLock {
    private let fd: Int32

    /// Takes the lock on `folder` (made if missing), waiting while another run holds it; nil when
    /// the folder cannot be made or opened (writing then fails with its own error).
    init?(folder: String) {
        TemporaryFiles.handleSignals()  // a run waiting here still ends cleanly on Ctrl-C
        _ = ReportFile.makeFolder(folder)  // why it failed is the writer's error to give
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            FileHandle.standardError.write(Data("safetycode: waiting for another run writing into \(VisibleText.path(folder))\n".utf8))
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        self.fd = fd
    }

    deinit { close(fd) }
}
