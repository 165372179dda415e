import Foundation
import Testing

/// Runs the built `nmfviz` executable in a temporary folder of its own.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The folder the command runs in; removed by `cleanUp`.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("nmfviz-e2e-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The executable `swift build` put beside the test bundle.
    static var executable: URL {
        get throws {
            var directory = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent("nmfviz")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "nmfviz beside \(Bundle.main.bundleURL.path)"])
        }
    }

    /// Runs `nmfviz arguments…` and waits for it.
    @discardableResult
    func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = try Self.executable
        process.arguments = arguments
        return try wait(for: process)
    }

    /// Starts `process` in the folder and waits for it, reading both pipes to the end first so that a
    /// full pipe cannot block the child.
    func wait(for process: Process) throws -> Result {
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a /bin/sh script in the folder, with `$NMFVIZ` naming the executable: for redirections
    /// (`>/dev/full`, `>&-`, `2>&-`), `ulimit` and `trap` that the command must survive.
    @discardableResult
    func shell(_ script: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["NMFVIZ"] = try Self.executable.path
        process.environment = environment
        return try wait(for: process)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The names in the folder (recursively), sorted.
    func contents() -> [String] {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: folder.path) else { return [] }
        return e.compactMap { $0 as? String }.sorted()
    }

    func write(_ text: String, to name: String) throws {
        try text.write(toFile: path(name), atomically: false, encoding: .utf8)
    }
}
