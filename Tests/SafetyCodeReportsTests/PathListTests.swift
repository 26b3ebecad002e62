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

    @Test("a file or folder named twice, by the same path or another way to it, is listed once, with a warning at the second name")
    func namedTwice() throws {
        let scratch = Scratch()
        scratch.write(["a.yaml": "", "f/b.yaml": ""])
        try FileManager.default.createSymbolicLink(atPath: scratch.file("same.yaml"), withDestinationPath: scratch.file("a.yaml"))
        var missing: [Diagnostic] = []
        let list = Lint.list([scratch.file("a.yaml"), scratch.file("f"), scratch.file("a.yaml"), scratch.path + "/./a.yaml", scratch.file("same.yaml"),
                              scratch.path + "/f/"], missing: &missing)
        #expect(Array(list) == [scratch.file("a.yaml"), scratch.file("f") + "/b.yaml"])
        #expect(missing.map(\.severity) == [.warning, .warning, .warning, .warning])
        #expect(missing.map(\.message) == [
            "the file \(scratch.file("a.yaml")) is named more than once: it is taken once",
            "the file \(scratch.path)/./a.yaml is named more than once (first as \(scratch.file("a.yaml"))): it is taken once",
            "the file \(scratch.file("same.yaml")) is named more than once (first as \(scratch.file("a.yaml"))): it is taken once",
            "the folder \(scratch.path)/f/ is named more than once (first as \(scratch.file("f"))): it is taken once",
        ])
        #expect(missing.allSatisfy { $0.location == nil })
    }

    @Test("a file named on its own and found again in a folder named is listed once, at its first place, whichever comes first")
    func fileAndItsFolder() throws {
        let scratch = Scratch()
        scratch.write(["f/a.yaml": "", "f/b.yaml": "", "f/sub/b.yaml": "", "g/b.yaml": ""])
        var missing: [Diagnostic] = []
        // The file first: its copy in the folder's listing goes; a file of the same name elsewhere stays.
        var list = Lint.list([scratch.file("g/b.yaml"), scratch.file("f/b.yaml"), scratch.file("f")], missing: &missing)
        #expect(Array(list) == [scratch.file("g/b.yaml"), scratch.file("f/b.yaml"), scratch.file("f/a.yaml"), scratch.file("f/sub/b.yaml")])
        #expect(missing.map(\.message) == ["the file \(scratch.file("f/b.yaml")) is named more than once (it is also in the folder \(scratch.file("f"))): it is taken once"])
        // The folder first: the file named after it goes.
        missing = []
        list = Lint.list([scratch.file("f"), scratch.path + "/f/./b.yaml"], missing: &missing)
        #expect(Array(list) == [scratch.file("f/a.yaml"), scratch.file("f/b.yaml"), scratch.file("f/sub/b.yaml")])
        #expect(missing.map(\.message) == ["the file \(scratch.path)/f/./b.yaml is named more than once (it is also in the folder \(scratch.file("f"))): it is taken once"])
    }

    @Test("a directory entry at the very end of readable memory is read in place: its name and type, and not a byte past it")
    func entryAtPageEnd() throws {
        // Two pages, the second unreadable; a record as short as readdir makes it for "a.yaml"
        // (19 bytes of header, the name and its NUL, rounded up to 32) ends exactly at the first
        // page's end, as the last record of a listing's buffer can. Copying the 256-byte d_name,
        // as the folder walk did, reads into the second page and the process dies (SIGSEGV).
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let memory = try #require(mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(memory != MAP_FAILED)
        defer { munmap(memory, 2 * page) }
        #expect(mprotect(memory + page, page, PROT_NONE) == 0)
        let record = memory + page - 32
        memset(record, 0, 32)
        let nameAt = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        #expect(nameAt + 7 <= 32)
        record.storeBytes(of: UInt8(DT_REG), toByteOffset: MemoryLayout<dirent>.offset(of: \dirent.d_type)!, as: UInt8.self)
        for (i, byte) in Array("a.yaml".utf8).enumerated() { record.storeBytes(of: byte, toByteOffset: nameAt + i, as: UInt8.self) }
        let entry = record.assumingMemoryBound(to: dirent.self)
        #expect(DirectoryEntry.name(entry) == Array("a.yaml".utf8))
        #expect(DirectoryEntry.type(entry) == Int32(DT_REG))
    }
}
