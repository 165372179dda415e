/// Which iterations an animation shows: `count` frames, every `step`-th iteration from 0.
public struct FrameSchedule: Sendable, Equatable {
    /// The number of frames, at least 1.
    public let count: Int
    /// Iterations between consecutive frames, at least 1.
    public let step: Int

    /// `count` frames at iterations 0, `step`, 2 × `step`, …
    ///
    /// - Throws: `AnimationError.notPositive` for a count or step below 1, `AnimationError.tooManyIterations`
    ///   when the last iteration would pass `maximumIteration`.
    public init(count: Int, step: Int = 1) throws {
        guard count >= 1 else { throw AnimationError.notPositive(.frameCount, value: count) }
        guard step >= 1 else { throw AnimationError.notPositive(.frameStep, value: step) }
        let (last, overflow) = (count - 1).multipliedReportingOverflow(by: step)
        guard !overflow, last <= Self.maximumIteration else {
            throw AnimationError.tooManyIterations(last: overflow ? Int.max : last)
        }
        self.init(unchecked: count, step: step, offset: 0)
    }

    /// The article's frames: 50, iterations 0–49.
    public static let article = FrameSchedule(unchecked: 50, step: 1, offset: 0)

    /// More iterations than this are surely a typo (as for `factorize`).
    public static let maximumIteration = 1_000_000

    /// One frame showing `iteration`.
    public static func single(_ iteration: Int) throws -> FrameSchedule {
        guard iteration >= 0 else { throw AnimationError.notPositive(.iteration, value: iteration) }
        guard iteration <= maximumIteration else { throw AnimationError.tooManyIterations(last: iteration) }
        return FrameSchedule(unchecked: 1, step: 1, offset: iteration)
    }

    private let offset: Int

    private init(unchecked count: Int, step: Int, offset: Int) {
        self.count = count
        self.step = step
        self.offset = offset
    }

    /// The last iteration shown.
    public var last: Int { offset + (count - 1) * step }

    /// Whether that iteration is shown as a frame.
    public func contains(_ iteration: Int) -> Bool {
        let i = iteration - offset
        return i >= 0 && i % step == 0 && i / step < count
    }
}
