import ParleyCore

/// The page's Messenger profile: the Get Started button, the greeting, and a persistent menu
/// whose items send their title back as a postback, set with the Messenger Profile API.
public struct MessengerProfile: Sendable, Equatable {
    /// The most persistent menu items Messenger shows.
    public static let menuLimit = 20
    /// The longest menu item title Messenger shows.
    public static let menuTitleLimit = 30
    /// The longest greeting Messenger shows.
    public static let greetingLimit = 160

    /// What the Get Started button sends (as a postback, so to the worlds as text).
    public var getStartedPayload: String
    public var greeting: String
    /// The persistent menu's choices, e.g. a task config's task names.
    public var menu: [String]

    public init(getStartedPayload: String = "GET_STARTED", greeting: String, menu: [String]) {
        self.getStartedPayload = getStartedPayload
        self.greeting = greeting
        self.menu = menu
    }

    /// The `POST /me/messenger_profile` body; the menu and texts are cut to Messenger's limits.
    public var body: JSONValue {
        let items = menu.prefix(Self.menuLimit).map { choice -> JSONValue in
            let title = choice.count > Self.menuTitleLimit ? String(choice.prefix(Self.menuTitleLimit - 1)) + "…" : choice
            return ["type": "postback", "title": .string(title), "payload": .string(choice)]
        }
        return [
            "get_started": ["payload": .string(getStartedPayload)],
            "greeting": [["locale": "default", "text": .string(String(greeting.prefix(Self.greetingLimit)))]],
            "persistent_menu": [["locale": "default", "composer_input_disabled": false, "call_to_actions": .array(items)]],
        ]
    }

    /// Sets the profile on the page of `options.pageToken`; throws with Graph's reason when refused.
    public func apply(options: MessengerOptions) async throws {
        try await MessengerGraphClient(options: options).post(body, path: "me/messenger_profile")
    }
}
