import Raster

/// matplotlib's default colour cycle (`axes.prop_cycle`, the tab10 colours C0…C9): the colours that
/// tell lines, arrows and legend entries apart.
public enum ColorCycle {
    /// C0 … C9: #1f77b4, #ff7f0e, #2ca02c, #d62728, #9467bd, #8c564b, #e377c2, #7f7f7f, #bcbd22, #17becf.
    public static let tab10: [RGBA8] = [
        RGBA8(0x1f, 0x77, 0xb4), RGBA8(0xff, 0x7f, 0x0e), RGBA8(0x2c, 0xa0, 0x2c), RGBA8(0xd6, 0x27, 0x28),
        RGBA8(0x94, 0x67, 0xbd), RGBA8(0x8c, 0x56, 0x4b), RGBA8(0xe3, 0x77, 0xc2), RGBA8(0x7f, 0x7f, 0x7f),
        RGBA8(0xbc, 0xbd, 0x22), RGBA8(0x17, 0xbe, 0xcf),
    ]

    /// Colour `index` of the cycle ("C<index>"), wrapping after ten as matplotlib's cycle does.
    public static func color(_ index: Int) -> RGBA8 {
        tab10[((index % tab10.count) + tab10.count) % tab10.count]
    }
}
