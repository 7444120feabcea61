/// The session tokens handed out to WebSocket clients, and the people they resume.
actor SessionRegistry {
    private var channels: [String: WebSocketPersonChannel] = [:]
    private let resumeWindow: Duration

    init(resumeWindow: Duration) {
        self.resumeWindow = resumeWindow
    }

    /// Hands out a new token for the person on `channel`.
    func issue(for channel: WebSocketPersonChannel) -> String {
        let token = SessionToken.make()
        channels[token] = channel
        channel.token = token
        return token
    }

    /// Takes on a token handed out before a restart, for its restored person.
    func adopt(_ token: String, for channel: WebSocketPersonChannel) {
        channels[token] = channel
    }

    /// The person a token belongs to, or nil when it is unknown or expired.
    func claim(_ token: String) -> WebSocketPersonChannel? {
        channels[token]
    }

    /// Forgets a token: its person left.
    func forget(_ token: String) {
        channels[token] = nil
    }

    /// The person's connection dropped: forget the token unless they come back within the resume window.
    func expire(_ token: String) {
        guard let channel = channels[token] else { return }
        let generation = channel.generation
        let window = resumeWindow
        Task {
            try? await Task.sleep(for: window)
            self.forgetIfStillAway(token, generation: generation)
        }
    }

    private func forgetIfStillAway(_ token: String, generation: Int) {
        guard let channel = channels[token], channel.generation == generation, !channel.isAttached else { return }
        channels[token] = nil
    }
}
