// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nmfviz",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nmfviz", targets: ["nmfviz"]),
        .library(name: "NMF", targets: ["NMF"]),
        .library(name: "Raster", targets: ["Raster"]),
        .library(name: "Plot", targets: ["Plot"]),
        .library(name: "Codecs", targets: ["Codecs"]),
        .library(name: "Animation", targets: ["Animation"]),
        .library(name: "NMFVizCommand", targets: ["NMFVizCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // `swift package generate-documentation` (the DocC catalogues under Sources/*/*.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
    ],
    targets: [
        // System libraries: a module map plus a shim header each (see Sources/C*/shim.h).
        .systemLibrary(
            name: "CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(
            name: "CGIF", pkgConfig: "libgif",
            providers: [.apt(["libgif-dev"]), .brew(["giflib"])]),
        .systemLibrary(
            name: "CFreeType", pkgConfig: "freetype2",
            providers: [.apt(["libfreetype-dev"]), .brew(["freetype"])]),
        .systemLibrary(
            name: "CWebP", pkgConfig: "libwebpmux",
            providers: [.apt(["libwebp-dev"]), .brew(["webp"])]),
        // zlib's deflate for the PDF writer's FlateDecode streams.
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),

        // DejaVu Sans (Assets/DejaVuSans.ttf) embedded with C23 #embed: no resource bundle to lose.
        .target(name: "CDejaVu"),
        // The hand-written digits (Assets/digits.png) embedded the same way, for `--data digits`.
        .target(name: "CDigits"),
        // sync_file_range(2), which Swift's Glibc module does not declare, for AtomicFile's early writeback.
        .target(name: "CWriteback"),

        .target(name: "NMF"),
        .target(name: "Raster", dependencies: ["CFreeType", "CDejaVu"]),
        .target(name: "Plot", dependencies: ["Raster"]),
        .target(name: "Codecs", dependencies: ["Raster", "CPNG", "CGIF", "CWebP", "CZlib", "CWriteback"]),
        .target(name: "Animation", dependencies: ["NMF", "Raster", "Plot", "Codecs", "CDigits"]),
        // The command line: parsing, progress, messages, exit codes. A library so that the tests and
        // the option parser's fuzzer (Scripts/fuzz) can call it; the executable only starts it.
        .target(
            name: "NMFVizCommand",
            dependencies: [
                "Animation", "NMF", "Plot", "Codecs", "Raster",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "nmfviz", dependencies: ["NMFVizCommand"]),

        // Helpers shared by the test targets (SSIM as scikit-image computes it, libwebp's decoder):
        // one copy instead of one per target.
        .target(name: "TestSupport", dependencies: ["Raster", "CWebP"], path: "Tests/TestSupport"),
        .testTarget(name: "NMFTests", dependencies: ["NMF"], exclude: ["Fixtures"]),
        .testTarget(name: "RasterTests", dependencies: ["Raster", "CDejaVu"], exclude: ["Fixtures"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "Raster", "Codecs", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CodecsTests", dependencies: ["Codecs", "Raster", "CWebP", "CZlib", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AnimationTests", dependencies: ["Animation", "NMF", "Plot", "Raster", "Codecs"], exclude: ["Fixtures"]),
        .testTarget(name: "nmfvizTests", dependencies: ["nmfviz", "NMFVizCommand", "Animation", "NMF", "Codecs", "Raster", "CWebP", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
