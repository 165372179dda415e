import Animation
import ArgumentParser
import Codecs
import Foundation
import NMF
import Plot
import Raster

/// `nmfviz render` (and `nmfviz` alone): the article's animation, as a GIF, PNG frames or one still.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the learning of the factorization: an animated GIF, PNG frames or one PNG still.",
        discussion: """
            With no options this writes NMF_cos2.gif: the article's 80 points on cos²(x) + 1, rank 2, 50 frames \
            (iterations 0–49), 1000×450 px, 200 ms a frame, looping forever. Frame t shows the state after t \
            iterations; the arrows are the basis vectors (the rows of H).

            Examples:
              nmfviz                              # NMF_cos2.gif, as the article
              nmfviz -o frames/                   # frames/frame_000.png …
              nmfviz -o out/f_%04d.png --every 5  # iterations 0, 5, 10, … as f_0000, f_0001, …
              nmfviz -o still.png --iteration 10 --scale 2
              nmfviz --data points.csv --rank 3 --columns 0,2 -o points.gif
              nmfviz --data digits                # NMF_digits.gif: 16 basis images learning parts
            """)

    @OptionGroup(title: "Data and solver") var solverOptions: SolverOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(
        "A .gif (default NMF_cos2.gif; NMF_digits.gif with --data digits); a .mp4 or .webm video (through ffmpeg); an animated .webp; a .html player; a .png or .svg still (see --iteration); a .pdf, a page per frame (one with --iteration); a folder (existing, or ending in /) for frame_000.png … (see --format); or a pattern such as out/f_%04d.png or f_%03d.svg (%% is a literal %).",
        valueName: "path"))
    var outputOption: String?
    var output: String { outputOption ?? (usesDigitsDefaults ? "NMF_digits.gif" : "NMF_cos2.gif") }

    @Option(name: .customLong("frames"), parsing: .unconditional, help: ArgumentHelp(
        "The number of frames (default 50; 51 with --data digits), e.g. --frames 100.", valueName: "n"))
    var framesOption: Int?
    var frames: Int { framesOption ?? (usesDigitsDefaults ? 51 : 50) }

    @Option(name: .customLong("every"), parsing: .unconditional, help: ArgumentHelp(
        "Show every n-th iteration: frames show 0, n, 2n, … (default 1; 4 with --data digits), e.g. --every 5.",
        valueName: "n"))
    var everyOption: Int?
    var every: Int { everyOption ?? (usesDigitsDefaults ? 4 : 1) }

    @Option(parsing: .unconditional, help: ArgumentHelp("The iteration a .png still shows (default: the last frame's), e.g. --iteration 10.",
                               valueName: "n"))
    var iteration: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Milliseconds each frame shows (default 200), e.g. --delay 100.", valueName: "ms"))
    var delay: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Frames per second instead of --delay, e.g. --fps 30.", valueName: "fps"))
    var fps: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("How often the GIF plays: forever, n times in all, or none (once, no loop block), e.g. --loop 3.",
                               valueName: "forever|n|none"))
    var loop = "forever"

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Figure size in inches, or a slide preset: 16:9 (12.8x7.2, 1280×720 px at 100 dpi) or 4:3 (10x7.5, 1000×750 px). Default 10x4.5 (the article's); with --panels or --compare 5 in a panel across and 4.5 in a row down; with --filmstrip 2.6 in a panel across and down, plus 0.2. E.g. --size 16:9.",
        valueName: "WxH|16:9|4:3"))
    var size: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Dots per inch, e.g. --dpi 100 (1000×450 px at the default size).", valueName: "dpi"))
    var dpi = 100.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Scale everything for high-density screens, e.g. --scale 2 for 2000×900 px.",
                               valueName: "factor"))
    var scale = 1.0

    @Option(name: .customLong("colormap"), help: ArgumentHelp(
        "The colormap of the points (default jet), or of image data (default gray_r; gray with --theme dark), e.g. --colormap viridis. With --theme dark, one whose darkest colours vanish on black (jet, viridis, magma) gets a warning.",
        valueName: "name"))
    var colormapOption: String?
    var colormap: String { colormapOption ?? (showsImages ? (theme == .dark ? "gray" : "gray_r") : "jet") }

    @Option(name: .customLong("title"), parsing: .unconditional, help: ArgumentHelp(
        "The right panel's title (default {iteration}; for image data 'iteration {iteration}, loss {loss}'); {iteration}, {loss}, {rank}, {solver}, {loss_name} and {relative_error} (‖Y − WH‖/‖Y‖) are filled in, numbers with an optional printf-like format such as {loss:.3f}, {relative_error:.1e} or {iteration:03d}; {{ and }} are braces, e.g. --title 'step {iteration}, loss {loss:.3f}'.",
        valueName: "format"))
    var titleOption: String?
    var title: String { titleOption ?? (showsImages ? "iteration {iteration}, loss {loss}" : "{iteration}") }

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "The x axis label of the data and reconstruction panels (default: the CSV header's name of the column, none for the built-in data), or of one panel as data=, reconstruction= or loss= (default iteration); may be repeated; '' or loss= leaves it out, e.g. --xlabel 'height (cm)' --xlabel loss=step.",
        valueName: "[panel=]text"))
    var xlabel: [String] = []

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "The y axis label, as --xlabel (the loss panel's default: loss), e.g. --ylabel 'weight (kg)'.",
        valueName: "[panel=]text"))
    var ylabel: [String] = []

    @Option(name: .customLong("font-size"), parsing: .unconditional, help: ArgumentHelp(
        "The size of all text in points, as matplotlib's font.size (default 10): tick and axis labels at that size, titles 1.2 times it; the margins then make room for the text as matplotlib's tight_layout, e.g. --font-size 16 for slides read from the back of a room.",
        valueName: "pt"))
    var fontSize: Double?

    @Flag(name: .customLong("arrow-colors"), help: "Colour each basis vector's arrow from the tab10 cycle (C0, C1, …) and name them h₁ … h_k in a legend (h₁ … h₁₀ and \"… n more\" past the ten colours, or as many as fit).")
    var arrowColors = false

    @Option(name: .customLong("color-by"), help: ArgumentHelp(
        "What colours the reconstructed points: x (default: their x through the colormap, as the article) or component (the component that contributes most to each point, the largest entry of its row of W, in the tab10 colour of its arrow; the arrows are coloured and named in a legend as with --arrow-colors), e.g. --color-by component.",
        valueName: "x|component"))
    var colorBy: String?

    @Option(name: .customLong("legend"), help: ArgumentHelp(
        "Where legends go (the --compare loss curves, --arrow-colors): best (default, matplotlib's: where they cover the least data), upper-right, upper-left, lower-left, lower-right, right, center-left, center-right, lower-center, upper-center or center, e.g. --legend lower-left.",
        valueName: "location"))
    var legendOption: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The two data columns to plot (0-based), e.g. --columns 0,2.", valueName: "i,j"))
    var columns: String?

    @Option(name: .customLong("points"), parsing: .unconditional, help: ArgumentHelp(
        "How the data and reconstruction panels draw the rows: auto (default: a marker per row up to \(PointDrawing.densityThreshold) rows; with more, a density — a 2-D histogram over the panel's pixels, log-shaded with the colormap as datashader does, empty pixels left clear — and a note on stderr says so), all (a marker for every row), density (always), or N (markers for a fixed sample of N rows, the same in every panel and frame), e.g. --points 50000.",
        valueName: "all|N|density"))
    var pointsOption: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Threads that draw frames (default and most: the number of cores, and no more than the frames), e.g. --jobs 1.",
        valueName: "n"))
    var jobs: Int?

    @Flag(help: "No progress bar and no summary line.")
    var quiet = false

    @Flag(help: "Print the time spent in each stage (solve, render, encode, write) to stderr.")
    var timings = false

    // MARK: - Teaching options (issue 8)

    @Option(help: ArgumentHelp(
        "The panels of each row, in order: data, reconstruction, loss (the loss so far on a log axis, the current iteration marked), e.g. --panels data,reconstruction,loss.",
        valueName: "list"))
    var panels: String?

    @Option(help: ArgumentHelp(
        "Run the same data with one parameter changed, one row each (reconstruction and loss unless --panels), titled with its value, the loss curves in one legend: solver=mu,hals, loss=frobenius,kl, init=random,nndsvd,nndsvda, seed=0,1,2, rank=2,3,4, or scikit-learn's beta=, alpha_W=, alpha_H=, l1_ratio=, tol=, max_iter=, shuffle=true,false (2 to 6 values; mu,hals and frobenius,kl for short), e.g. --compare mu,hals or --compare rank=2,3,4.",
        valueName: "key=a,b,…"))
    var compare: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Write one PNG (--output must be a .png) with the reconstruction at these iterations side by side, 6 a row, e.g. --filmstrip 0,1,2,5,10,49 -o strip.png.",
        valueName: "list"))
    var filmstrip: String?

    @Option(help: ArgumentHelp(
        "light (matplotlib's) or dark (light text, spines and marker edges for dark slides), e.g. --theme dark.",
        valueName: "light|dark"))
    var theme: ThemeName = .light

    @Flag(help: "A transparent figure background for slides (GIF: a transparent index; PNG: alpha 0); the axes stay opaque, e.g. --transparent. GIF alpha has one bit: anti-aliased text over the transparent background looks jagged on any slide but a white one unless --matte names the slide's colour.")
    var transparent = false

    // MARK: - GIF options (issue 15)

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "GIF quality 1…100 as gifski's (default \(GIFOptions.defaultQuality): every frame at least 46.5 dB PSNR, 99.9 % of its pixels within 24 levels, the background within 3); 100 is exact when a frame has at most 255 colours, lower is smaller, e.g. --quality 70.",
        valueName: "1…100"))
    var quality = GIFOptions.defaultQuality

    @Option(help: ArgumentHelp(
        "With --transparent, blend the GIF's partly transparent edges over this colour (the slide's), as gifski and ImageMagick do: white, black, or #RRGGBB, e.g. --matte '#1e1e1e'.",
        valueName: "color"))
    var matte: String?

    @Flag(help: "Ordered (Bayer) dithering of the colours a GIF's palette lacks: smoother gradients, a little larger.")
    var dither = false

    // MARK: - Image data options (issue 9)

    @Option(name: .customLong("image-shape"), parsing: .unconditional, help: ArgumentHelp(
        "Draw the data's rows as images of H rows by W pixels (one column per pixel, row-major), with basis images instead of arrows, e.g. --data faces.csv --image-shape 64x64. Implied (8x8) by --data digits.",
        valueName: "HxW"))
    var imageShape: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "How many data rows an image scene shows with their reconstructions: the first n (default \(BasisImagesScene.defaultSampleCount)), e.g. --samples 8.",
        valueName: "n"))
    var samples: Int?

    // MARK: - Vector output options (issue 16; see Render+Vector.swift)

    @Option(help: ArgumentHelp(
        "The files a folder of frames gets: png (default), svg or pdf, e.g. -o frames/ --format svg.",
        valueName: "png|svg|pdf"))
    var format: FrameFormat?

    /// Every option value is checked here, once, before any is used: numbers in floating point or
    /// with overflow-reporting arithmetic, so that no value a user can type traps later.
    // MARK: - Video, WebP and HTML outputs, frame naming and delays (issue 17)

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The constant rate factor of a .mp4 (H.264, 0–51, default \(VideoOptions.Container.mp4.defaultCRF)) or .webm (VP9, 0–63, default \(VideoOptions.Container.webm.defaultCRF)): lower is sharper and larger, e.g. --crf 23.",
        valueName: "n"))
    var crf: Int?

    @Option(name: .customLong("webp-quality"), parsing: .unconditional, help: ArgumentHelp(
        "Make a .webp lossy (VP8, alpha kept) at this quality, 0–100, instead of lossless, e.g. --webp-quality 90.",
        valueName: "q"))
    var webpQuality: Double?

    @Option(name: .customLong("hold-last"), parsing: .unconditional, help: ArgumentHelp(
        "Show the last frame this many milliseconds longer (GIF, WebP, video, HTML), e.g. --hold-last 2000.",
        valueName: "ms"))
    var holdLast: Double?

    @Option(name: .customLong("name-by"), help: ArgumentHelp(
        "Number PNG frames by frame (0, 1, 2, …, as ffmpeg -i frame_%03d.png and beamer's \\animategraphics need) or by iteration (0, 5, 10, … with --every 5), e.g. --name-by iteration.",
        valueName: "frame|iteration"))
    var nameBy: FrameNaming = .frame

    @Flag(name: .customLong("keep-short-delays"), help: "Keep GIF delays under 20 ms, which most browsers show for 100 ms; without it they are raised to 20 ms, with a warning.")
    var keepShortDelays = false

    @Flag(name: .customLong("embed-snapshots"), help: "With a .html output, embed W, H and the loss of every iteration as JSON (as nmfviz factorize writes it) in <script type=\"application/json\" id=\"nmfviz-snapshots\">.")
    var embedSnapshots = false

    func validate() throws {
        let maximumIteration = FrameSchedule.maximumIteration
        guard (1...maximumIteration + 1).contains(frames) else {
            throw ValidationError("--frames must be between 1 and \(maximumIteration + 1), not \(frames)")
        }
        guard (1...maximumIteration).contains(every) else {
            throw ValidationError("--every must be between 1 and \(maximumIteration), not \(every)")
        }
        if let iteration, !(0...maximumIteration).contains(iteration) {
            throw ValidationError("--iteration must be between 0 and \(maximumIteration), not \(iteration)")
        }
        if Double(frames - 1) * Double(every) > Double(maximumIteration) {
            throw ValidationError("--frames \(frames) with --every \(every) would go to iteration "
                + "\(Double(frames - 1) * Double(every)); at most \(maximumIteration) iterations are shown")
        }
        if delay != nil && fps != nil { throw ValidationError("give --delay or --fps, not both") }
        if let delay, !(delay.isFinite && delay >= 0 && delay <= 655_350) {
            throw ValidationError("--delay must be between 0 and 655350 ms (a GIF's longest delay), not \(delay)")
        }
        // 1/fps seconds must be a delay a GIF can hold (at most 655.35 s).
        if let fps, !(fps.isFinite && fps >= Self.minimumFPS && fps <= 100) {
            throw ValidationError("--fps must be between \(Self.minimumFPS) and 100, not \(fps)")
        }
        if let jobs, !(1...Self.maximumJobs).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and \(Self.maximumJobs), not \(jobs)")
        }
        guard dpi.isFinite, dpi > 0, dpi <= 10_000 else {
            throw ValidationError("--dpi must be above 0 and at most 10000, not \(dpi)")
        }
        guard scale.isFinite, scale > 0, scale <= 100 else {
            throw ValidationError("--scale must be above 0 and at most 100, not \(scale)")
        }
        if let fontSize, !(fontSize.isFinite && fontSize >= 1 && fontSize <= Self.maximumFontSize) {
            throw ValidationError("--font-size must be between 1 and \(Int(Self.maximumFontSize)) points, not \(fontSize)")
        }
        guard dpi * scale >= Self.minimumResolution, dpi * scale <= 10_000 else {
            throw ValidationError("--dpi × --scale must be between \(Int(Self.minimumResolution)) and 10000 "
                + "(below \(Int(Self.minimumResolution)), 10 pt text is under 1.4 px and cannot be drawn), not \(dpi * scale)")
        }
        do {
            if iteration != nil, try !outputTarget().takesIteration {
                throw ValidationError("--iteration picks the iteration of a .png still (or .svg, or a one-page .pdf); give --output NAME.png")
            }
            try validateVector()
            _ = try schedule()
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError(NMFViz.describe(error))
        }
        try validateOutputOptions()
        try validateTeaching()
        _ = try parsedPoints()
        _ = try parsedLoop()
        _ = try parsedSize()
        _ = try parsedColumns()
        try validateImageOptions()
        try validateGIFOptions()
        do {
            _ = try Colormap(named: colormap)
            _ = try TitleFormat(title)
            for text in [title] + xlabel + ylabel { try MathText.check(text) }
            _ = try legendLocation()
            _ = try pointColoring()
        } catch {
            throw ValidationError(NMFViz.describe(error))
        }
        switch try? outputTarget() {
        case .gif(let path)?, .png(let path)?, .svg(let path)?, .pdf(let path)?:
            try SameFileCheck.refuse(data: solverOptions.data, output: path)
        default: break
        }
        do {
            _ = try outputTarget()
            let (w, h) = try parsedSize()
            try ImageLimits.check(width: w * dpi * scale, height: h * dpi * scale)
        } catch {
            throw ValidationError(NMFViz.describe(error))
        }
    }

    /// The largest text size: 200 pt is 2.8 in, more than a panel's height at the default size.
    static let maximumFontSize = 200.0
    /// The slowest frame rate: one frame in a GIF's longest delay, 655.35 s.
    static let minimumFPS = 0.0016
    /// More render threads than this never help (frames are drawn in a few milliseconds each).
    static let maximumJobs = 256
    /// The lowest dpi × scale that draws text: 10 pt tick labels are then 1.4 px high.
    static let minimumResolution = 10.0

    /// The render threads: `--jobs`, but no more than the cores and the frames, which is all that
    /// helps (each thread holds a canvas and a font face).
    func effectiveJobs(frames: Int) -> Int {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return max(1, min(jobs ?? cores, cores, frames))
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let target = try outputTarget()
        // The default jet is judged as a chosen one is: on the dark theme its darkest blue (1.31:1) loses
        // the colour of the points at the low end of the range, however it was picked. jet stays the
        // default there, as matplotlib's dark_background style leaves the colormap alone (the points keep
        // white edges), so for the default it is a note that --quiet hides; image data get gray.
        if colormapOption != nil || !quiet, let warning = try sceneStyle().colormapWarning(images: showsImages) {
            let named = colormapOption == nil ? "note: the default colormap" : "warning: --colormap"
            Self.printError("nmfviz: \(named) \(warning); --colormap Blues, Reds or Greens stay visible there")
        }
        if filmstrip != nil { return try runFilmstrip() }
        let schedule = try schedule()
        let visualization = try visualization(schedule: schedule)
        noteDensity(visualization)
        // The HTML player shows the losses beside the frames and may embed the first run's snapshots:
        // both come from the run recorded for the frames, so that the solvers run once.
        var player: HTMLRun?
        if case .html = target {
            player = HTMLRun(embedding: embedSnapshots ? try visualization.configurations().first : nil,
                             last: schedule.last)
        }
        let (scene, solvers, recording) = try visualization.makeRecordedScene(records: player != nil) {
            player?.observe(run: $0, $1)
        }
        player?.finish(recording)
        let (width, height) = scene.pixelSize
        let jobs = try MemoryBudget.jobs(upTo: effectiveJobs(frames: schedule.count), width: width, height: height,
                                         gif: target.holdsFrames)
        let animator = Animator(solvers: solvers, scene: scene, schedule: schedule, jobs: jobs, recording: recording)

        let sink = try target.makeSink(width: width, height: height, frameCount: schedule.count,
                                       settings: try sinkSettings(for: target, schedule: schedule, solvers: solvers,
                                                                  player: player))
        if let video = (sink as? FolderCreatingSink<VideoSink>)?.base, video.isPadded, !quiet {
            Self.printError("nmfviz: note: \(width)×\(height) padded to \(video.paddedWidth)×\(video.paddedHeight) "
                + "(yuv420p needs even sides; the edge is repeated)")
        }
        let bar = ProgressBar(total: schedule.count, quiet: quiet)
        let report = try animator.run(into: sink, reporter: bar)
        bar.finish()
        let seconds = (clock.now - start).seconds
        if !quiet {
            let bytes = report.paths.reduce(0) { $0 + Self.fileSize($1) }
            let what = report.paths.count == 1 ? report.paths[0] : "\(report.paths.count) files (\(output))"
            Self.printError(String(format: "nmfviz: %d frame%@ → %@, %@, %.2f s", report.frames,
                                   report.frames == 1 ? "" : "s", what, Self.formatBytes(bytes), seconds))
        }
        if timings {
            let t = report.timings
            // The solvers run once, for the limits, the palette samples and the frames together.
            var parts = [("solve", t.solve)]
            if t.sampleSolve > .zero { parts.append(("sample solve", t.sampleSolve)) }
            if t.boundsSolve > .zero { parts.append(("limits solve", t.boundsSolve)) }
            parts.append(("render", t.render))
            if t.samples > .zero { parts.append(("samples", t.samples)) }
            // PNG compression runs on the workers; a GIF is quantized and compressed in order (below).
            let pngs = !target.isGIF
            if pngs { parts.append(("encode", t.prepare)) }
            var write = t.write
            for stage in t.sinkStages {
                parts.append((stage.name, stage.time))
                if stage.inline { write -= stage.time }
            }
            parts.append(("write", write))
            let listed = parts.map { String(format: "%@ %.1f ms", $0.0, $0.1.seconds * 1000) }.joined(separator: ", ")
            Self.printError("timings: \(listed); total \(String(format: "%.1f", seconds * 1000)) ms "
                + "(render\(pngs ? " and encode" : "") summed over \(animator.jobs) threads)")
        }
    }

    // MARK: - Parsing option values

    /// The iterations shown: one for a .png still, else `--frames` every `--every`.
    func schedule() throws -> FrameSchedule {
        if try outputTarget().showsOneIteration(iteration) {
            return try .single(iteration ?? FrameSchedule(count: frames, step: every).last)
        }
        return try FrameSchedule(count: frames, step: every)
    }

    func parsedLoop() throws -> GIFOptions.Loop {
        switch loop {
        case "forever": return .forever
        case "none": return .times(1)
        default:
            guard let n = Int(loop), n >= 1, n <= 65_536 else {
                throw ValidationError("--loop must be forever, none or a number of plays from 1 to 65536, not '\(loop)'")
            }
            return .times(n)
        }
    }

    func parsedSize() throws -> (Double, Double) {
        guard let size else { return try defaultSize() }
        if let preset = Self.sizePresets[size] { return preset }
        let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]), w.isFinite, h.isFinite,
              w > 0, h > 0 else {
            throw ValidationError("--size must be WxH in inches with positive numbers, such as 10x4.5, or 16:9 or 4:3, not '\(size)'")
        }
        return (w, h)
    }

    /// `--points`, auto when not given.
    func parsedPoints() throws -> PointDrawing {
        guard let pointsOption else { return .automatic }
        do {
            return try PointDrawing(parsing: pointsOption)
        } catch {
            throw ValidationError(NMFViz.describe(error))
        }
    }

    /// One line on stderr when `--points auto` draws point panels as densities, since the picture then
    /// differs in kind from a scatter (printed even with --quiet: it says what the output is).
    func noteDensity(_ visualization: Visualization) {
        let rows = visualization.configuration.data.rows
        let showsPoints: Bool
        switch visualization.kind {
        case .article: showsPoints = true
        case .panels(let panels): showsPoints = panels.contains(.data) || panels.contains(.reconstruction)
        case .images: showsPoints = false
        }
        guard showsPoints, visualization.style.points.switchesToDensity(rows: rows) else { return }
        Self.printError("nmfviz: note: \(rows) rows are more than a scatter shows (\(PointDrawing.densityThreshold)): "
            + "the data and reconstruction are drawn as densities; --points all draws every marker, --points N a sample")
    }

    func parsedColumns() throws -> (Int, Int)? {
        guard let columns else { return nil }
        let parts = columns.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let j = Int(parts[1].trimmingCharacters(in: .whitespaces)), i >= 0, j >= 0 else {
            throw ValidationError("--columns must be two 0-based column numbers such as 0,2, not '\(columns)'")
        }
        return (i, j)
    }

    func frameDelay() -> Duration {
        if let fps { return .seconds(1 / fps) }
        return .milliseconds(1) * (delay ?? 200)
    }

    func pngEncoder() -> PNGEncoder {
        var options = PNGOptions()
        options.dotsPerInch = dpi * scale
        options.text = [
            PNGOptions.TextChunk(key: "Software", value: "nmfviz"),
            PNGOptions.TextChunk(key: "Comment", value: parameterComment()),
        ]
        return PNGEncoder(options: options)
    }

    /// The parameters that made the picture, as the PNG's Comment chunk (and the SVG/PDF metadata) says
    /// them: scikit-learn's names for those of issue 20, each only when it is not the default.
    func parameterComment() -> String {
        let o = solverOptions
        var text = "data=\(o.data) rank=\(o.rank) " + (o.beta.map { "beta=\($0) " } ?? "loss=\(o.loss.rawValue) ")
            + "solver=\(o.solver.rawValue) init=\(o.initialization.rawValue) seed=\(o.seed)"
        if o.alphaW != 0 { text += " alpha_W=\(o.alphaW)" }
        if let alphaH = o.alphaH { text += " alpha_H=\(alphaH)" }
        if o.l1Ratio != 0 { text += " l1_ratio=\(o.l1Ratio)" }
        if let tol = o.tolerance { text += " tol=\(tol)" }
        if let maxIter = o.maximumIterations { text += " max_iter=\(maxIter)" }
        if o.shuffle { text += " shuffle=True" }
        if o.solver == .minibatch {
            text += " batch_size=\(o.batchSize) forget_factor=\(o.forgetFactor)"
            if o.freshRestarts { text += " fresh_restarts=True fresh_restarts_max_iter=\(o.freshRestartsMaximumIterations)" }
            if let t = o.transformMaximumIterations { text += " transform_max_iter=\(t)" }
            if let p = o.maximumNoImprovement { text += " max_no_improvement=\(p)" }
        }
        if let pointsOption, pointsOption != "auto" { text += " points=\(pointsOption)" }
        return text
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func formatBytes(_ bytes: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        return (formatter.string(from: NSNumber(value: bytes)) ?? String(bytes)) + " bytes"
    }

    static func printError(_ line: String) {
        StandardStreams.writeLine(line)
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
