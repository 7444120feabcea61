import ParleyCore
import Yams

/// The config's `consent` block: what people are told, and asked to agree to, before anything of
/// theirs is recorded.
public struct ConsentNotice: Sendable, Equatable {
    /// `text`: what is recorded and why.
    public var text: String
    /// `link`: where the full privacy notice is.
    public var link: String?
    /// `required`: when true (the default), a person who declines can do nothing else; when false,
    /// they use the tasks unrecorded.
    public var required: Bool
    /// `version`: recorded with each answer; people who answered an older version are asked again.
    public var version: Int
    /// `accept` and `decline`: the quick replies offered.
    public var accept: String
    public var decline: String

    static let keys = ["text", "link", "required", "version", "accept", "decline"]

    public init(
        text: String, link: String? = nil, required: Bool = true, version: Int = 1, accept: String = "I agree",
        decline: String = "No thanks"
    ) {
        self.text = text
        self.link = link
        self.required = required
        self.version = version
        self.accept = accept
        self.decline = decline
    }

    /// The notice as sent: the text, the link on a line of its own, and the two answers as quick
    /// replies; its payload `{"type": "consent", "version": N}` lets a page tell it from a world's message.
    public var message: Message {
        Message(text: link.map { "\(text)\n\($0)" } ?? text, payload: payload, quickReplies: [accept, decline], id: "World")
    }

    /// The payload the notice and the reminder after a decline carry.
    var payload: JSONValue {
        ["type": "consent", "version": .number(Double(version))]
    }

    /// True when `text` is the accept answer (case and surrounding spaces ignored).
    func accepts(_ text: String) -> Bool {
        Self.normalized(text) == Self.normalized(accept)
    }

    /// True when `text` is the decline answer (case and surrounding spaces ignored).
    func declines(_ text: String) -> Bool {
        Self.normalized(text) == Self.normalized(decline)
    }

    private static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static func parse(_ node: Node, reader: ConfigReader) throws(ConfigError) -> ConsentNotice {
        let members = try reader.members(node, at: "consent")
        try reader.checkKeys(members, allowed: keys, at: "consent")
        guard let text = members.first(where: { $0.key == "text" }) else {
            throw reader.error("consent.text", "required key is missing: what is recorded and why")
        }
        var notice = ConsentNotice(text: try reader.text(text.value, at: "consent.text"))
        for member in members {
            let key = "consent.\(member.key)"
            switch member.key {
            case "link": notice.link = try reader.string(member.value, at: key)
            case "required": notice.required = try reader.bool(member.value, at: key)
            case "version": notice.version = try reader.positiveInteger(member.value, at: key)
            case "accept": notice.accept = try reader.text(member.value, at: key)
            case "decline": notice.decline = try reader.text(member.value, at: key)
            default: break
            }
        }
        guard !notice.accepts(notice.decline) else {
            throw reader.error("consent.decline", "must differ from consent.accept")
        }
        return notice
    }
}
