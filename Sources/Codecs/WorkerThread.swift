#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts detached threads and reports when the system refuses one.
///
/// Foundation's `Thread.start()` has no way to say that `pthread_create` failed (with `ulimit -u`
/// reached, or no memory for the stack): the body simply never runs, and whoever waits for it waits
/// forever. Here a refusal is an error the caller can report.
public enum WorkerThread {
    /// The stack each thread gets: the renderers' recursion is shallow, but FreeType and libpng
    /// like room.
    public static let defaultStackSize = 8 << 20

    /// Starts `body` on a new detached thread.
    ///
    /// - Throws: `CodecsError.threadFailed` with the system's reason when the thread cannot be made;
    ///   `body` is then never run.
    public static func start(name: String, stackSize: Int = defaultStackSize,
                             _ body: @escaping @Sendable () -> Void) throws {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let code = pthread_create(&thread, &attributes, runThreadBody, box)
        guard code == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            throw CodecsError.threadFailed(name: name, message: String(cString: strerror(code)))
        }
    }
}

private final class ThreadBody {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

#if canImport(Glibc)
private func runThreadBody(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
    return nil
}
#else
private func runThreadBody(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
    return nil
}
#endif
