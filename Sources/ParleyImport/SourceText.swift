import Foundation

/// The text of a file to import, in the encoding its XML declaration names.
public enum SourceText {
    /// The text of `data`: ISO-8859-1 or Windows-1252 when an XML declaration says so, else
    /// UTF-8, else (not valid UTF-8) ISO-8859-1; `fallback` is true in that last case.
    public static func decode(_ data: Data) -> (text: String, fallback: Bool) {
        let head = String(decoding: data.prefix(200), as: UTF8.self).lowercased()
        if head.contains("encoding=\"iso-8859-1\"") || head.contains("encoding='iso-8859-1'")
            || head.contains("latin1") || head.contains("latin-1")
        {
            return (String(data: data, encoding: .isoLatin1) ?? "", false)
        }
        if head.contains("windows-1252"), let text = String(data: data, encoding: .windowsCP1252) { return (text, false) }
        if let text = String(data: data, encoding: .utf8) { return (text, false) }
        return (String(data: data, encoding: .isoLatin1) ?? "", true)
    }
}
