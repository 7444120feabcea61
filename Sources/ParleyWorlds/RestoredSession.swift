/// A person brought back with a restored world after a restart, whose session a service resumes.
public struct RestoredSession: Sendable, Equatable {
    /// The person's id in the runtime.
    public let personID: String
    /// How many messages went out to the person before the restart: a service that numbers what
    /// it delivers goes on after this number.
    public let delivered: Int
    /// The number of the last message the saved world held for the person: what comes after it
    /// is new, whatever numbers the person's client saw from the server that stopped.
    public let saved: Int
    /// The service's number of the person's last message the world took, when it has one.
    public let received: Int?
}
