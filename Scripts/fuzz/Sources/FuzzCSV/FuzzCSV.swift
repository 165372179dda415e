import NMF

/// libFuzzer's entry point: any bytes must give a matrix or an `NMFError`, never a trap, and the
/// error's message must stay one short line without control characters.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let matrix = try CSVReader.parse(bytes: bytes, path: "fuzz.csv")
        for value in matrix.values where !(value.isFinite && value >= 0 && value <= Matrix.maximumValue) {
            fatalError("the reader accepted \(value)")
        }
    } catch let error as NMFError {
        let message = error.description
        if message.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            fatalError("a message holds a control character: \(message.debugDescription)")
        }
        // The path, the reason and a field cut at 40 scalars, each escaped in at most 10 bytes.
        if message.utf8.count > 1024 { fatalError("a message of \(message.utf8.count) bytes") }
    } catch {
        fatalError("an error that is not an NMFError: \(error)")
    }
    return 0
}
