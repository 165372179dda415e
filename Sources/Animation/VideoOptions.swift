/// How `VideoSink` asks ffmpeg to encode: the container, the codec's quality and the frame rate.
///
/// The default CRFs were measured on the article's 50 frames, decoded and compared with the PNG frames
/// (README: "Video"): the largest CRF that keeps luma SSIM ≥ 0.9985 and green (the channel nearest
/// luma) ≥ 48 dB, so text and the markers' thin edges stay sharp. Red and blue stay at 38–39.5 dB
/// whatever the CRF: yuv420p halves the chroma resolution, which costs the saturated markers' edges
/// more than any CRF below 23 does. H.264: CRF 18, 189 KB (12: 286 KB, 23: 123 KB, luma SSIM 0.99845,
/// green 47.4 dB). VP9: CRF 24, 141 KB (28: 114 KB, green 47.4 dB).
public struct VideoOptions: Sendable, Equatable {
    /// The video's file format, which fixes the codec; the raw value is the file extension.
    public enum Container: String, Sendable, Equatable {
        /// H.264 (libx264) in yuv420p with the index in front (`+faststart`): every player and slide program.
        case mp4
        /// VP9 (libvpx-vp9) in yuv420p, constant quality: browsers.
        case webm

        /// The CRF measured to keep text and marker edges sharp: 18 for H.264, 24 for VP9.
        public var defaultCRF: Int {
            switch self {
            case .mp4: return 18
            case .webm: return 24
            }
        }

        /// The CRFs the codec accepts: 0…51 for libx264, 0…63 for libvpx-vp9.
        public var crfRange: ClosedRange<Int> {
            switch self {
            case .mp4: return 0...51
            case .webm: return 0...63
            }
        }
    }

    /// MP4 (H.264) or WebM (VP9).
    public var container: Container
    /// Constant rate factor: lower is better and larger. Nil for the container's default.
    public var crf: Int?
    /// Frames per second, as a fraction.
    public var frameRate: FrameRate
    /// How many extra copies of the last frame to send (`--hold-last` at this frame rate).
    public var holdLastFrames: Int = 0

    /// Options for `container` at `frameRate`; the container's default CRF unless `crf` is given (checked
    /// by `VideoSink`).
    public init(container: Container, crf: Int? = nil, frameRate: FrameRate, holdLastFrames: Int = 0) {
        self.container = container
        self.crf = crf
        self.frameRate = frameRate
        self.holdLastFrames = holdLastFrames
    }

    /// The CRF that will be used.
    public var effectiveCRF: Int { crf ?? container.defaultCRF }

    /// ffmpeg's arguments after the input: codec, quality, pixel format and container.
    var encoderArguments: [String] {
        // Converting with the BT.709 matrix and saying so in the stream: players then turn the YUV back
        // into the same RGB (untagged, many guess BT.601 for small frames and BT.709 for HD).
        let colour = ["-vf", "scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd+full_chroma_int",
                      "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "iec61966-2-1",
                      "-color_range", "tv"]
        switch container {
        case .mp4:
            return colour + ["-c:v", "libx264", "-preset", "medium", "-crf", String(effectiveCRF),
                             "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4"]
        case .webm:
            return colour + ["-c:v", "libvpx-vp9", "-crf", String(effectiveCRF), "-b:v", "0",
                             "-deadline", "good", "-cpu-used", "2", "-row-mt", "1",
                             "-pix_fmt", "yuv420p", "-f", "webm"]
        }
    }
}

/// Frames per second as a fraction, so that 200 ms a frame is exactly 5/1 and 30 fps exactly 30/1.
public struct FrameRate: Sendable, Equatable, CustomStringConvertible {
    /// Frames, in lowest terms with `denominator`; always positive.
    public let numerator: Int
    /// Seconds, in lowest terms with `numerator`; always positive.
    public let denominator: Int

    /// The fraction `numerator`/`denominator` in lowest terms; a part that is not positive gives 1/1
    /// (callers validate first).
    public init(numerator: Int, denominator: Int) {
        guard numerator > 0, denominator > 0 else {
            self.numerator = 1
            self.denominator = 1
            return
        }
        let g = Self.gcd(numerator, denominator)
        self.numerator = numerator / g
        self.denominator = denominator / g
    }

    /// `fps` frames a second, to a thousandth (29.97 → 2997/100).
    public init(fps: Double) {
        self.init(numerator: Int((fps * 1000).rounded()), denominator: 1000)
    }

    /// One frame every `milliseconds`, to a microsecond (150 ms → 20/3).
    public init(delayMilliseconds: Double) {
        self.init(numerator: 1_000_000, denominator: Int((delayMilliseconds * 1000).rounded()))
    }

    /// How long one frame shows.
    public var frameDuration: Duration { .seconds(denominator) / numerator }

    /// ffmpeg's notation, such as `5` or `20/3`.
    public var description: String { denominator == 1 ? String(numerator) : "\(numerator)/\(denominator)" }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
