import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a CSV file's bytes: only regular files, never blocking, the size cap held while reading.
///
/// The path is looked at with `lstat`/`stat` first, so a directory, FIFO, socket or device is refused
/// with what it is (opening a FIFO for reading would wait for a writer forever), and a dangling
/// symbolic link is named as one. The file is then opened with `O_NONBLOCK` and checked again with
/// `fstat`, in case the path changed in between, and read up to one byte past the limit: a file that
/// grows, or that reports no size (as in /proc), still cannot make the reader hold more than that.
extension CSVReader {
    /// True when something (a file, folder, link, even a dangling one) is at `path`.
    static func entryExists(atPath path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 || errno != ENOENT
    }

    /// The bytes of the regular file at `path`, at most `limit` of them; with `truncating`, its first
    /// `limit` bytes (or all of a shorter file) instead of an error for a longer one.
    ///
    /// - Throws: `NMFError.unreadableFile` saying why, `.fileTooLarge` or `.fileTooLargeWhileReading`.
    static func contents(ofFile path: String, limit: Int, truncating: Bool = false) throws -> [UInt8] {
        func fail(_ reason: String) -> NMFError { NMFError.unreadableFile(path: path, reason: reason) }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw fail(reason(errno)) }
        if kind(info) == S_IFLNK {
            guard stat(path, &info) == 0 else {
                let error = errno
                throw fail(error == ENOENT ? "it is a symbolic link to a missing file" : reason(error))
            }
        }
        if let other = notRegular(info) { throw fail(other) }
        if info.st_size > limit && !truncating { throw NMFError.fileTooLarge(path: path, size: Int(info.st_size), limit: limit) }

        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw fail(reason(errno)) }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { throw fail(reason(errno)) }
        if let other = notRegular(info) { throw fail(other) }

        // Room for the size fstat gave and one byte more, left uninitialized (zeroing a large file's
        // buffer first cost as much as a tenth of reading it): the reads fill it from the front.
        var failure: Int32?
        let wanted = min(limit, max(0, Int(info.st_size))) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, filled in
            filled = 0
            if wanted - 1 >= pieceThreshold {
                // A large file's bytes as fstat counts them, in one piece per core at once (copying from
                // the page cache on one core took a tenth of reading the file); then on from where the
                // pieces reached, as for any file, in case it is shorter or longer than it said.
                let (count, error) = preadInPieces(descriptor, into: UnsafeMutableBufferPointer(rebasing: buffer[..<(wanted - 1)]))
                filled = count
                failure = error
                if failure == nil && lseek(descriptor, off_t(count), SEEK_SET) < 0 { failure = errno }
                if failure != nil { return }
            }
            while filled < wanted {
                let got = systemRead(descriptor, UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled...])))
                if got == 0 { break }
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                filled += got
            }
        }
        if let failure { throw fail(reason(failure)) }
        if bytes.count < wanted { return bytes }  // the end of the file came before the extra byte
        var count = bytes.count
        // The file is longer than fstat said (it grows, or reports no size as in /proc): go on in chunks.
        while true {
            if count == bytes.count {
                if truncating && count > limit { break }
                guard count <= limit else { throw NMFError.fileTooLargeWhileReading(path: path, limit: limit) }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: min(limit + 1 - count, max(count, 1 << 16))))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            }
            if got == 0 { break }
            if got < 0 {
                let error = errno
                if error == EINTR { continue }
                throw fail(reason(error))
            }
            count += got
        }
        if truncating { count = min(count, limit) }
        guard count <= limit else { throw NMFError.fileTooLargeWhileReading(path: path, limit: limit) }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Fills `buffer` from the start of the file with one `pread` loop per core on its own stretch
    /// (not to be confused with `readInPieces`, which parses the lines on several cores). The count is
    /// that of the bytes read without a gap from the start (the stretches after a short one, where the
    /// file ended early, are not counted); the error is the `errno` of the first stretch that failed before that gap.
    private static func preadInPieces(_ descriptor: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>)
        -> (count: Int, error: Int32?) {
        let count = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        let size = buffer.count
        var got = [Int](repeating: 0, count: count)
        var errors = [Int32](repeating: 0, count: count)
        got.withUnsafeMutableBufferPointer { got in
            errors.withUnsafeMutableBufferPointer { errors in
                let shared = UncheckedSendableBox((buffer, got, errors))
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    let (buffer, got, errors) = shared.value
                    let start = size * index / count
                    let end = size * (index + 1) / count
                    var offset = start
                    while offset < end {
                        let read = pread(descriptor, buffer.baseAddress! + offset, end - offset, off_t(offset))
                        if read == 0 { break }
                        if read < 0 {
                            if errno == EINTR { continue }
                            errors[index] = errno
                            break
                        }
                        offset += read
                    }
                    got[index] = offset - start
                }
            }
        }
        var filled = 0
        for index in 0..<count {
            if errors[index] != 0 { return (filled, errors[index]) }
            filled += got[index]
            if got[index] < size * (index + 1) / count - size * index / count { break }
        }
        return (filled, nil)
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer.baseAddress, buffer.count)
        #else
        Darwin.read(descriptor, buffer.baseAddress, buffer.count)
        #endif
    }

    private static func kind(_ info: stat) -> mode_t { info.st_mode & S_IFMT }

    /// What the entry is when it is not a regular file, as a reason; nil for a regular file.
    private static func notRegular(_ info: stat) -> String? {
        switch kind(info) {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a directory"
        case S_IFIFO: return "it is a FIFO (named pipe); only regular files are read"
        case S_IFSOCK: return "it is a socket; only regular files are read"
        case S_IFCHR: return "it is a character device; only regular files are read"
        case S_IFBLK: return "it is a block device; only regular files are read"
        default: return "it is not a regular file"
        }
    }

    /// Why a system call on the path failed, in words.
    private static func reason(_ error: Int32) -> String {
        switch error {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is not a directory"
        case ELOOP: return "too many symbolic links (a loop?)"
        case ENAMETOOLONG: return "the path is too long"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(error))
        }
    }
}
