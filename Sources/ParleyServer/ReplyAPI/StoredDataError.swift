/// A user's stored conversation data cannot be read back (a server error, logged).
struct StoredDataError: Error, CustomStringConvertible {
    var mind: String
    var userID: String
    var reason: String

    var description: String { "stored data of user \(userID) of mind \(mind) is unreadable: \(reason)" }
}
