/// The media type of a `Content-Type` header value.
enum MediaType {
    /// What comes before any `;`, without the spaces and tabs around it, lowercased (ASCII).
    /// Byte by byte: it runs on every POST.
    static func of(_ contentType: String) -> String {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var bytes = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }.drop(while: isSpace)
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        return String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
