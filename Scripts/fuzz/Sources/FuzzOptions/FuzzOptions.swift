import NMFVizCommand

/// libFuzzer's entry point: the input is split into arguments, one per line, and parsed and
/// validated as `nmfviz` would; nothing runs. Any trap is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOptions(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let arguments = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    _ = NMFVizMain.check(arguments: arguments)
    return 0
}
