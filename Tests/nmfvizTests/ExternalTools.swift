import Foundation
import Raster

/// Programs on PATH that some tests need (ffmpeg, ffprobe); the tests are skipped without them.
enum ExternalTool {
    static func path(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let ffmpeg = path("ffmpeg")
    static let ffprobe = path("ffprobe")
    static var hasFFmpeg: Bool { ffmpeg != nil && ffprobe != nil }

    /// Runs a program and returns its standard output; throws with its standard error on failure.
    static func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: String(decoding: errors, as: UTF8.self)])
        }
        return data
    }

    /// What ffprobe says of the first video stream (frames counted by decoding).
    static func probe(_ path: String, in folder: URL) throws -> [String: Any] {
        let data = try run(ffprobe ?? "ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                                  "-show_entries", "stream=codec_name,pix_fmt,width,height,r_frame_rate,nb_read_frames,color_space",
                                                  "-of", "json", path], in: folder)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (json?["streams"] as? [[String: Any]])?.first ?? [:]
    }

    /// Every frame of a video decoded by ffmpeg to straight RGBA.
    static func decodeFrames(_ path: String, width: Int, height: Int, in folder: URL) throws -> [Image] {
        let data = try run(ffmpeg ?? "ffmpeg", ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgba", "-"], in: folder)
        let size = width * height * 4
        return try stride(from: 0, to: data.count - size + 1, by: size).map { offset in
            try Image(width: width, height: height, pixels: [UInt8](data[offset..<(offset + size)]))
        }
    }
}

extension CommandRunner {
    /// Runs `nmfviz arguments…` with extra environment variables.
    func run(_ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = try Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        return try wait(for: process)
    }
}

extension Image {
    /// The top-left `width` × `height` of the image (a padded video frame without its padding).
    func cropped(width: Int, height: Int) throws -> Image {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * height * 4)
        for y in 0..<height {
            let from = y * self.width * 4
            bytes.append(contentsOf: pixels[from..<(from + width * 4)])
        }
        return try Image(width: width, height: height, pixels: bytes)
    }
}
