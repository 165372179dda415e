import Foundation

/// How much memory this process may use, from the limits the system sets on it.
///
/// The smallest of the address-space and data limits (`ulimit -v`, `ulimit -d`), the cgroup's memory
/// limit (v2 `memory.max`, v1 `memory.limit_in_bytes`) and the physical memory. Here in NMF so that the
/// CSV reader can size its limit by it; Animation's `MemoryBudget` uses the same figure for frames.
public enum ProcessMemory {
    /// The bytes the process may use (see the type).
    public static var available: Int {
        var limits: [Int] = []
        var limit = rlimit()
        for resource in [RLIMIT_AS, RLIMIT_DATA] {
            #if os(Linux)
            let got = getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0
            #else
            let got = getrlimit(resource, &limit) == 0
            #endif
            if got, limit.rlim_cur < rlim_t(Int.max) {  // RLIM_INFINITY is all ones
                limits.append(Int(limit.rlim_cur))
            }
        }
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
               let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                limits.append(value)
            }
        }
        limits.append(Int(ProcessInfo.processInfo.physicalMemory))
        return limits.min() ?? Int.max
    }
}
