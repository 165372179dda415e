/// One tick of an axis, resolved: its value, where it lands in pixels along the axis, and its label.
public struct Tick: Sendable, Hashable {
    /// The tick's position in data units.
    public var value: Double
    /// x for the x axis, y (down) for the y axis; not yet snapped.
    public var pixel: Double
    /// Empty text for unlabelled (minor) ticks.
    public var label: TickLabel
}
