/// How the winding of a path decides what is inside.
public enum FillRule: Sendable, Hashable {
    /// Inside where the winding number is not zero (overlaps stay filled once).
    case nonZero
    /// Inside where the winding number is odd (overlaps of two sub-paths become holes).
    case evenOdd
}
