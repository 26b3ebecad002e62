#if canImport(CGlibcExtras)
import CGlibcExtras
#endif

/// The C allocator's settings for a run that assesses on several cores.
public enum Allocator {
    /// glibc gives each worker thread an arena of its own and, by default, hands memory freed at
    /// the top of an arena back to the system straight away, to fault it in again at the next
    /// allocation. With two workers, a run over 20,000 files shrank and regrew its arenas about
    /// a hundred times (`madvise`, `mprotect`) and took 9,000 more page faults than one worker
    /// does, and each shrink interrupts the other core to flush its address translations.
    /// Keeping memory spare at the top of each arena ends that (no `madvise`, the page faults of
    /// one worker); the peak resident memory stays about the same (35 MiB).
    public static func keepSpareForWorkers() {
        #if canImport(CGlibcExtras)
        // Fixed values (setting any of them stops glibc adjusting the others as it goes): blocks
        // up to 32 MiB from the arenas, not from mmap and munmap each time; up to 64 MiB kept
        // free at an arena's top; 16 MiB more taken whenever an arena grows.
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        _ = mallopt(M_TOP_PAD, 16 << 20)
        #endif
    }
}
