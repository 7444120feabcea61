import Foundation
import ParleyCore

/// A Telegram message's text as the worlds get it, and whether it is addressed to the bot.
///
/// Mentions of the bot (`@username`, or a text mention of its user) are taken out; a command at
/// the start (`/start`, `/start@username`) loses its slash and bot name. A command naming another
/// bot is left as it is and does not address this one. Entity offsets count UTF-16 code units,
/// as Telegram's do.
struct TelegramText: Sendable, Equatable {
    /// The text for the worlds; the raw text when taking the mentions out would leave nothing.
    let text: String
    /// True when the text mentions the bot or starts with a command for it.
    let isAddressed: Bool

    init(_ raw: String, entities: [JSONValue], bot: TelegramBot) {
        let units = Array(raw.utf16)
        let username = "@" + bot.username.lowercased()
        var replacements: [(range: Range<Int>, with: String)] = []
        var isAddressed = false
        for entity in entities {
            guard let offset = entity["offset"]?.intValue, let length = entity["length"]?.intValue, offset >= 0, length > 0,
                offset + length <= units.count
            else { continue }
            let range = offset..<(offset + length)
            let content = String(decoding: units[range], as: UTF16.self)
            switch entity["type"]?.stringValue {
            case "mention" where content.lowercased() == username:
                isAddressed = true
                replacements.append((range, ""))
            case "text_mention" where entity["user"]?["id"]?.intValue == bot.id:
                isAddressed = true
                replacements.append((range, ""))
            case "bot_command" where offset == 0:
                let parts = content.dropFirst().split(separator: "@", maxSplits: 1)
                guard let command = parts.first else { continue }
                if parts.count == 1 || "@" + parts[1].lowercased() == username {
                    isAddressed = true
                    replacements.append((range, String(command)))
                }
            default:
                continue
            }
        }
        var text = ""
        var position = 0
        for (range, replacement) in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where range.lowerBound >= position {
            Self.append(String(decoding: units[position..<range.lowerBound], as: UTF16.self), to: &text)
            Self.append(replacement, to: &text)
            position = range.upperBound
        }
        Self.append(String(decoding: units[position...], as: UTF16.self), to: &text)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.text = trimmed.isEmpty ? raw.trimmingCharacters(in: .whitespacesAndNewlines) : trimmed
        self.isAddressed = isAddressed
    }

    /// Appends `piece`, leaving out its leading whitespace when `text` already ends with some.
    private static func append(_ piece: String, to text: inout String) {
        if text.last?.isWhitespace == true || text.isEmpty {
            text += piece.drop(while: \.isWhitespace)
        } else {
            text += piece
        }
    }
}
