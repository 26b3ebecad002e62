#if canImport(Glibc)
import Glibc
#endif

/// Tells the workspace whether anything may have changed on disk since its last scan, so a
/// request where nothing changed costs one system call instead of a readdir per folder and a
/// stat per file. On Linux: inotify on the workspace folder and on every folder scanned (the
/// kernel queues an event before the writing call returns, so a request that starts after an
/// edit sees it). Anywhere else, or when inotify cannot be had (no instance, out of watches), it
/// always answers "maybe", and the workspace scans on every request as before.
/// Used only under the workspace's lock.
struct Watcher {
    #if os(Linux)
    /// The inotify descriptor, or -1 when there is none (the scan on every request then).
    private var fd: Int32 = -1
    /// False until a scan has added every watch without a failure.
    private var trusted = false
    /// A watch could not be added: trust nothing until the next scan adds them all.
    private var failed = false

    static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
        | IN_DELETE_SELF | IN_MOVE_SELF) | UInt32(IN_ONLYDIR)

    init(enabled: Bool) {
        if enabled { fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }
    }

    /// True when no event came since the last completed scan: the snapshot still holds. Reads
    /// (and drops) every queued event; an event, a queue overflow or an error answers false.
    mutating func quiet() -> Bool {
        guard fd >= 0 else { return false }
        var sawEvent = false
        let fd = fd
        let failed = withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 8) { buffer in
            while true {
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n > 0 { sawEvent = true; continue }
                if n < 0 && errno == EINTR { continue }
                return n < 0 && errno != EAGAIN && errno != EWOULDBLOCK
            }
        }
        if failed { close() }
        return trusted && !sawEvent
    }

    /// A scan starts: watches added from here on must all succeed for it to be trusted.
    mutating func scanning() { failed = false }

    /// Watches a folder about to be read (before its entries are listed, so nothing made in
    /// between is missed). Out of watches or memory: inotify is given up, scans on every request.
    /// `follow`: whether a link named by `path` is followed (the workspace folder may be one; the
    /// folders in it are not followed, as the scan does not follow them).
    mutating func watch(_ path: String, follow: Bool = false) {
        guard fd >= 0 else { return }
        if inotify_add_watch(fd, path, Self.mask | (follow ? 0 : UInt32(IN_DONT_FOLLOW))) < 0 {
            if errno == ENOSPC || errno == ENOMEM || errno == EACCES { close() } else { failed = true }
        }
    }

    /// The scan finished: the next request may reuse it if no event comes.
    mutating func scanned() { trusted = fd >= 0 && !failed }

    /// Whether inotify is in use.
    var isActive: Bool { fd >= 0 }

    /// Gives inotify up (its descriptor closed).
    mutating func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
        trusted = false
    }
    #else
    init(enabled: Bool) {}
    mutating func quiet() -> Bool { false }
    mutating func scanning() {}
    mutating func watch(_ path: String, follow: Bool = false) {}
    mutating func scanned() {}
    var isActive: Bool { false }
    mutating func close() {}
    #endif
}
