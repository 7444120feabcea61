/// The result of an import: a mind document (version 1.1) and the notes on what it does differently.
public struct MindImport: Sendable {
    /// The formats a mind document is written in.
    public enum Format: Sendable {
        case json, yaml
    }

    /// The mind document, members in the order they are written.
    let document: MindValue
    /// The number of rules the mind has.
    public let rules: Int
    /// What could not be carried over, and what the import did instead; by file, in line order.
    public let notes: [ImportNote]

    /// The mind document as text.
    public func text(format: Format) -> String {
        switch format {
        case .json: MindWriter.json(document)
        case .yaml: MindWriter.yaml(document)
        }
    }
}
