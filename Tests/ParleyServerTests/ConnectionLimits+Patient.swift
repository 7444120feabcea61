import ParleyServer

extension ConnectionLimits {
    /// The servers' limits in tests that are not about them: a request head may take two minutes,
    /// since a test machine running the whole suite can keep a client's task waiting for a thread
    /// longer than the 10 seconds a real client gets (seen in CI: 408s from the image proxy tests).
    static let patient = ConnectionLimits(requestHeadTimeout: .seconds(120))
}
