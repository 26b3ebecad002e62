import Foundation

/// What `readdir` gives, read in place.
public enum DirectoryEntry {
    /// The entry's name, as bytes, read where it lies. `readdir`'s records are only as long as
    /// their names (`d_reclen`), not `sizeof(struct dirent)`: copying `pointee` or `d_name` (a
    /// 256-byte array to Swift) reads past a short record, and past the end of the listing's
    /// buffer when the record is its last, which crashed a run when that buffer ended a page.
    public static func name(_ entry: UnsafePointer<dirent>) -> [UInt8] {
        let start = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return Array(UnsafeRawBufferPointer(start: start, count: strlen(start.assumingMemoryBound(to: CChar.self))))
    }

    /// The entry's type (`DT_DIR`, `DT_REG`, `DT_UNKNOWN`...), read alone.
    public static func type(_ entry: UnsafePointer<dirent>) -> Int32 {
        Int32((UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_type)!).load(as: UInt8.self))
    }
}
