#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Codecs
import Foundation

/// A running `ffmpeg` that reads raw frames on its standard input and writes one file.
///
/// It runs in a process group of its own, so a Ctrl-C at the terminal reaches nmfviz alone, and
/// nmfviz decides: `kill()` stops ffmpeg at once (the sink's `cancel`). Frames go through a socket
/// rather than a pipe so that a write to an ffmpeg that has died fails with EPIPE instead of
/// raising SIGPIPE, which would end nmfviz without a word. The output file is handed over as an
/// open descriptor (ffmpeg opens `/dev/fd/3`), so ffmpeg never creates a file by name: once
/// nmfviz removes the temporary name, nothing can bring it back. Standard error is read on a
/// thread of its own, keeping its last line for the error message.
final class FFmpegProcess {
    let pid: pid_t
    private var input: Int32
    private let tail: StderrTail
    private var exitStatus: Int32?

    /// Starts `executable arguments…` with the frames socket on fd 0 and `output` on fd 3.
    ///
    /// - Throws: `AnimationError.cannotWrite` when the program cannot be started.
    init(executable: String, arguments: [String], output: Int32, outputPath: String) throws {
        var sockets: [Int32] = [-1, -1]
        #if os(Linux)
        let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let streamType = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, streamType, 0, &sockets) == 0 else {
            throw AnimationError.cannotWrite(path: outputPath, reason: "cannot make a socket for ffmpeg: \(Self.reason())")
        }
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&errPipe) == 0 else {
            close(sockets[0]); close(sockets[1])
            throw AnimationError.cannotWrite(path: outputPath, reason: "cannot make a pipe for ffmpeg: \(Self.reason())")
        }
        // The descriptors ffmpeg gets are copied above 9 first, so that none of them is already 0…3
        // (dup2 onto itself would keep close-on-exec).
        let childInput = fcntl(sockets[1], F_DUPFD_CLOEXEC, 10), childError = fcntl(errPipe[1], F_DUPFD_CLOEXEC, 10)
        let childOutput = fcntl(output, F_DUPFD_CLOEXEC, 10)
        close(sockets[1])
        close(errPipe[1])
        _ = fcntl(sockets[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(errPipe[0], F_SETFD, FD_CLOEXEC)
        guard childInput >= 0, childError >= 0, childOutput >= 0 else {
            let reason = Self.reason()
            for fd in [childInput, childError, childOutput, sockets[0], errPipe[0]] where fd >= 0 { close(fd) }
            throw AnimationError.cannotWrite(path: outputPath, reason: "cannot pass descriptors to ffmpeg: \(reason)")
        }
        #if !os(Linux)
        var one: Int32 = 1
        setsockopt(sockets[0], SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        defer { close(childInput); close(childError); close(childOutput) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childInput, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, childError, 2)
        posix_spawn_file_actions_adddup2(&actions, childOutput, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var terminated = argv + [nil]
        let code = terminated.withUnsafeMutableBufferPointer { args in
            guard let base = args.baseAddress else { return EINVAL }
            return posix_spawn(&pid, executable, &actions, &attributes, base, environ)
        }
        guard code == 0 else {
            close(sockets[0]); close(errPipe[0])
            throw AnimationError.cannotWrite(path: outputPath, reason: "cannot start \(executable): \(String(cString: strerror(code)))")
        }
        self.pid = pid
        // A signal's cleanup (OutputJournal.abandon) stops ffmpeg too; a journal already abandoned
        // means the process is exiting, and ffmpeg sees its input close.
        try? OutputJournal.recordChild(pid)
        input = sockets[0]
        tail = StderrTail(descriptor: errPipe[0])
    }

    deinit {
        kill()
    }

    /// Sends all of `bytes` to ffmpeg's standard input.
    ///
    /// - Returns: false when ffmpeg has stopped reading (it exited); `finish` then tells why.
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard input >= 0, let base = bytes.baseAddress else { return input >= 0 }
        var offset = 0
        while offset < bytes.count {
            #if os(Linux)
            let sent = send(input, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            #else
            let sent = send(input, base + offset, bytes.count - offset, 0)
            #endif
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }

    /// Ends the input and waits for ffmpeg to exit.
    ///
    /// - Returns: nil on success, else ffmpeg's last line on standard error (or how it ended).
    func finish() -> String? {
        closeInput()
        let status = waitForExit()
        let line = tail.finish()
        if status == 0 { return nil }
        if let line { return line }
        return Self.describe(status)
    }

    /// Stops ffmpeg at once (SIGKILL to its process group) and reaps it. Safe to call more than once.
    func kill() {
        closeInput()
        guard exitStatus == nil else { return }
        if sendSignal(-pid, SIGKILL) != 0 { _ = sendSignal(pid, SIGKILL) }
        _ = waitForExit()
        _ = tail.finish()
    }

    private func closeInput() {
        if input >= 0 {
            close(input)
            input = -1
        }
    }

    private func waitForExit() -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR {
                status = -1
                break
            }
        }
        exitStatus = status
        OutputJournal.dropChild(pid)
        return status
    }

    private static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        if signal != 0 && signal != 0x7f { return "ffmpeg was stopped by signal \(signal)" }
        return "ffmpeg exited with status \((status >> 8) & 0xff)"
    }

    static func reason() -> String { String(cString: strerror(errno)) }
}

/// kill(2), named apart from `FFmpegProcess.kill()`.
private func sendSignal(_ pid: pid_t, _ signal: Int32) -> Int32 {
    kill(pid, signal)
}

/// Reads a descriptor to its end on a thread of its own, keeping the last non-empty line.
private final class StderrTail: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var last: String?
    private var finished = false

    init(descriptor: Int32) {
        let thread = Thread { [self] in
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                pending.append(contentsOf: buffer[0..<n])
                // Only the tail matters: keep the last 4 KB.
                if pending.count > 8192 { pending.removeFirst(pending.count - 4096) }
            }
            close(descriptor)
            let text = String(decoding: pending, as: UTF8.self)
            let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
                .map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty }
            lock.withLock { last = line }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the end of the stream and returns its last line.
    func finish() -> String? {
        lock.lock()
        let alreadyFinished = finished
        finished = true
        lock.unlock()
        if !alreadyFinished { done.wait() }
        return lock.withLock { last }
    }
}
