import Crypto
import NIOCore
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import Synchronization
import YAMLTree
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The workspace folder (SPEC section 11): its own list of files, read from disk and kept in
/// memory keyed by each file's SHA-256. Every request takes a ``Snapshot``. When the ``Watcher``
/// (inotify, on Linux) saw no event since the last scan, the last snapshot is reused at the cost
/// of one system call; otherwise the folders are scanned: one readdir per folder and one `lstat`
/// per file; a file whose size, modification and change times and inode are unchanged is not
/// read again, and a snapshot whose files all hash the same is reused whole, so an edit made in
/// git or an editor shows on the next request and nothing is redone when nothing changed.
/// No request names a file: pages find files only through this list.
final class Workspace: Sendable {
    /// The folder, absolute.
    let root: String
    /// What file paths are prefixed with to reach the disk ("" when the folder is the working one,
    /// so reports name files as `safetycode assess` run there would).
    let base: String

    struct Stat: Equatable, Sendable {
        /// The size given to a symbolic link: it is listed, to be named on the page, and never read.
        static let link: Int64 = -1
        var isLink: Bool { size == Self.link }
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
        /// The status change time, which no program can set back: an edit that keeps the size
        /// and restores the modification time (`cp -p`, `touch -r`) still changes it.
        var changeSeconds: Int = 0
        var changeNanoseconds: Int = 0
    }

    /// One file as read.
    struct File: Sendable {
        var stat: Stat
        var sha256: String
        var bytes: [UInt8]
    }

    private struct State {
        var files: [String: File] = [:]
        var snapshot: Snapshot?
        /// Files of the list that could not be read (too large, or unreadable), as they were then.
        var unreadable: [String: Stat] = [:]
        var watcher: Watcher
        /// How many times the folders were scanned (for tests).
        var scans = 0
    }

    private let state: Mutex<State>
    /// Parsed and decoded pieces, by the digests of what they were made from.
    let cache = Cache()

    /// `watch`: whether to use inotify where there is one (false: scan on every request).
    init(root: String, watch: Bool = true) {
        state = Mutex(State(watcher: Watcher(enabled: watch)))
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        let standard = URL(fileURLWithPath: absolute).standardizedFileURL.path
        self.root = standard
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        base = standard == cwd ? "" : standard + "/"
    }

    deinit { state.withLock { $0.watcher.close() } }

    /// The largest file read (as the CLI's YAML limit).
    static let maxFileBytes = YAMLLimits.default.maxFileBytes

    /// Folders whose `*.yaml` files belong to the workspace, and whether to descend.
    static let folders: [(String, Bool)] = [("Codes", true), ("Submissions", false), ("Submissions/history", false), ("Reviews", false), ("Drafts", false)]

