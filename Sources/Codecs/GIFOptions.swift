/// How `GIFWriter` writes an animation.
public struct GIFOptions: Sendable, Equatable {
    /// How many times viewers play the animation (the NETSCAPE2.0 loop block).
    public enum Loop: Sendable, Equatable {
        /// Loop block with count 0: play forever.
        case forever
        /// Play `n` times in all (n ≥ 1): a loop block with count n − 1, or no block when n is 1.
        case times(Int)
    }

    /// How colours missing from a lossy palette are approximated.
    public enum Dithering: Sendable, Equatable {
        /// Nearest palette colour: flat plots look cleanest this way.
        case none
        /// An 8×8 Bayer pattern added before matching: smoother gradients, stable between frames.
        case ordered
    }

    public var loop: Loop = .forever
    public var dithering: Dithering = .none
    /// How far (RGB levels, root mean square over the channels) a changed pixel of a lossy frame may
    /// keep showing its old colour, measured from its true colour beyond the best palette entry's
    /// distance, to save redrawing it. 0 redraws every change; frames with an exact palette always do.
    public var tolerance: Int = 4

    public init(loop: Loop = .forever, dithering: Dithering = .none, tolerance: Int = 4) {
        self.loop = loop
        self.dithering = dithering
        self.tolerance = tolerance
    }

    func validate() throws {
        guard (0...64).contains(tolerance) else {
            throw CodecsError.invalidOption(name: "GIF tolerance", value: String(tolerance), allowed: "must be 0…64 levels")
        }
        if case .times(let n) = loop, !(1...65536).contains(n) {
            throw CodecsError.invalidOption(name: "GIF loop count", value: String(n), allowed: "must be 1…65536 plays, or forever")
        }
    }
}
