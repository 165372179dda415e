/// An affine map of the plane: x' = a·x + c·y + tx, y' = b·x + d·y + ty — the matrix convention of
/// SVG's `matrix(a b c d e f)` and PDF's `cm`, so vector surfaces can write it as it is.
public struct AffineTransform: Sendable, Hashable {
    /// The linear part (a, b, c, d) and the translation (tx, ty), as in SVG's `matrix(a b c d e f)`.
    public var a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double

    /// The map x' = a·x + c·y + tx, y' = b·x + d·y + ty.
    public init(a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.tx = tx
        self.ty = ty
    }

    /// The image of `p`.
    public func apply(_ p: Point) -> Point {
        Point(a * p.x + c * p.y + tx, b * p.x + d * p.y + ty)
    }
}

extension Path {
    /// The path with every point (curve controls included) mapped by `t`.
    public func applying(_ t: AffineTransform) -> Path {
        Path(elements: elements.map { element in
            switch element {
            case let .move(p): return .move(t.apply(p))
            case let .line(p): return .line(t.apply(p))
            case let .quad(c, p): return .quad(control: t.apply(c), to: t.apply(p))
            case let .cubic(c1, c2, p): return .cubic(control1: t.apply(c1), control2: t.apply(c2), to: t.apply(p))
            case .close: return .close
            }
        })
    }
}
