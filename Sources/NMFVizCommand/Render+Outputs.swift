import Animation
import ArgumentParser
import Codecs
import Foundation
import NMF

/// How PNG frames are numbered (`--name-by`).
enum FrameNaming: String, ExpressibleByArgument, CaseIterable {
    /// 0, 1, 2, … in order: what `ffmpeg -i frame_%03d.png` and beamer's `\animategraphics` need.
    case frame
    /// The iteration each frame shows: 0, 5, 10, … with `--every 5`.
    case iteration
}

/// The sinks of issue 17 (video, WebP, HTML) and the delays of every animation.
extension Render {
    /// GIF delays under this are shown for 100 ms by most browsers (they treat 0 and 1 cs as "unset").
    static let shortestGIFDelay = Duration.milliseconds(20)

    func validateOutputOptions() throws {
        if let holdLast, !(holdLast.isFinite && holdLast >= 0 && holdLast <= 655_350) {
            throw ValidationError("--hold-last must be between 0 and 655350 ms, not \(holdLast)")
        }
        if let webpQuality, !(webpQuality.isFinite && (0...100).contains(webpQuality)) {
            throw ValidationError("--webp-quality must be between 0 and 100, not \(webpQuality)")
        }
        let target = try? OutputTarget.parse(output)
        if let crf {
            guard case let .video(_, container) = target else {
                throw ValidationError("--crf sets the quality of a video: give --output NAME.mp4 or NAME.webm")
            }
            guard container.crfRange.contains(crf) else {
                throw ValidationError("--crf must be \(container.crfRange.lowerBound)…\(container.crfRange.upperBound) for .\(container.rawValue), not \(crf)")
            }
        }
        if webpQuality != nil, case .webp = target {} else if webpQuality != nil {
            throw ValidationError("--webp-quality sets the quality of a .webp: give --output NAME.webp")
        }
        if embedSnapshots, case .html = target {} else if embedSnapshots {
            throw ValidationError("--embed-snapshots puts the snapshots in a .html player: give --output NAME.html")
        }
        if case .video = target {
            if transparent {
                throw ValidationError("--transparent needs an output with alpha (.webp, .png, .gif or .html); H.264 and VP9 in yuv420p have none")
            }
            if fps == nil, let delay, delay <= 0 {
                throw ValidationError("a video needs a --delay above 0 ms, not \(delay)")
            }
        }
    }

    /// Each frame's duration, the last held `--hold-last` longer.
    func frameDurations(count: Int, delay: Duration? = nil) -> FrameDurations {
        FrameDurations(delay: delay ?? frameDelay(), frameCount: count,
                       holdLast: .milliseconds(1) * (holdLast ?? 0))
    }

    /// The GIF's durations: delays under 20 ms raised to 20 ms, with a warning, unless
    /// `--keep-short-delays`.
    func gifDurations(count: Int) throws -> FrameDurations {
        let delay = frameDelay()
        guard delay < Self.shortestGIFDelay, !keepShortDelays, count > 1 else {
            return frameDurations(count: count)
        }
        Self.printError(String(format: "nmfviz: warning: most browsers show GIF frames shorter than 20 ms for 100 ms; "
            + "using 20 ms (50 fps) instead of %.3g ms (--keep-short-delays keeps it)", delay.seconds * 1000))
        return frameDurations(count: count, delay: Self.shortestGIFDelay)
    }

    /// The options of every output, mapped onto the library's `SinkSettings`.
    func sinkSettings(for target: OutputTarget, schedule: FrameSchedule, solvers: [NMFSolver], player: HTMLRun? = nil)
        throws -> SinkSettings
    {
        var settings = SinkSettings()
        settings.delay = frameDelay()
        settings.durations = target.isGIF ? try gifDurations(count: schedule.count) : frameDurations(count: schedule.count)
        settings.gif = GIFOptions(quality: quality, matte: try parsedMatte())
        settings.gif.loop = try parsedLoop()
        settings.gif.dithering = dither ? .ordered : .none
        settings.png = pngEncoder()
        settings.namesFramesByIteration = nameBy == .iteration
        let rate = fps.map { FrameRate(fps: $0) } ?? FrameRate(delayMilliseconds: delay ?? 200)
        settings.videoRate = rate
        settings.videoCRF = crf
        settings.videoHoldFrames = Int(((holdLast ?? 0) / (rate.frameDuration.seconds * 1000)).rounded())
        settings.webp.loop = try parsedLoop()
        if let webpQuality { settings.webp.compression = .lossy(quality: webpQuality) }
        settings.vectorDPI = dpi * scale
        settings.vectorMetadata = vectorMetadata()
        if case let .html(path) = target {
            settings.html = try htmlOptions(path, schedule, solvers, player: player)
        }
        return settings
    }

    /// The player page, with the loss of every frame and, with `--embed-snapshots`, the first run's
    /// snapshots, both taken from the run recorded for the frames (`player`).
    func htmlOptions(_ path: String, _ schedule: FrameSchedule, _ solvers: [NMFSolver], player: HTMLRun?) throws
        -> HTMLPlayerOptions
    {
        let name = OutputPath.split(path).name
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        var options = HTMLPlayerOptions(title: stem.isEmpty ? "nmfviz" : stem,
                                        durations: frameDurations(count: schedule.count))
        options.pixelRatio = scale
        switch try parsedLoop() {
        case .times(1): options.loopMode = .once
        case .times(let n):
            // The player loops forever or plays once; it has no count (the buttons set the mode).
            Self.printError("nmfviz: warning: the HTML player loops without end; --loop \(n) is read as --loop forever (use --loop 1 to play once)")
            options.loopMode = .loop
        default: options.loopMode = .loop
        }
        let labels = try compare.map { try Comparison($0).labels } ?? []
        let losses = player?.losses ?? []
        options.losses = solvers.indices.map { index in
            HTMLPlayerOptions.LossSeries(
                label: solvers.count > 1 && index < labels.count ? labels[index] : "",
                losses: index < losses.count ? losses[index] : [])
        }
        options.snapshotsJSON = player?.snapshotsJSON
        return options
    }
}
