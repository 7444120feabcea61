import ParleyCore

/// One Bot API call to make: its method and JSON body.
struct TelegramRequest: Sendable, Equatable {
    let method: String
    let body: JSONValue
}
