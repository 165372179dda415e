// swift-tools-version:5.4
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM renames an executable's `main` to `<Target>_main`
// for testability, and libFuzzer, which brings its own `main`, then fails to link.
// libFuzzer harnesses for nmfviz, kept out of the main package so that its default build and tests
// never need libFuzzer. Build and run them with Scripts/fuzz/run (see the comment there).
import PackageDescription

let package = Package(
    name: "nmfviz-fuzz",
    dependencies: [.package(name: "nmfviz", path: "../..")],
    targets: [
        // Bytes → CSVReader.parse(bytes:path:).
        .executableTarget(
            name: "FuzzCSV",
            dependencies: [.product(name: "NMF", package: "nmfviz")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        // Bytes → one argument per line → NMFVizMain.check(arguments:) (parse and validate, no run).
        .executableTarget(
            name: "FuzzOptions",
            dependencies: [.product(name: "NMFVizCommand", package: "nmfviz")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
