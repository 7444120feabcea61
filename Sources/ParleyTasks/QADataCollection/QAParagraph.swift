import Foundation

/// A paragraph people write a question and answer about.
public struct QAParagraph: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var text: String

    /// The paragraphs Parley ships (`Resources/qa_paragraphs.json`).
    public static func shipped() throws -> [QAParagraph] {
        guard let url = Bundle.module.url(forResource: "qa_paragraphs", withExtension: "json", subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "qa_paragraphs.json is missing from ParleyTasks' resources"])
        }
        return try load(from: url)
    }

    /// Paragraphs from a JSON file: a list of `{"id", "title", "text"}` objects.
    public static func load(from url: URL) throws -> [QAParagraph] {
        let paragraphs = try JSONDecoder().decode([QAParagraph].self, from: Data(contentsOf: url))
        guard !paragraphs.isEmpty else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(url.path) holds no paragraphs"])
        }
        return paragraphs
    }
}
