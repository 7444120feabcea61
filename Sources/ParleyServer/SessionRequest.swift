/// What a client's `session` key asks for.
public enum SessionRequest: Sendable, Hashable {
    /// `null` or "": give me a session token, so that I can resume after a reconnect.
    case new
    /// A token handed out earlier: resume the person it belongs to.
    case resume(token: String)
}
