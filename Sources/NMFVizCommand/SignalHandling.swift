import Codecs
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP stop a run and remove what it wrote.
///
/// The signals are blocked in every thread (the mask is set before any thread exists, and threads
/// inherit it) and taken by one thread in `sigwait`, so nothing runs in a signal handler's restricted
/// context. That thread abandons the `OutputJournal` — which kills child processes, removes the
/// temporary files, the staged frames and the folders this run created, and keeps its lock so that
/// no other thread can create anything afterwards — clears a progress bar, says what happened in
/// one line and exits 128 + the signal's number (130, 143, 129), as shells expect.
enum SignalHandling {
    static let stopping: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Blocks the signals and starts the thread that waits for them; call before any other thread.
    static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in stopping { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let waited = set
        do {
            try WorkerThread.start(name: "signal", stackSize: 1 << 20) {
                var set = waited
                var received: Int32 = 0
                while sigwait(&set, &received) != 0 {}
                stop(by: received)
            }
        } catch {
            // Without the thread, the default actions apply: the process still stops.
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
        }
    }

    private static func stop(by signal: Int32) -> Never {
        let removed = OutputJournal.abandon()
        let name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : signal == SIGHUP ? "SIGHUP" : "signal \(signal)"
        let what = removed == 0 ? "nothing was left behind" : "removed the partial output"
        StandardStreams.writeLine("nmfviz: stopped by \(name); \(what)")
        _exit(128 + signal)
    }
}