    /// The workspace's files now: relative path -> stat (regular files only; symbolic links,
    /// hidden files and anything else skipped). Each folder read is watched first.
    private func list(_ watcher: inout Watcher) -> [String: Stat] {
        var out: [String: Stat] = [:]
        func walk(_ rel: String, recursive: Bool) {
            let dir = root + "/" + rel
            watcher.watch(dir)
            guard let d = opendir(dir) else { return }
            defer { closedir(d) }
            while let e = readdir(d) {
                let name = String(decoding: DirectoryEntry.name(e), as: UTF8.self)
                if name.hasPrefix(".") { continue }
                let path = rel + "/" + name
                var st = stat()
                guard lstat(root + "/" + path, &st) == 0 else { continue }
                let kind = st.st_mode & S_IFMT
                if kind == S_IFDIR {
                    if recursive { walk(path, recursive: true) }
                } else if kind == S_IFREG, name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    #if canImport(Darwin)
                    let mtime = st.st_mtimespec, ctime = st.st_ctimespec
                    #else
                    let mtime = st.st_mtim, ctime = st.st_ctim
                    #endif
                    out[path] = Stat(size: Int64(st.st_size), seconds: Int(mtime.tv_sec), nanoseconds: Int(mtime.tv_nsec), inode: UInt64(st.st_ino),
                                     changeSeconds: Int(ctime.tv_sec), changeNanoseconds: Int(ctime.tv_nsec))
                } else if kind == S_IFLNK, name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    // Listed so that the page can say why it is left out (``Stat/isLink``); never read.
                    #if canImport(Darwin)
                    let ctime = st.st_ctimespec
                    #else
                    let ctime = st.st_ctim
                    #endif
                    out[path] = Stat(size: Stat.link, seconds: 0, nanoseconds: 0, inode: UInt64(st.st_ino),
                                     changeSeconds: Int(ctime.tv_sec), changeNanoseconds: Int(ctime.tv_nsec))
                }
            }
        }
        // The workspace folder itself: a folder of the list made, removed or renamed.
        watcher.watch(root, follow: true)
        for (folder, recursive) in Self.folders {
            var st = stat()
            // A folder that is a symbolic link is not followed.
            guard lstat(root + "/" + folder, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { continue }
            walk(folder, recursive: recursive)
        }
        return out
    }

    /// Reads a regular file of the list without following a symbolic link.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
            if out.count > maxFileBytes { return nil }
        }
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in SHA256.hash(data: bytes) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The workspace as it is on disk now.
    /// The scan and the check of the watcher are one step under the lock, so a request never
    /// takes a snapshot older than an event another request has read.
    func snapshot() -> Snapshot {
        state.withLock { s in
            if let snap = s.snapshot, s.watcher.quiet() { return snap }
            s.scans += 1
            s.watcher.scanning()
            let listed = list(&s.watcher)
            s.watcher.scanned()
            // Nothing changed, nothing is copied.
            if let snap = s.snapshot, listed.count == s.files.count + s.unreadable.count,
               listed.allSatisfy({ (s.files[$0.key]?.stat ?? s.unreadable[$0.key]) == $0.value }) { return snap }
            var changed = listed.count != s.files.count + s.unreadable.count
            var unreadable: [String: Stat] = [:]
            var files: [String: File] = [:]
            files.reserveCapacity(listed.count)
            for (path, stat) in listed {
                if let old = s.files[path], old.stat == stat {
                    files[path] = old
                    continue
                }
                if s.unreadable[path] == stat || stat.isLink {
                    if s.unreadable[path] != stat { changed = true }
                    unreadable[path] = stat
                    continue
                }
                guard let bytes = Self.readFile(root + "/" + path) else {
                    unreadable[path] = stat
                    changed = true
                    continue
                }
                let sha = Self.hex(bytes)
                if s.files[path]?.sha256 != sha { changed = true }
                files[path] = File(stat: stat, sha256: sha, bytes: bytes)
            }
            if !changed { changed = s.files.keys.contains { files[$0] == nil } || s.unreadable.keys.contains { unreadable[$0] == nil } }
            s.files = files
            s.unreadable = unreadable
            if !changed, let snap = s.snapshot { return snap }
            let snap = Snapshot(workspace: self, files: files, unreadable: unreadable.keys.sorted(), links: Set(unreadable.filter { $0.value.isLink }.keys))
            s.snapshot = snap
            return snap
        }
    }

    /// How many times the folders were scanned, and whether inotify is in use (for tests).
    var scanCount: (scans: Int, watching: Bool) { state.withLock { ($0.scans, $0.watcher.isActive) } }

    /// The path to reach a workspace file on disk.
    func disk(_ relative: String) -> String { base + relative }
}

/// Memoised results, by the digests of their inputs; cleared when it grows past a bound: a
/// number of entries, and a number of bytes (keys, and rendered pages held as byte buffers).
final class Cache: Sendable {
    private let store = Mutex(([String: any Sendable](), 0))
    static let limit = 50_000
    /// The bytes of keys and rendered pages kept at most.
    let maxBytes: Int

    init(maxBytes: Int = 256 << 20) { self.maxBytes = maxBytes }

    func value<T: Sendable>(_ key: String, _ make: () -> T) -> T {
        if let hit = store.withLock({ $0.0[key] }) as? T { return hit }
        let made = make()
        let cost = key.utf8.count + ((made as? ByteBuffer)?.readableBytes ?? 0)
        store.withLock { s in
            if s.0.count >= Self.limit || s.1 + cost > maxBytes { s = ([:], 0) }
            if s.0.updateValue(made, forKey: key) == nil { s.1 += cost }
        }
        return made
    }

    /// How many entries are kept now (for tests).
    var count: Int { store.withLock { $0.0.count } }
}
