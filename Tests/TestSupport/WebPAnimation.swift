import CWebP
import Foundation
import Raster

/// An animated WebP decoded by libwebp's own demuxer and decoder (`WebPAnimDecoder`): every frame as
/// a viewer composites it, straight RGBA, with its end time in milliseconds.
public struct WebPAnimation {
    public var width = 0
    public var height = 0
    public var loopCount = 0
    public var frames: [Image] = []
    /// When each frame ends, in ms from the start (so durations are the differences).
    public var endTimes: [Int] = []

    public var durations: [Int] { zip(endTimes, [0] + endTimes).map { $0 - $1 } }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try bytes.withUnsafeBufferPointer { buffer in
            var data = WebPData(bytes: buffer.baseAddress, size: buffer.count)
            var options = WebPAnimDecoderOptions()
            guard WebPAnimDecoderOptionsInit(&options) != 0 else { throw Failure(description: "libwebpdemux version") }
            options.color_mode = MODE_RGBA
            options.use_threads = 0
            guard let decoder = WebPAnimDecoderNew(&data, &options) else { throw Failure(description: "not an animated WebP") }
            defer { WebPAnimDecoderDelete(decoder) }
            var info = WebPAnimInfo()
            guard WebPAnimDecoderGetInfo(decoder, &info) != 0 else { throw Failure(description: "no animation info") }
            width = Int(info.canvas_width)
            height = Int(info.canvas_height)
            loopCount = Int(info.loop_count)
            while WebPAnimDecoderHasMoreFrames(decoder) != 0 {
                var pixels: UnsafeMutablePointer<UInt8>?
                var timestamp: Int32 = 0
                guard WebPAnimDecoderGetNext(decoder, &pixels, &timestamp) != 0, let pixels else {
                    throw Failure(description: "frame \(frames.count) does not decode")
                }
                frames.append(try Image(width: width, height: height,
                                        pixels: [UInt8](UnsafeBufferPointer(start: pixels, count: width * height * 4))))
                endTimes.append(Int(timestamp))
            }
        }
    }
}

/// A still WebP decoded by libwebp (`WebPDecodeRGBA`).
public enum WebPStill {
    public static func decode(_ bytes: [UInt8]) throws -> Image {
        var width: Int32 = 0, height: Int32 = 0
        guard let pixels = bytes.withUnsafeBufferPointer({ WebPDecodeRGBA($0.baseAddress, $0.count, &width, &height) }) else {
            throw WebPAnimation.Failure(description: "not a WebP image")
        }
        defer { WebPFree(pixels) }
        return try Image(width: Int(width), height: Int(height),
                         pixels: [UInt8](UnsafeBufferPointer(start: pixels, count: Int(width * height) * 4)))
    }
}
