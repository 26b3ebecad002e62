import Foundation
import YAMLTree

/// A list of file paths kept in one byte buffer, each path made when it is asked for: a batch
/// over a folder of 100,000 submissions holds their names in a few megabytes, not a `String`
/// object per path (and its copies).
public struct PathList: RandomAccessCollection, Sendable {
    /// The folders named on the command line (with no trailing `/`), or "" for files named.
    private var bases: [String] = []
    /// Each path: the index of its base, and where its bytes (after `base/`) end in `bytes`.
    private var entries: [(base: Int32, end: Int32)] = []
    private var bytes: [UInt8] = []

    /// An empty list.
    public init() {}

    /// The first index.
    public var startIndex: Int { 0 }
    /// One past the last index.
    public var endIndex: Int { entries.count }

    /// The path at `i`, as ``Lint/expand(_:missing:)`` gives it.
    public subscript(i: Int) -> String {
        let start = i == 0 ? 0 : Int(entries[i - 1].end)
        let rest = bytes.withUnsafeBufferPointer { String(decoding: $0[start..<Int(entries[i].end)], as: UTF8.self) }
        let base = bases[Int(entries[i].base)]
        return base.isEmpty ? rest : base + "/" + rest
    }

    /// Adds a path named as it is.
    mutating func append(file: String) {
        add(base: "", names: [Array(file.utf8)])
    }

    /// Adds the names found under a folder (relative to it), in the order given.
    mutating func add(base: String, names: [[UInt8]]) {
        let b: Int32
        if let last = bases.last, last == base, !base.isEmpty { b = Int32(bases.count - 1) } else {
            bases.append(base)
            b = Int32(bases.count - 1)
        }
        for name in names {
            bytes += name
            entries.append((b, Int32(bytes.count)))
        }
    }
}

extension Lint {
    /// Files named, and `.yaml`/`.yml` files under folders named (hidden ones too; links to
    /// folders are not followed), sorted within each folder: ``expand(_:missing:)`` kept compact.
    public static func list(_ paths: [String], missing: inout [Diagnostic]) -> PathList {
        var out = PathList()
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                missing.append(.error(.missingFile, "no such file or folder", at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                out.append(file: path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            // Names only (a few bytes each); a chunk of `base/` is added when a path is asked for.
            var found: [[UInt8]] = []
            walk(base, prefix: [], into: &found)
            if found.isEmpty {
                missing.append(.error(.missingFile, "the folder holds no .yaml files", at: SourceLocation(file: path, line: 1, column: 1)))
            }
            found.sort(by: nameOrder)
            out.add(base: base, names: found)
        }
        return out
    }

    /// The order of `String`'s `<` on the names: byte order when both are ASCII (the same), and
    /// `String`'s own comparison otherwise.
    static func nameOrder(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) { return a.lexicographicallyPrecedes(b) }
        return String(decoding: a, as: UTF8.self) < String(decoding: b, as: UTF8.self)
    }

    /// Adds the `.yaml` and `.yml` entries under `folder` (relative paths, `sub/name.yaml`),
    /// descending into folders but not into links to them.
    static func walk(_ folder: String, prefix: [UInt8], into found: inout [[UInt8]]) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        let yaml = Array(".yaml".utf8), yml = Array(".yml".utf8)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let relative = prefix.isEmpty ? name : prefix + [0x2F] + name
            if relative.count >= yaml.count && relative.suffix(yaml.count).elementsEqual(yaml)
                || relative.count >= yml.count && relative.suffix(yml.count).elementsEqual(yml) {
                found.append(relative)
            }
            var isFolder = Int32(entry.pointee.d_type) == DT_DIR
            let path = { folder + "/" + String(decoding: name, as: UTF8.self) }
            if Int32(entry.pointee.d_type) == DT_UNKNOWN {
                var info = stat()
                isFolder = lstat(path(), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder { walk(path(), prefix: relative, into: &found) }
        }
    }
}
