import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore

/// The folder listing of batch runs (`Lint.list`), kept in one buffer.
@Suite("Folder listing")
struct PathListTests {
    @Test("a folder lists its .yaml and .yml files at every depth, hidden ones too, sorted, without following a link to a folder")
    func listing() throws {
        let scratch = Scratch()
        scratch.write(["b.yaml": "", "a.yml": "", "A.yaml": "", ".hidden.yaml": "", "notes.txt": "", "z.yaml.bak": "",
                       "sub/c.yaml": "", "sub/deeper/d.yaml": "", "é.yaml": ""])
        try FileManager.default.createSymbolicLink(atPath: scratch.file("link"), withDestinationPath: scratch.file("sub"))
        try FileManager.default.createSymbolicLink(atPath: scratch.file("alias.yaml"), withDestinationPath: scratch.file("b.yaml"))
        var missing: [Diagnostic] = []
        // With a trailing slash, the paths are made without a double one.
        let list = Lint.list([scratch.path + "/", scratch.file("notes.txt")], missing: &missing)
        #expect(missing.isEmpty)
        let expected = [".hidden.yaml", "A.yaml", "a.yml", "alias.yaml", "b.yaml", "sub/c.yaml", "sub/deeper/d.yaml", "é.yaml"]
            .map { scratch.path + "/" + $0 } + [scratch.file("notes.txt")]
        #expect(Array(list) == expected)
        #expect(list.count == 9 && list[8] == scratch.file("notes.txt"))
        #expect(Lint.expand([scratch.path + "/", scratch.file("notes.txt")], missing: &missing) == expected)
    }

    @Test("a missing path and a folder without .yaml files are reported, and the rest listed")
    func missing() {
        let scratch = Scratch()
        scratch.write(["empty/notes.txt": "", "one/x.yaml": ""])
        var missing: [Diagnostic] = []
        let list = Lint.list([scratch.file("nothing"), scratch.file("empty"), scratch.file("one")], missing: &missing)
        #expect(Array(list) == [scratch.file("one/x.yaml")])
        #expect(missing.map(\.message) == ["no such file or folder", "the folder holds no .yaml files"])
    }
}
