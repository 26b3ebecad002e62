import Foundation
@testable import SafetyCodeServer
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The workbench's view of the workspace on disk (SPEC section 11: "an edit made in git or an
/// editor shows on the next request"), with inotify watching the folders (on Linux) and with the
/// scan on every request that is used where inotify is not.
@Suite("The workbench's view of the workspace on disk")
struct WorkspaceWatchTests {
    /// The services' names, as the next request sees them.
    func names(_ w: Workspace) -> Set<String> { Set(w.snapshot().services.map(\.name)) }

    func replace(_ path: String, _ old: String, with new: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: old, with: new)
    }

    /// Writes `text` into the file in place (same inode), as some editors and `cp` do.
    func writeInPlace(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_TRUNC)
        precondition(fd >= 0)
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    @Test("with nothing changed, requests reuse the snapshot without scanning the folders again (inotify on Linux); an edit is then seen")
    func noRescan() throws {
        let ws = exampleWorkspace()
        let w = Workspace(root: ws.path)
        #expect(names(w).contains("Lanternly Live"))
        for _ in 0..<20 { _ = w.snapshot() }
        #if os(Linux)
        #expect(w.scanCount.watching)
        #expect(w.scanCount.scans == 1)
        #endif
        let path = ws.file("Submissions/lanternly-live.yaml")
        writeInPlace(path, try replace(path, "service: Lanternly Live", with: "service: Lanternly Glow"))
        #expect(names(w).contains("Lanternly Glow"))
        #if os(Linux)
        #expect(w.scanCount.scans == 2)
        #endif
    }

    @Test("edits in place, new files, deletions, renames into place (as editors and git do), a history folder made after the start, and a file replaced by a link all show on the next request",
          arguments: [true, false])
    func changes(watch: Bool) throws {
        let ws = exampleWorkspace()
        let outside = Scratch()
        try FileManager.default.removeItem(atPath: ws.file("Submissions/history"))
        let w = Workspace(root: ws.path, watch: watch)
        #expect(w.scanCount.watching == (watch && isLinux))
        #expect(names(w).count == 9)
        #expect(w.snapshot().service("raidhall-chat")?.versions.count == 1)

        // An edit in place.
        let lanternly = ws.file("Submissions/lanternly-live.yaml")
        writeInPlace(lanternly, try replace(lanternly, "service: Lanternly Live", with: "service: Lanternly Glow"))
        #expect(names(w).contains("Lanternly Glow"))

        // A new file.
        let text = try replace(lanternly, "service: Lanternly Glow", with: "service: Brand New Live")
        try text.write(toFile: ws.file("Submissions/brand-new-live.yaml"), atomically: false, encoding: .utf8)
        #expect(names(w).contains("Brand New Live"))
        #expect(names(w).count == 10)

        // A deletion.
        try FileManager.default.removeItem(atPath: ws.file("Submissions/nocturnelle-adult.yaml"))
        #expect(!names(w).contains { $0.hasPrefix("Nocturnelle") })
        #expect(names(w).count == 9)

        // A rename into place: written to a hidden temporary file, then renamed over the file.
        let glowtide = ws.file("Submissions/glowtide-live.yaml")
        try replace(glowtide, "  service: Glowtide\n", with: "  service: Glowtide Renamed\n").write(toFile: ws.file("Submissions/.glowtide.tmp"), atomically: false, encoding: .utf8)
        #expect(rename(ws.file("Submissions/.glowtide.tmp"), glowtide) == 0)
        #expect(names(w).contains("Glowtide Renamed"))

        // A history folder made after the start, and a file in it.
        try FileManager.default.createDirectory(atPath: ws.file("Submissions/history"), withIntermediateDirectories: false)
        #expect(w.snapshot().service("raidhall-chat")?.versions.count == 1)
        try FileManager.default.copyItem(atPath: packageRoot.appendingPathComponent("Submissions/history/raidhall-chat-2027-03.yaml").path,
                                         toPath: ws.file("Submissions/history/raidhall-chat-2027-03.yaml"))
        #expect(w.snapshot().service("raidhall-chat")?.versions.count == 2)

        // A file replaced by a symbolic link (to a copy outside): links are not followed, so the service goes.
        let marblewave = ws.file("Submissions/marblewave-social.yaml")
        try FileManager.default.copyItem(atPath: marblewave, toPath: outside.file("m.yaml"))
        try FileManager.default.removeItem(atPath: marblewave)
        try FileManager.default.createSymbolicLink(atPath: marblewave, withDestinationPath: outside.file("m.yaml"))
        #expect(!names(w).contains { $0.hasPrefix("Marblewave") })

        // A code edited in a subfolder of Codes: its title changes.
        let icu = ws.file("Codes/ofcom/illegal-content-u2u/v1.yaml")
        let title = try #require(w.snapshot().code("ofcom-icu-u2u@v1")?.code.header.title)
        writeInPlace(icu, try replace(icu, "title: \(title)", with: "title: An edited title"))
        #expect(w.snapshot().code("ofcom-icu-u2u@v1")?.code.header.title == "An edited title")
    }

    @Test("an edit that keeps the file's size and sets its modification time back (as cp -p or touch -r do) shows on the next request",
          arguments: [true, false])
    func sameSizeSameTime(watch: Bool) throws {
        let ws = exampleWorkspace()
        let w = Workspace(root: ws.path, watch: watch)
        let path = ws.file("Submissions/lanternly-live.yaml")
        #expect(names(w).contains("Lanternly Live"))
        var before = stat()
        #expect(lstat(path, &before) == 0)
        // The file system's clock moves in steps of a few milliseconds: let one pass, so the change time moves.
        usleep(20_000)
        writeInPlace(path, try replace(path, "service: Lanternly Live", with: "service: Lanternly Lime"))
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) == 0)
        var after = stat()
        #expect(lstat(path, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec
            && after.st_ino == before.st_ino)
        #expect(names(w).contains("Lanternly Lime"))
    }

    @Test("today, for assessments made as of the day of the request, is the UTC date counted from 1 January 1970", arguments: [
        (0, "1970-01-01"), (-1, "1969-12-31"), (11016, "2000-02-29"), (20786, "2026-11-29"), (47541, "2100-03-01"),
    ])
    func epochDays(days: Int, date: String) {
        #expect(Pages.day(epochDays: days).description == date)
    }
}

#if os(Linux)
let isLinux = true
#else
let isLinux = false
#endif
