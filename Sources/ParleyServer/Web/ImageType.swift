/// The image formats the image proxy passes on: raster formats that cannot carry scripts (SVG,
/// which can, is not one of them).
enum ImageType: String, CaseIterable, Sendable {
    case png = "image/png"
    case jpeg = "image/jpeg"
    case gif = "image/gif"
    case webp = "image/webp"

    /// The format a `Content-Type` names, or nil when it names none of these.
    init?(contentType: String) {
        let mediaType = MediaType.of(contentType)
        self.init(rawValue: mediaType == "image/jpg" ? "image/jpeg" : mediaType)
    }

    /// The format whose signature `bytes` start with, or nil.
    init?(signatureOf bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(12))
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + signature.count && Array(head[offset..<offset + signature.count]) == signature
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) {
            self = .gif
        } else if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) {
            self = .webp
        } else {
            return nil
        }
    }

    /// The `Accept` header of a fetch.
    static let accepted = allCases.map(\.rawValue).joined(separator: ", ")
}
