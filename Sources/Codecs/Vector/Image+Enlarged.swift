import Raster

extension Image {
    /// The image enlarged by whole blocks — each pixel repeated ⌊rect.width / width⌋ times across and
    /// ⌊rect.height / height⌋ down — so that drawn into `rect` it needs (almost) no scaling: an 8×8 digit
    /// in a 72 px tile becomes 72×72, 9×9 px a block, a few hundred bytes once compressed. Renderers that
    /// smooth enlarged images whatever they are told then still show crisp blocks at the figure's
    /// resolution. Unchanged when no block would be larger than one pixel or the result would pass
    /// 4096 px a side.
    func enlarged(toFit rect: PixelRect) -> Image {
        let fx = max(1, rect.width / width), fy = max(1, rect.height / height)
        guard fx > 1 || fy > 1, fx * width <= 4096, fy * height <= 4096,
              var blocks = try? Image(width: fx * width, height: fy * height) else { return self }
        blocks.copyNearest(self, into: blocks.bounds)
        return blocks
    }
}
