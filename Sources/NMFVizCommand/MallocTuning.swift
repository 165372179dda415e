#if canImport(Glibc)
import Glibc
#endif

/// Tells glibc's malloc to keep freed memory for reuse, once, before any work.
///
/// A GIF's encoder keeps each frame until the next one arrives, so every frame a worker renders goes
/// into new storage (1.8 MB at 1000×450, more for larger figures). With glibc's defaults those
/// blocks come from fresh pages of per-thread arenas, given back to the system when freed and
/// faulted in and zeroed again for the next frame: about 17,000 page faults and 10 % of the CPU
/// time of the article's GIF. One arena, no mmap below 64 MB and no trimming below 512 MB of free
/// memory reuse the same blocks: 6,200 page faults, task-clock 175 -> 157 ms (perf stat, 3 runs).
/// Freed memory then stays with the process until it exits, which a command that runs for seconds
/// can afford; the library targets leave malloc alone.
///
/// `mallopt` is looked up at run time: it is glibc's (musl and Darwin have none), and the Swift
/// Glibc module does not declare it.
enum MallocTuning {
    static func apply() {
        #if os(Linux) && canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        // malloc.h: M_TRIM_THRESHOLD -1, M_MMAP_THRESHOLD -3, M_ARENA_MAX -8.
        _ = mallopt(-1, 512 << 20)
        _ = mallopt(-3, 64 << 20)
        _ = mallopt(-8, 1)
        #endif
    }
}
