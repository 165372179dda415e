import Raster

/// Pairs a marker's face with its edge, so that a vector surface writes one element for both.
///
/// Plot draws a scatter marker as `fillCircle` then `strokeCircle` of the same circle. The raster paints
/// them one after the other; SVG and PDF can say "this circle, filled and stroked" once (one `<circle>`,
/// one form), which halves the file. So a face waits here until the next call: an edge of the same circle
/// and clip completes it; anything else draws it alone first.
struct MarkerPairing {
    /// A circle to draw: its face colour, its edge colour and width, either or both.
    struct Marker {
        let center: Point
        let radius: Double
        let fill: RGBA8?
        let stroke: RGBA8?
        let width: Double
        let clip: PixelRect?
    }

    private var waiting: Marker?

    /// A face: keeps it waiting for its edge, and returns the face that was waiting, to draw alone now.
    /// A face that draws nothing (transparent, not finite, no radius) is ignored and changes nothing.
    mutating func face(center: Point, radius: Double, color: RGBA8, clip: PixelRect?) -> Marker? {
        guard color.a > 0, center.isFinite, radius > 0, radius.isFinite else { return nil }
        let previous = waiting
        waiting = Marker(center: center, radius: radius, fill: color, stroke: nil, width: 0, clip: clip)
        return previous
    }

    /// An edge: the markers to draw now, in order — the waiting face with this edge when they are the
    /// same circle under the same clip, else the waiting face alone (if any) and then the edge alone.
    /// An edge that draws nothing is ignored and changes nothing.
    mutating func edge(center: Point, radius: Double, width: Double, color: RGBA8, clip: PixelRect?) -> [Marker] {
        guard width > 0, width.isFinite, color.a > 0, center.isFinite, radius > 0, radius.isFinite else { return [] }
        let face = waiting
        waiting = nil
        let edge = Marker(center: center, radius: radius, fill: nil, stroke: color, width: width, clip: clip)
        guard let face else { return [edge] }
        guard face.center == center, face.radius == radius, face.clip == clip else { return [face, edge] }
        return [Marker(center: center, radius: radius, fill: face.fill, stroke: color, width: width, clip: clip)]
    }

    /// The face still waiting, to draw alone before anything else is drawn (and before the page ends).
    mutating func flush() -> Marker? {
        defer { waiting = nil }
        return waiting
    }

    /// Forgets the waiting face (the surface was cleared).
    mutating func reset() { waiting = nil }
}
