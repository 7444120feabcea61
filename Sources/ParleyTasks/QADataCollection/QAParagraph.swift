import Foundation

/// A paragraph people write a question and answer about.
public struct QAParagraph: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var text: String

    /// The paragraphs Parley ships (built in from `Resources/qa_paragraphs.json`).
    public static func shipped() throws -> [QAParagraph] {
        try JSONDecoder().decode([QAParagraph].self, from: Data(DemoFiles.qaParagraphs.utf8))
    }

    /// Paragraphs from a JSON Lines file: one `{"id", "title", "text"}` object per line; blank
    /// lines are skipped. Errors name the file and line.
    public static func load(jsonLines path: String) throws -> [QAParagraph] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw QAParagraphError(description: "cannot read the paragraphs file \(path): \(error.localizedDescription)")
        }
        var paragraphs: [QAParagraph] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            do {
                paragraphs.append(try JSONDecoder().decode(QAParagraph.self, from: Data(line.utf8)))
            } catch {
                throw QAParagraphError(
                    description: "\(path):\(index + 1): expected a JSON object with string fields id, title and text")
            }
        }
        guard !paragraphs.isEmpty else { throw QAParagraphError(description: "\(path) holds no paragraphs") }
        return paragraphs
    }
}
