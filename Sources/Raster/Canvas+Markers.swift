/// Many circle markers of one shape: through `MarkerMasks` when there are enough of them.
extension Canvas {
    /// Below this many markers each one is rasterized exactly (`fillCircle`, `strokeCircle`).
    public static let markerMaskThreshold = 2_000

    /// Draws a disc of `radius` at each of `centers` in its face colour, each followed by its edge ring
    /// (`edgeWidth` wide, centred on the outline) when `edgeColor` is set, in order.
    ///
    /// With fewer than `markerMaskThreshold` markers, or markers too large for masks, this is exactly the
    /// loop of `fillCircle` and `strokeCircle`. Otherwise each centre is rounded to 1/16 px and the marker
    /// is blended from coverage masks made once per offset: the same coverage up to that move of at most
    /// 1/32 px (the tests compare the two by SSIM).
    public mutating func drawCircleMarkers(
        centers: [Point], radius: Double, faceColors: [RGBA8], edgeColor: RGBA8?, edgeWidth: Double, clip: PixelRect?
    ) {
        guard !faceColors.isEmpty else { return }
        let hasEdge = edgeColor != nil && edgeWidth > 0 && edgeWidth.isFinite
        let width = hasEdge ? edgeWidth : 0
        if centers.count < Canvas.markerMaskThreshold || !prepareMarkerMasks(radius: radius, edgeWidth: width) {
            drawCircleMarkersExactly(centers: centers, radius: radius, faceColors: faceColors, edgeColor: edgeColor,
                                     edgeWidth: edgeWidth, clip: clip)
            return
        }
        guard var masks = markerMasks, centers.count < Int(Int32.max) else { return }
        markerMasks = nil  // held locally while drawing, so that it is not copied on write
        defer { markerMasks = masks }
        let region = effectiveClip(clip)
        guard !region.isEmpty else { return }
        let margin = masks.margin, side = masks.side
        let lowX = Double(region.x0 - margin - 1), highX = Double(region.x1 + margin + 1)
        let lowY = Double(region.y0 - margin - 1), highY = Double(region.y1 + margin + 1)
        /// The mask and the top-left pixel of a marker's box, or nil when it cannot reach the region.
        func placement(_ center: Point) -> (index: Int, x: Int, y: Int)? {
            // Off-image (or non-finite) centres are dropped before any Int conversion.
            guard center.x > lowX, center.x < highX, center.y > lowY, center.y < highY else { return nil }
            // Nearest 1/16 px; the offset keeps the value positive (centres are above −margin − 1 and
            // regions start at 0), so truncation is floor without a call to libm.
            let qx = Int(center.x * Double(MarkerMasks.steps) + 4096.5) - 4096
            let qy = Int(center.y * Double(MarkerMasks.steps) + 4096.5) - 4096
            // Floor division by 16, also for negative positions.
            return ((qy & 15) * MarkerMasks.steps + (qx & 15), (qx >> 4) - margin, (qy >> 4) - margin)
        }
        func faceColor(_ i: Int) -> RGBA8 { faceColors.count == 1 ? faceColors[0] : faceColors[i < faceColors.count ? i : 0] }

        // Pass 1: for each pixel, the last marker whose opaque face sets it whole. Earlier markers
        // cannot show there, so pass 2 skips them: with 100,000 markers on a 350 px square most of
        // each marker is under later ones. The pixels come out as if every marker were blended.
        var lastOpaque = [Int32](repeating: -1, count: region.width * region.height)
        lastOpaque.withUnsafeMutableBufferPointer { occluders in
            guard let occluderBase = occluders.baseAddress else { return }
            for (i, center) in centers.enumerated() {
                guard let (index, bx, by) = placement(center) else { continue }
                masks.prepare(index, rasterizer: &rasterizer, walkers: &circleWalkers)
                guard faceColor(i).a == 255 else { continue }
                let box = region.intersection(PixelRect(x0: bx, y0: by, x1: bx + side, y1: by + side))
                guard !box.isEmpty else { continue }
                masks.interiors.withUnsafeBufferPointer { interiors in
                    guard let interiorBase = interiors.baseAddress else { return }
                    for y in box.y0..<box.y1 {
                        let run = interiorBase + (index * side + y - by) * 2
                        let c0 = max(Int(run[0]) + bx, box.x0), c1 = min(Int(run[1]) + bx, box.x1)
                        guard c0 < c1 else { continue }
                        let row = occluderBase + (y - region.y0) * region.width - region.x0
                        for x in c0..<c1 { row[x] = Int32(i) }
                    }
                }
            }
        }

        // Pass 2: blend each marker's face, then its edge, where no later marker hides it.
        let edge = hasEdge ? (edgeColor ?? .black) : RGBA8(0, 0, 0, 0)
        let edgeAlpha = Float(edge.a) / 255
        let er = Float(edge.r), eg = Float(edge.g), eb = Float(edge.b)
        let imageWidth = image.width
        let area = side * side
        var ink = inkBounds
        for (i, center) in centers.enumerated() {
            guard let (index, bx, by) = placement(center) else { continue }
            let box = region.intersection(PixelRect(x0: bx, y0: by, x1: bx + side, y1: by + side))
            guard !box.isEmpty else { continue }
            ink = ink.union(box)
            let face = faceColor(i)
            let faceAlpha = Float(face.a) / 255
            let fr = Float(face.r), fg = Float(face.g), fb = Float(face.b)
            let marker = Int32(i)
            lastOpaque.withUnsafeBufferPointer { occluders in
            masks.face.withUnsafeBufferPointer { faceMasks in
            masks.edge.withUnsafeBufferPointer { edgeMasks in
            masks.spans.withUnsafeBufferPointer { spans in
            image.withUnsafeMutablePixels { pixels in
                guard let occluderBase = occluders.baseAddress, let faceBase = faceMasks.baseAddress,
                      let spanBase = spans.baseAddress, let pixelBase = pixels.baseAddress else { return }
                let faceMask = faceBase + index * area
                let edgeMask = edgeMasks.baseAddress.map { $0 + index * area }
                for y in box.y0..<box.y1 {
                    let row = y - by
                    let span = spanBase + (index * side + row) * 2
                    let c0 = max(Int(span[0]), box.x0 - bx), c1 = min(Int(span[1]), box.x1 - bx)
                    guard c0 < c1 else { continue }
                    let rowPixels = pixelBase + (y * imageWidth + bx) * 4
                    let rowOccluders = occluderBase + (y - region.y0) * region.width + bx - region.x0
                    for c in c0..<c1 where rowOccluders[c] <= marker {
                        let p = rowPixels + c &* 4
                        let a = faceMask[row * side + c] * faceAlpha
                        if a >= 1 {
                            p[0] = face.r; p[1] = face.g; p[2] = face.b; p[3] = 255
                        } else if a > 0.5 / 255 {
                            Compositor.blend(p, r: fr, g: fg, b: fb, alpha: a)
                        }
                        guard let edgeMask else { continue }
                        let e = edgeMask[row * side + c] * edgeAlpha
                        if e >= 1 {
                            p[0] = edge.r; p[1] = edge.g; p[2] = edge.b; p[3] = 255
                        } else if e > 0.5 / 255 {
                            Compositor.blend(p, r: er, g: eg, b: eb, alpha: e)
                        }
                    }
                }
            }
            }
            }
            }
            }
        }
        inkBounds = ink
    }

    /// The plain twin of `drawCircleMarkers`: every marker rasterized on its own.
    public mutating func drawCircleMarkersExactly(
        centers: [Point], radius: Double, faceColors: [RGBA8], edgeColor: RGBA8?, edgeWidth: Double, clip: PixelRect?
    ) {
        guard !faceColors.isEmpty else { return }
        for (i, center) in centers.enumerated() {
            let face = faceColors.count == 1 ? faceColors[0] : faceColors[i < faceColors.count ? i : 0]
            fillCircle(center: center, radius: radius, color: face, clip: clip)
            if let edgeColor, edgeWidth > 0 {
                strokeCircle(center: center, radius: radius, width: edgeWidth, color: edgeColor, clip: clip)
            }
        }
    }

    /// Keeps (or makes) the masks of this shape; false when the shape does not go through masks.
    private mutating func prepareMarkerMasks(radius: Double, edgeWidth: Double) -> Bool {
        if let masks = markerMasks, masks.radius == radius, masks.edgeWidth == edgeWidth { return true }
        markerMasks = MarkerMasks(radius: radius, edgeWidth: edgeWidth)
        return markerMasks != nil
    }
}
