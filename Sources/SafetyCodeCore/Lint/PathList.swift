import Foundation
import YAMLTree

/// A list of file paths kept in one byte buffer, each path made when it is asked for: a batch
/// over a folder of 100,000 submissions holds their names in a few megabytes, not a `String`
/// object per path (and its copies).
public struct PathList: RandomAccessCollection, Sendable {
    /// The folders named on the command line (with no trailing `/`), or "" for files named.
    private var bases: [String] = []
    /// Each path: the index of its base, and where its bytes (after `base/`) are in `bytes`.
    private var entries: [(base: Int32, start: Int32, end: Int32)] = []
    private var bytes: [UInt8] = []

    /// An empty list.
    public init() {}

    /// The first index.
    public var startIndex: Int { 0 }
    /// One past the last index.
    public var endIndex: Int { entries.count }

    /// The path at `i`, as ``Lint/expand(_:missing:)`` gives it.
    public subscript(i: Int) -> String {
        let rest = bytes.withUnsafeBufferPointer { String(decoding: $0[Int(entries[i].start)..<Int(entries[i].end)], as: UTF8.self) }
        let base = bases[Int(entries[i].base)]
        return base.isEmpty ? rest : base + "/" + rest
    }

    /// Adds a path named as it is.
    mutating func append(file: String) {
        let start = Int32(bytes.count)
        bytes += file.utf8
        entries.append((baseIndex(""), start, Int32(bytes.count)))
    }

    /// The index of a base, added when it is not the last one.
    private mutating func baseIndex(_ base: String) -> Int32 {
        if let last = bases.last, last == base, !base.isEmpty { return Int32(bases.count - 1) }
        bases.append(base)
        return Int32(bases.count - 1)
    }

    /// Adds the `.yaml` and `.yml` files under a folder (relative to it), sorted: their names go
    /// straight into the buffer as they are read, and only their places are sorted, so listing
    /// a folder keeps no object per file.
    mutating func add(folder base: String) -> Bool {
        let b = baseIndex(base)
        let first = entries.count
        Lint.walk(base, prefix: [], into: &self, base: b)
        let found = entries.count > first
        let names = bytes
        names.withUnsafeBufferPointer { all in
            entries[first...].sort { x, y in
                Lint.nameOrder(UnsafeBufferPointer(rebasing: all[Int(x.start)..<Int(x.end)]),
                               UnsafeBufferPointer(rebasing: all[Int(y.start)..<Int(y.end)]))
            }
        }
        return found
    }

    /// Adds one name found under the folder of base `b`.
    mutating func add(name: some Sequence<UInt8>, base b: Int32) {
        let start = Int32(bytes.count)
        bytes += name
        entries.append((b, start, Int32(bytes.count)))
    }
}

