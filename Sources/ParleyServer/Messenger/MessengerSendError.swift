/// A Graph API request that failed; transient failures are worth retrying.
struct MessengerSendError: Error, CustomStringConvertible {
    let description: String
    let isTransient: Bool
}
