import ParleyCore

/// A card a world can send: a title, some text, an image and buttons. On the wire it is
/// Messenger's generic template (`{"type": "template", "payload": {"template_type": "generic",
/// "elements": [...]}}`), the shape ParlAI's Messenger worlds send; each service shows it as it can.
///
/// ```swift
/// let card = Card(title: "Margherita", text: "Tomato, mozzarella", imageURL: "https://example.org/m.jpg",
///                 buttons: [CardButton(title: "Order", reply: "order margherita")])
/// await agent.observe(Message(payload: Card.payload([card])))
/// ```
public struct Card: Sendable, Hashable {
    public var title: String
    /// Text under the title (Messenger's `subtitle`).
    public var text: String?
    /// An http(s) address of the card's picture.
    public var imageURL: String?
    public var buttons: [CardButton]

    public init(title: String, text: String? = nil, imageURL: String? = nil, buttons: [CardButton] = []) {
        self.title = title
        self.text = text
        self.imageURL = imageURL
        self.buttons = buttons
    }

    /// The payload that carries `cards`: Messenger's generic template.
    public static func payload(_ cards: [Card]) -> JSONValue {
        ["type": "template", "payload": ["template_type": "generic", "elements": .array(cards.map(\.element))]]
    }

    /// The cards a payload holds: Messenger's generic or button template (as an attachment
    /// `{"type": "template", "payload": {...}}`), or ParlAI's compact list (`{"type": "list",
    /// "data": [elements]}`); nil for any other payload. Elements without a title are left out.
    public static func cards(in payload: JSONValue) -> [Card]? {
        switch payload["type"]?.stringValue {
        case "list":
            return payload["data"]?.arrayValue.map { $0.compactMap(Card.init(element:)) }
        case "template":
            guard let template = payload["payload"] else { return nil }
            switch template["template_type"]?.stringValue {
            case "generic", "list":
                return template["elements"]?.arrayValue.map { $0.compactMap(Card.init(element:)) }
            case "button":
                guard let text = template["text"]?.stringValue else { return nil }
                return [Card(title: text, buttons: CardButton.buttons(in: template["buttons"]))]
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// A card from a template element (`title`, `subtitle`, `image_url`, `buttons`).
    init?(element: JSONValue) {
        guard let title = element["title"]?.stringValue else { return nil }
        self.init(
            title: title, text: element["subtitle"]?.stringValue, imageURL: element["image_url"]?.stringValue,
            buttons: CardButton.buttons(in: element["buttons"]))
    }

    /// The card as a template element.
    var element: JSONValue {
        var members: [String: JSONValue] = ["title": .string(title)]
        if let text { members["subtitle"] = .string(text) }
        if let imageURL { members["image_url"] = .string(imageURL) }
        if !buttons.isEmpty { members["buttons"] = .array(buttons.map(\.element)) }
        return .object(members)
    }
}

extension Message {
    /// The cards the payload holds (``Card/cards(in:)``); nil when it holds none.
    public var cards: [Card]? {
        shownPayload.flatMap(Card.cards(in:))
    }
}