extension Lint {
    /// Files named, and `.yaml`/`.yml` files under folders named (hidden ones too; links to
    /// folders are not followed), sorted within each folder: ``expand(_:missing:)`` kept compact.
    public static func list(_ paths: [String], missing: inout [Diagnostic]) -> PathList {
        var out = PathList()
        // A file or folder named twice (the same path, or another way to it) is taken once: a
        // shell pattern that overlaps a name typed beside it would otherwise assess one file twice
        // and file the second reports as if another service had the same name.
        var named: [FileIdentity: String] = [:]
        var files: [(index: Int, identity: FileIdentity)] = []
        var folders = false
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                // Said as reading the file says it (the same words and code whether the path is
                // named or found in a folder); only a path that leads nowhere is a missing file.
                let at = SourceLocation(file: path, line: 1, column: 1)
                if let why = YAMLLoader.unreachable(path, reason: errno) {
                    missing.append(.error(.unreadable, why, at: at))
                } else {
                    missing.append(.error(.missingFile, "no such file or folder", at: at))
                }
                continue
            }
            let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            if let first = named[identity] {
                missing.append(namedTwice(path, first: first, what: isFolder ? "folder" : "file"))
                continue
            }
            named[identity] = path
            guard isFolder else {
                files.append((out.count, identity))
                out.append(file: path)
                continue
            }
            folders = true
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            // Names only (a few bytes each); a chunk of `base/` is added when a path is asked for.
            if !out.add(folder: base) {
                // A folder that cannot be listed is said so, not as an empty one.
                if let dir = opendir(base) {
                    closedir(dir)
                    missing.append(.error(.missingFile, "the folder holds no .yaml files", at: SourceLocation(file: path, line: 1, column: 1)))
                } else {
                    missing.append(.error(.unreadable, "the folder cannot be read: \(String(cString: strerror(errno)))", at: SourceLocation(file: path, line: 1, column: 1)))
                }
            }
        }
        if folders && !files.isEmpty { out.removeRepeats(of: files, missing: &missing) }
        return out
    }

    /// The order of `String`'s `<` on the names: byte order when both are ASCII (the same), and
    /// `String`'s own comparison otherwise.
    static func nameOrder(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) { return a.lexicographicallyPrecedes(b) }
        return String(decoding: a, as: UTF8.self) < String(decoding: b, as: UTF8.self)
    }

    /// Adds the `.yaml` and `.yml` entries under `folder` (relative paths, `sub/name.yaml`),
    /// descending into folders but not into links to them.
    static func walk(_ folder: String, prefix: [UInt8], into found: inout PathList, base: Int32) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        let yaml = Array(".yaml".utf8), yml = Array(".yml".utf8)
        while let entry = readdir(dir) {
            let name = DirectoryEntry.name(entry)
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let relative = prefix.isEmpty ? name : prefix + [0x2F] + name
            if relative.count >= yaml.count && relative.suffix(yaml.count).elementsEqual(yaml)
                || relative.count >= yml.count && relative.suffix(yml.count).elementsEqual(yml) {
                found.add(name: relative, base: base)
            }
            var isFolder = DirectoryEntry.type(entry) == DT_DIR
            let path = { folder + "/" + String(decoding: name, as: UTF8.self) }
            if DirectoryEntry.type(entry) == DT_UNKNOWN {
                var info = stat()
                isFolder = lstat(path(), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder { walk(path(), prefix: relative, into: &found, base: base) }
        }
    }
}

/// A file as the system knows it, whatever path leads to it.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
}

extension Lint {
    /// The warning at the second name of one file or folder: about the command line, so it has
    /// no place in the file (which would show the file's first line as if that were wrong).
    static func namedTwice(_ path: String, first: String, what: String, folder: String? = nil) -> Diagnostic {
        let how = if let folder { " (it is also in the folder \(folder))" } else if first != path { " (first as \(first))" } else { "" }
        return Diagnostic(.warning, code: .badOption, message: "the \(what) \(path) is named more than once\(how): it is taken once", at: nil)
    }
}

extension PathList {
    /// Drops the later of each file named on its own and found again in a folder named (either
    /// order), with a warning there. Only folder entries with the name of a file named are
    /// looked at, so a large folder costs a comparison of names per entry.
    mutating func removeRepeats(of files: [(index: Int, identity: FileIdentity)], missing: inout [Diagnostic]) {
        let byIdentity = Dictionary(files.map { ($0.identity, $0.index) }, uniquingKeysWith: { a, _ in a })
        let names = Set(files.map { Array((self[$0.index] as NSString).lastPathComponent.utf8) })
        let explicit = Set(files.map(\.index))
        var drop: Set<Int> = []
        for i in indices where !explicit.contains(i) {
            let entry = entries[i]
            let name = bytes[Int(entry.start)..<Int(entry.end)]
            let last = name.lastIndex(of: 0x2F).map { name.index(after: $0) } ?? name.startIndex
            guard names.contains(Array(name[last...])) else { continue }
            var info = stat()
            guard stat(self[i], &info) == 0, let other = byIdentity[FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))] else { continue }
            let (first, later) = other < i ? (other, i) : (i, other)
            guard drop.insert(later).inserted else { continue }
            missing.append(Lint.namedTwice(self[later], first: self[first], what: "file", folder: bases[Int(entries[i].base)]))
        }
        entries = entries.indices.filter { !drop.contains($0) }.map { entries[$0] }
    }
}
