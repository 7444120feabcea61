import ParleyCore

/// The runtime's record of one connected person (used only inside ``WorldRuntime``).
final class Person {
    /// Where the person is between and within worlds.
    enum Place: Equatable {
        case idle
        case queued(ticket: Int)
        case inWorld(String)
        case pooled(task: String, ticket: Int)
        case matched
    }

    /// Where the person stands with the config's consent notice.
    enum Consent: Equatable {
        /// Not looked up yet (or no notice is configured).
        case unknown
        /// Shown the notice; no answer yet.
        case asked
        /// Declined a required notice: can do nothing else until they agree.
        case declined
        /// Agreed: recorded.
        case agreed
        /// Declined a notice that is not required: takes part unrecorded.
        case unrecorded

        /// True once the person may go on to the tasks.
        var isSettled: Bool { self == .agreed || self == .unrecorded }
    }

    let id: String
    let service: String
    let inbox = Inbox()
    let outbox: Outbox
    /// True once the first message (the password, when one is set) has been accepted.
    var admitted = false
    var consent = Consent.unknown
    /// True while a journey (overworld, tasks, ...) runs for the person.
    var journeyActive = false
    var place: Place = .idle
    /// A ticket taken as the person's last world ended: their place in a pool they go on to, so
    /// that people join pools in the order they chose, however long saving their last world took.
    var finishedWorld = 0
    var data: [String: JSONValue] = [:]
    var onboardData: [String: JSONValue] = [:]
    var isDetached = false
    /// Counts detaches, so a stale resume timer does nothing.
    var detachCount = 0
    var isGone = false
    /// The task the person's next journey starts in, instead of the overworld.
    var requestedTask: String?
    /// What the person's next journey takes as their first answer in the overworld.
    var openingAnswer: String?

    /// For a person restored from a saved world: the service's number of the person's last message
    /// the world took, and the number of the last message the saved world held for them.
    var restoredReceived: Int?
    var restoredSaved = 0
    /// True for a person restored from a saved world until a service gives them a channel.
    var isRestored = false

    init(id: String, service: String, channel: any PersonChannel) {
        self.id = id
        self.service = service
        self.outbox = Outbox(channel: channel)
    }

    /// A person of a saved world, restored without a channel.
    init(restoring member: WorldRunRecord.Member) {
        id = member.personID
        service = member.service
        outbox = Outbox(delivered: member.delivered, pending: member.pending, resumeKey: member.resumeKey)
        admitted = true
        consent = member.recorded ? .agreed : .unrecorded
        journeyActive = true
        data = member.data
        onboardData = member.onboardData
        isDetached = true
        restoredReceived = member.received
        restoredSaved = member.delivered + member.pending.count
        isRestored = true
    }
}
