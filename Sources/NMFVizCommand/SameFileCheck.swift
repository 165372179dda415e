import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Refuses an output that is the input data file (`--data same.csv -o same.csv`), by any name:
/// links and relative paths are seen through by comparing device and inode.
enum SameFileCheck {
    /// - Throws: `ValidationError` when `output` exists and is the file `data` names.
    static func refuse(data: String, output: String) throws {
        var input = stat(), target = stat()
        guard stat(data, &input) == 0, stat(output, &target) == 0 else { return }
        guard input.st_mode & S_IFMT == S_IFREG else { return }
        if input.st_dev == target.st_dev && input.st_ino == target.st_ino {
            throw ValidationError("--output '\(output)' is the data file --data '\(data)'; writing it would destroy the data")
        }
    }
}
