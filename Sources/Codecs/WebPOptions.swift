import CWebP

/// How `WebPWriter` and `WebPImageEncoder` compress.
///
/// Lossless is the default: plots are flat colours and anti-aliased edges, which libwebp's lossless
/// mode stores exactly and in less space than the GIF (see README for the measured figures). Lossy
/// (VP8, with its own alpha plane when the frames have any) trades exactness for size.
public struct WebPOptions: Sendable, Equatable {
    /// Lossless or lossy (VP8) coding of the colour.
    public enum Compression: Sendable, Equatable {
        /// Every pixel exact, alpha included.
        case lossless
        /// VP8 at this quality, 0…100 (libwebp's `-q`); alpha kept, losslessly.
        case lossy(quality: Double)
    }

    /// Lossless (the default) or lossy at a quality.
    public var compression: Compression = .lossless
    /// How many times viewers play it, as for GIF (WebP's loop count is the number of plays; 0 forever).
    public var loop: GIFOptions.Loop = .forever
    /// libwebp's effort, 0 (fast) … 6 (small). 4 is libwebp's own default.
    public var method: Int = 4
    /// How hard lossless compression tries, 0…100 (libwebp's `quality` in lossless mode; 75 its default).
    public var losslessEffort: Double = 75

    /// Options with libwebp's defaults unless given; they are checked when a writer or encoder is made.
    public init(compression: Compression = .lossless, loop: GIFOptions.Loop = .forever, method: Int = 4,
                losslessEffort: Double = 75) {
        self.compression = compression
        self.loop = loop
        self.method = method
        self.losslessEffort = losslessEffort
    }

    func validate() throws {
        if case .lossy(let quality) = compression, !(quality.isFinite && (0...100).contains(quality)) {
            throw CodecsError.invalidOption(name: "WebP quality", value: "\(quality)", allowed: "must be 0…100")
        }
        guard losslessEffort.isFinite, (0...100).contains(losslessEffort) else {
            throw CodecsError.invalidOption(name: "WebP lossless effort", value: "\(losslessEffort)", allowed: "must be 0…100")
        }
        guard (0...6).contains(method) else {
            throw CodecsError.invalidOption(name: "WebP method", value: String(method), allowed: "must be 0…6")
        }
        if case .times(let n) = loop, !(1...65535).contains(n) {
            throw CodecsError.invalidOption(name: "WebP loop count", value: String(n), allowed: "must be 1…65535 plays, or forever")
        }
    }

    /// The libwebp configuration these options describe.
    func makeConfig() throws -> WebPConfig {
        var config = WebPConfig()
        guard WebPConfigInit(&config) != 0 else {
            throw CodecsError.webpFailed(path: nil, message: "this libwebp does not match its headers")
        }
        switch compression {
        case .lossless:
            config.lossless = 1
            config.quality = Float(losslessEffort)
            // Keep the RGB of fully transparent pixels as they are: the figure's own colours compress
            // better than libwebp's replacement, and decoders show them exactly as given.
            config.exact = 1
        case .lossy(let quality):
            config.lossless = 0
            config.quality = Float(quality)
            config.alpha_quality = 100
        }
        config.method = Int32(method)
        guard WebPValidateConfig(&config) != 0 else {
            throw CodecsError.invalidOption(name: "WebP configuration", value: "\(compression)", allowed: "rejected by libwebp")
        }
        return config
    }
}
