import Codecs
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and standard error through write(2), which reports failures instead of trapping.
///
/// Foundation's `FileHandle.write` traps when the write fails (a full disk behind `>/dev/full`, a
/// closed descriptor, a reader gone with SIGPIPE ignored). Here the product written to standard
/// output fails with an error (exit 1); a progress or summary line that cannot be written is
/// dropped, since the product it reports on is complete.
enum StandardStreams {
    /// Why standard output could not take the product.
    struct WriteFailure: Error, CustomStringConvertible {
        let reason: String
        var description: String { "cannot write to standard output: \(reason)" }
    }

    /// Makes the descriptors 0, 1 and 2 safe to use, once, before anything else opens a file.
    ///
    /// A descriptor the caller closed (`>&-`, `2>&-`) would otherwise be handed out by the next
    /// `open`, and error messages would be written into the output file. Each closed one is
    /// filled with `/dev/null` opened read-only, so writes to it fail (EBADF) rather than vanish:
    /// a product sent to a closed standard output is an error, a message to a closed standard
    /// error is dropped. SIGPIPE is ignored so that a reader that went away is a write error too.
    static func prepare() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
        signal(SIGPIPE, SIG_IGN)
        // A file-size limit (`ulimit -f`) then fails the write with EFBIG instead of killing the
        // process with SIGXFSZ, so the run cleans up and says why.
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Writes the product (JSON) to standard output.
    ///
    /// - Throws: `WriteFailure` with the system's reason.
    static func writeOutput(_ bytes: UnsafeRawBufferPointer) throws {
        if let code = writeAll(STDOUT_FILENO, bytes) {
            throw WriteFailure(reason: code == EPIPE ? "the reader closed the pipe" : OutputPath.reason(code))
        }
    }

    /// Writes a line to standard error, clearing a progress bar first; a failure is ignored.
    static func writeLine(_ line: String) {
        ProgressBar.clearIfDrawn()
        var text = line + "\n"
        text.withUTF8 { _ = writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }

    /// Writes raw text to standard error (the progress bar); a failure is ignored.
    static func writeRaw(_ text: String) {
        var text = text
        text.withUTF8 { _ = writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }

    /// Writes every byte, retrying after signals; returns errno on failure.
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
