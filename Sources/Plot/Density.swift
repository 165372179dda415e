import Raster

/// Points drawn as a density: a 2-D histogram over the axes' pixels, shaded with a colormap, as
/// datashader's `shade(agg, how='log')` shades a count aggregate.
///
/// Each pixel of the axes' clip box (`AxesRenderer.clip`, the box rounded to whole pixels) is one bin;
/// a point counts in the bin of the pixel its centre falls in, exactly where a scatter would centre its
/// marker. Points outside the box or with a non-finite position count nowhere. A bin holding `c > 0`
/// points gets the colour of `(log1p(c) − log1p(min)) / (log1p(max) − log1p(min))` through `colormap`,
/// `min` and `max` being the smallest and largest non-zero counts of the picture (1 when they are
/// equal); an empty bin is transparent, so the axes' face shows. Being bins of the pixel grid, the
/// picture is the same size as the axes at any dpi and scale, and the limits, ticks and labels are
/// the axes' own, whatever is drawn in them.
public struct Density: Sendable, Equatable {
    /// The points' x in data coordinates.
    public var x: [Double]
    /// The points' y in data coordinates.
    public var y: [Double]
    /// The colormap the normalized log counts index.
    public var colormap: Colormap
}
