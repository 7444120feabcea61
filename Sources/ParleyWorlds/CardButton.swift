import ParleyCore

/// A button on a ``Card``: it sends a reply, as a quick reply does, or opens a link.
public struct CardButton: Sendable, Hashable {
    /// What tapping the button does.
    public enum Action: Sendable, Hashable {
        /// Sends this text back as the person's message (Messenger's `postback` button, whose
        /// `payload` it is).
        case reply(String)
        /// Opens this http(s) address (Messenger's `web_url` button).
        case link(String)
    }

    public var title: String
    public var action: Action

    public init(title: String, action: Action) {
        self.title = title
        self.action = action
    }

    /// A button that sends `reply` back.
    public init(title: String, reply: String) {
        self.init(title: title, action: .reply(reply))
    }

    /// A button that opens `link`.
    public init(title: String, link: String) {
        self.init(title: title, action: .link(link))
    }

    /// The buttons of a template's `buttons` list: `postback` and `web_url` ones; others are left out.
    static func buttons(in list: JSONValue?) -> [CardButton] {
        (list?.arrayValue ?? []).compactMap { button in
            guard let title = button["title"]?.stringValue else { return nil }
            switch button["type"]?.stringValue {
            case "postback": return CardButton(title: title, reply: button["payload"]?.stringValue ?? title)
            case "web_url": return button["url"]?.stringValue.map { CardButton(title: title, link: $0) }
            default: return nil
            }
        }
    }

    /// The button as a template button.
    var element: JSONValue {
        switch action {
        case .reply(let text): ["type": "postback", "title": .string(title), "payload": .string(text)]
        case .link(let url): ["type": "web_url", "title": .string(title), "url": .string(url)]
        }
    }
}
