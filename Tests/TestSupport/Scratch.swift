import Foundation
import YAMLTree

/// A temporary folder of files for one test, removed when the test's value goes away: no shared
/// temporary paths between tests.
public final class Scratch {
    /// The folder.
    public let url: URL
    /// The folder's path.
    public var path: String { url.path }

    /// Makes a new, empty folder.
    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("safetycode-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes files (markers stripped); returns the place marked `⟨here⟩`, if any.
    @discardableResult
    public func write(_ files: [String: String]) -> SourceLocation? {
        var marked: SourceLocation?
        for (name, text) in files {
            let m = Marked(text)
            let file = url.appendingPathComponent(name)
            try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(m.text.utf8).write(to: file)
            if let p = m.places["here"] { marked = SourceLocation(file: file.path, line: p.line, column: p.column) }
        }
        return marked
    }

    /// The path of a file in the folder.
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Every file below the folder (or below `sub`), relative, sorted.
    public func files(under sub: String = "") -> [String] {
        let base = sub.isEmpty ? path : file(sub)
        return (FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? [])
            .filter { !isDirectory(base + "/" + $0) }.sorted()
    }
}

/// Whether `path` is a folder.
public func isDirectory(_ path: String) -> Bool {
    var d: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
}
