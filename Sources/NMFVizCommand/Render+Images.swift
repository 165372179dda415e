import Animation
import ArgumentParser
import NMF
import Raster

/// Image data (issue 9): `--data digits`, or any CSV whose rows are images (`--image-shape HxW`), drawn
/// as basis images with a few data rows and their reconstructions instead of points and arrows.
///
/// `--data digits` also changes the defaults to ones that show parts emerging: k = 16, nndsvda, and
/// 51 frames showing iterations 0, 4, …, 200 (the last iteration included, so the animation ends on the
/// 200th), written to NMF_digits.gif. Any of them given explicitly wins. A CSV with `--image-shape` keeps
/// the usual defaults for those, since a good rank depends on the data; it gets the image look (gray_r,
/// the loss in the title) like the digits.
extension Render {
    /// Whether the digits' defaults apply.
    var usesDigitsDefaults: Bool { solverOptions.data == DigitsDataset.name }

    /// Whether the data are drawn as images.
    var showsImages: Bool { usesDigitsDefaults || imageShape != nil }

    /// The image shape: `--image-shape`, else 8×8 for the digits, else nil (point data).
    func parsedImageShape() throws -> ImageShape? {
        if let imageShape {
            do {
                return try ImageShape(parsing: imageShape)
            } catch {
                throw ValidationError("--image-shape must be HxW with sides from 1 to \(ImageShape.maximumSide), such as 8x8, not '\(imageShape)'")
            }
        }
        return usesDigitsDefaults ? .digits : nil
    }

    /// Usage checks of the image options, called from `validate()`.
    func validateImageOptions() throws {
        _ = try parsedImageShape()
        if let samples {
            guard showsImages else {
                throw ValidationError("--samples applies to image data (--data digits or --image-shape HxW)")
            }
            guard (1...Self.maximumSamples).contains(samples) else {
                throw ValidationError("--samples must be between 1 and \(Self.maximumSamples), not \(samples)")
            }
        }
        if showsImages && columns != nil {
            throw ValidationError("--columns picks two columns of point data; image data are drawn whole")
        }
        if showsImages && (panels != nil || compare != nil) {
            throw ValidationError("--panels and --compare draw point data; image data show their basis images")
        }
    }

    /// More sample tiles than this would be too small to see at any usual figure size.
    static let maximumSamples = 40

    /// The basis-images scene for `configuration`'s data.
    ///
    /// - Throws: `NMFError.imageShapeMismatch` when the data's columns do not match the shape;
    ///   `AnimationError` for more samples than data rows or a figure too small for the tiles.
    func basisImagesScene(configuration: NMFConfiguration) throws -> BasisImagesScene {
        let shape = try parsedImageShape() ?? .digits
        var style = BasisImagesScene.Style()
        (style.widthInches, style.heightInches) = try parsedSize()
        style.dpi = dpi
        style.scale = scale
        style.colormap = colormap
        style.title = title
        style.theme = slideTheme()
        let rows = configuration.data.rows
        let count = samples ?? min(BasisImagesScene.defaultSampleCount, rows)
        guard count <= rows else {
            throw AnimationError.badColumns("--samples \(count): the data have only \(rows) rows")
        }
        return try BasisImagesScene(data: configuration.data, shape: shape, rank: configuration.rank,
                                    samples: Array(0..<count), style: style, source: solverOptions.data)
    }

    /// The image data's filmstrip: the basis images at `iterations`, side by side (6 a row), for
    /// `--filmstrip` with image data (issue 8's option; its runner calls this when `showsImages`).
    ///
    /// - Throws: `AnimationError` for a bad list or an image over the size limit; `NMFError` for data that
    ///   cannot be factorized or are not images of the shape.
    func basisImagesFilmstrip(iterations: [Int]) throws -> StillScene {
        let configuration = try solverOptions.makeConfiguration()
        let shape = try parsedImageShape() ?? .digits
        try shape.check(configuration.data, source: solverOptions.data)
        var style = BasisImagesScene.Style()
        style.dpi = dpi
        style.scale = scale
        style.colormap = colormap
        style.theme = slideTheme()
        let strip = try BasisImagesFilmstrip(shape: shape, rank: configuration.rank, iterations: iterations,
                                             style: style)
        return StillScene(strip: strip, snapshots: strip.snapshots(solver: try NMFSolver(configuration)))
    }
}
