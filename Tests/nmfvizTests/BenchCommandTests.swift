import Foundation
import Testing

/// The hidden benchmark commands that Scripts/bench reads: one JSON line each, with figures that
/// describe a real run (no timing target is checked here: that is the benchmark's job).
@Suite struct BenchCommandTests {
    private static func json(_ result: CommandRunner.Result) throws -> [String: Any] {
        let line = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func benchEncoderReportsTheEncodersOnRenderedFrames() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["bench-encoder", "--repeats", "2", "--frames", "4"])
        #expect(result.status == 0, "\(result.stderr)")
        let fields = try Self.json(result)
        #expect(fields["frames"] as? Int == 4)
        #expect(fields["gif_frames_decoded"] as? Int == 4)
        #expect((fields["gif_min_psnr"] as? Double ?? 0) >= 40)
        #expect((fields["gif_bytes"] as? Int ?? 0) > 1000)
        for key in ["gif_cpu_ms", "gif_quantize_ms", "gif_lzw_ms", "png_ms_per_frame", "png_median_bytes"] {
            #expect((fields[key] as? Double ?? 0) > 0, "\(key)")
        }
        // Nothing is left behind in the folder it ran in.
        #expect(runner.contents().isEmpty)
    }

    @Test func benchEncoderRefusesBadCounts() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["bench-encoder", "--repeats", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--repeats"))
    }
}
