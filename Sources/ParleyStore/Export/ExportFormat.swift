/// How `parley transcripts export` and `/admin` write what was collected.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// JSON Lines, one conversation (or reply API exchange) per line, with everything kept about it.
    case parley
    /// ParlAI's Conversations JSON Lines (`parlai.utils.conversations.Conversations` reads it).
    case parlai
    /// CSV with a header row, one row per message (or exchange).
    case csv
}
