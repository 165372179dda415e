import Foundation
import Testing
@testable import Codecs

/// Path arithmetic on `/` and the temporary names beside targets.
@Suite struct OutputPathTests {
    @Test(arguments: [
        ("a.gif", ".", "a.gif"), ("x/a.gif", "x", "a.gif"), ("/a.gif", "/", "a.gif"), ("a/", "a", ""),
        ("q/r/s.png", "q/r", "s.png"), ("a//b", "a", "b"), ("//b", "/", "b"), ("x", ".", "x"), ("/", "/", ""),
    ])
    func splitsOnTheLastSlash(path: String, folder: String, name: String) {
        #expect(OutputPath.split(path) == (folder, name))
    }

    @Test(arguments: [("a.gif", "gif"), ("x.y/z", ""), (".hidden", ""), ("f_%03d.PNG", "PNG"), ("a.", "")])
    func extensions(path: String, expected: String) {
        #expect(OutputPath.pathExtension(path) == expected)
    }

    @Test(arguments: [1, 100, 240, 250, 255])
    func temporaryNamesFitNAME_MAX(length: Int) {
        for character in ["n", "é", "😀"] {
            let count = max(1, length / character.utf8.count)
            let name = String(repeating: character, count: count)
            let temporary = OutputPath.temporaryName(for: name, attempt: 99)
            #expect(temporary.utf8.count <= 255)
            #expect(temporary.hasPrefix("."))
            #expect(temporary.hasSuffix(".99.tmp"))
        }
    }

    @Test func devicesAreStreamsAndFoldersAreRefused() throws {
        #expect(try OutputPath.resolve("/dev/null") == .stream(path: "/dev/null"))
        // Whatever standard output is open on (a pipe under the test runner, a file, a terminal).
        let stdout = try OutputPath.resolve("/dev/stdout")
        #expect(stdout == .stream(path: "/dev/stdout") || stdout == .stream(path: "/proc/self/fd/1"))
        #expect(throws: CodecsError.self) { try OutputPath.resolve("/tmp") }
        #expect(throws: CodecsError.self) { try OutputPath.resolve("/dev/new-file") }
        #expect(try OutputPath.resolve("/tmp/nmfviz-new.gif") == .file(path: "/tmp/nmfviz-new.gif", folder: "/tmp", name: "nmfviz-new.gif"))
    }

    @Test func stagedFilesAppearTogetherOrNotAtAll() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staged-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let staged = StagedFiles()
        try staged.write([1, 2, 3], to: folder + "/a")
        try staged.write([4], to: folder + "/b")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { $0.hasSuffix(".tmp") })
        #expect(try staged.commit() == [folder + "/a", folder + "/b"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a", "b"])
        let abandoned = StagedFiles()
        try abandoned.write([9], to: folder + "/a")
        abandoned.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a", "b"])
        #expect(FileManager.default.contents(atPath: folder + "/a") == Data([1, 2, 3]))
    }
}
