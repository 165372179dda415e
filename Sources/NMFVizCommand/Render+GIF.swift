import ArgumentParser
import Codecs
import Raster

// The GIF options of `render` (issue 15): --quality, --matte, --dither.
extension Render {
    func validateGIFOptions() throws {
        guard (1...100).contains(quality) else {
            throw ValidationError("--quality must be 1…100, not \(quality)")
        }
        _ = try parsedMatte()
    }

    /// `--matte` as a colour, or nil when not given.
    func parsedMatte() throws -> RGBA8? {
        guard let matte else { return nil }
        guard let color = Self.color(matte) else {
            throw ValidationError("--matte must be white, black or #RRGGBB, such as #1e1e1e, not '\(matte)'")
        }
        return color
    }

    /// `white`, `black` or `#RRGGBB` (the `#` optional) as an opaque colour.
    static func color(_ text: String) -> RGBA8? {
        switch text.lowercased() {
        case "white": return .white
        case "black": return .black
        default: break
        }
        let hex = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard hex.utf8.count == 6, let value = UInt32(hex, radix: 16) else { return nil }
        return RGBA8(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }
}
