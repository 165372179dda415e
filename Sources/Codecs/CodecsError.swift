/// Why an image or animation could not be encoded, decoded or written.
///
/// Every case carries what a user needs to act: the path involved and the message of the library
/// or the system call that failed. `description` is one line, suitable for a command-line error.
public enum CodecsError: Error, Equatable, CustomStringConvertible {
    /// An image or animation size that cannot be encoded (zero, negative, or beyond the format's limit).
    case invalidSize(width: Int, height: Int, limit: String)
    /// A frame whose size differs from the animation's.
    case frameSizeMismatch(path: String, expectedWidth: Int, expectedHeight: Int, width: Int, height: Int)
    /// An option outside its allowed range.
    case invalidOption(name: String, value: String, allowed: String)
    /// libpng refused to encode; `message` is libpng's.
    case pngEncodingFailed(path: String?, message: String)
    /// libpng refused to decode; `message` is libpng's, or names what is wrong with the data.
    case pngDecodingFailed(path: String?, message: String)
    /// giflib reported an error; `message` is giflib's (with the system's reason when a write failed).
    case gifFailed(path: String, operation: String, message: String)
    /// A file system operation failed; `message` is the system's (strerror).
    case fileFailed(path: String, operation: String, message: String)
    /// `add` or `finish` was called on a GIF writer that was already finished or cancelled.
    case writerClosed(path: String)
    /// `finish` was called on a GIF writer that was given no frame.
    case noFrames(path: String)
    /// The system refused to start a thread; `message` is its reason.
    case threadFailed(name: String, message: String)
    /// The output was abandoned because the process is stopping (a signal arrived).
    case interrupted
    /// The target path is one nmfviz will not write (a folder, a block device, a system folder).
    case refusedTarget(path: String, reason: String)
    /// libwebp reported an error; `message` is libwebp's.
    case webpFailed(path: String?, message: String)
    /// zlib could not compress a PDF stream; `code` is zlib's.
    case compressionFailed(code: Int)

    /// One line for the user, naming the file or the value that was wrong.
    public var description: String {
        switch self {
        case let .invalidSize(width, height, limit):
            return "cannot encode a \(width)×\(height) image: \(limit)"
        case let .frameSizeMismatch(path, expectedWidth, expectedHeight, width, height):
            return "\(path): frame is \(width)×\(height) but the animation is \(expectedWidth)×\(expectedHeight)"
        case let .invalidOption(name, value, allowed):
            return "invalid \(name) \(value): \(allowed)"
        case let .pngEncodingFailed(path, message):
            return "\(path ?? "PNG"): libpng could not encode: \(message)"
        case let .pngDecodingFailed(path, message):
            return "\(path ?? "PNG data"): cannot read PNG: \(message)"
        case let .gifFailed(path, operation, message):
            return "\(path): giflib failed to \(operation): \(message)"
        case let .fileFailed(path, operation, message):
            return "\(path): cannot \(operation): \(message)"
        case let .writerClosed(path):
            return "\(path): the GIF writer is already finished or cancelled"
        case let .noFrames(path):
            return "\(path): no frame was added, so no GIF was written"
        case let .threadFailed(name, message):
            return "cannot start the \(name) thread: \(message) (use fewer threads, or raise 'ulimit -u')"
        case .interrupted:
            return "stopped by a signal; the partial output was removed"
        case let .refusedTarget(path, reason):
            return "\(path): \(reason)"
        case let .webpFailed(path, message):
            return "\(path ?? "WebP"): libwebp failed: \(message)"
        case let .compressionFailed(code):
            return "zlib could not compress a PDF stream (code \(code))"
        }
    }
}

extension String {
    /// The text of a NUL-terminated C message buffer (libpng and giflib messages are ASCII).
    init(message buffer: [CChar]) {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
