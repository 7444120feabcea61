import Foundation
import Logging
import ParleyCore
import ParleyStore
import Synchronization

/// Records one world: its messages (through the runtime's transcript writer), its results, and its
/// conversation record (who took part, how it ended, ratings).
///
/// A person's act is recorded once, as said by that person; the same act relayed to others is not
/// recorded again. Everything else a person is shown is recorded as said by its `id` (or `World`).
/// People who declined a consent notice that is not required are left out: their acts are not
/// recorded, nor are they listed; a world of only such people records nothing.
final class TranscriptRecorder: Sendable {
    let worldID: String
    let task: String
    let world: String
    /// The recorded people's ids.
    let people: [String]
    private let unrecorded: Set<String>
    private let store: any TranscriptStore
    private let writer: TranscriptWriter
    private let logger: Logger
    /// Where the world is shown live; nil for worlds not shown (the overworld's menus).
    private let live: LiveWorlds?
    /// Recent acts by people in this world, to tell relays from new messages.
    private let recentActs = Mutex<[Message]>([])
    private let conversation: Mutex<ConversationRecord>
    private static let rememberedActs = 32
    /// What a restorable world's recorder holds for the world's next save: a message (nil for one
    /// not recorded) and what to call once it is stored. Nil while the recorder writes at once.
    private let held = Mutex<[HeldRecord]?>(nil)

    /// A message held for a restorable world's next save.
    struct HeldRecord: Sendable {
        let record: MessageRecord?
        let whenStored: (@Sendable () -> Void)?
    }

    /// A recorder for a world of `participants`, none of whom are in `unrecorded`.
    init(
        conversation: ConversationRecord, unrecorded: Set<String>, store: any TranscriptStore, writer: TranscriptWriter,
        logger: Logger, live: LiveWorlds?
    ) {
        worldID = conversation.worldID
        task = conversation.task
        world = conversation.world
        people = conversation.personIDs
        self.unrecorded = unrecorded
        self.store = store
        self.writer = writer
        self.logger = logger
        self.live = people.isEmpty ? nil : live
        self.conversation = Mutex(conversation)
    }

    /// False when no one in the world is recorded.
    var isRecording: Bool { !people.isEmpty }

    /// Records what a person said; `whenStored` is called once it is in the store (at once when
    /// the person is not recorded; in a restorable world, once the world's next save is stored).
    func recordAct(_ message: Message, by personID: String, whenStored: (@Sendable () -> Void)? = nil) {
        recentActs.withLock { acts in
            acts.append(message)
            if acts.count > Self.rememberedActs { acts.removeFirst() }
        }
        guard !unrecorded.contains(personID) else {
            settle(whenStored)
            return
        }
        append(message, speaker: personID, whenStored: whenStored)
    }

    /// Records a message shown to a person, unless it relays a person's act.
    func recordDelivery(_ message: Message) {
        let isRelay = recentActs.withLock { $0.contains(message) }
        guard !isRelay else { return }
        append(message, speaker: message.id.flatMap { $0.isEmpty ? nil : $0 } ?? "World")
    }

    /// Records a notice the runtime gave the world's people about it (a partner left, ...).
    func recordNotice(_ text: String) {
        append(Message(text: text, id: "World"), speaker: "World")
    }

    /// Saves what the world collected.
    func saveResult(_ data: JSONValue) async throws {
        guard isRecording else { return }
        try await store.saveResult(
            WorldResult(worldID: worldID, task: task, world: world, people: people, data: data, time: Date())
        )
    }

    /// Adds a participant (a bot, an operator) unless one of that kind and id is listed already.
    func addParticipant(_ participant: ConversationParticipant) {
        conversation.withLock { record in
            guard !record.participants.contains(where: { $0.id == participant.id && $0.kind == participant.kind }) else { return }
            record.participants.append(participant)
        }
    }

    /// Stores the conversation record as it is now.
    func saveConversation() async {
        guard isRecording else { return }
        let record = conversation.withLock { $0 }
        let store = self.store
        do {
            // Shielded from cancellation: a world stopped by a shutdown still records how it ended.
            try await Task { try await store.saveConversation(record) }.value
        } catch {
            logger.error("could not store the conversation record of world \(worldID): \(error)")
        }
    }

    /// Notes how the world ended and the names its people ended with, and stores the record.
    func end(_ ending: ConversationEnding, names: [String: String]) async {
        setNames(names)
        conversation.withLock { record in
            record.ended = Date()
            record.ending = ending
        }
        await saveConversation()
    }

    /// Sets the names people are shown under, by person id.
    func setNames(_ names: [String: String]) {
        conversation.withLock { record in
            for index in record.participants.indices where record.participants[index].kind == .person {
                if let name = names[record.participants[index].id] { record.participants[index].name = name }
            }
        }
    }

    /// Adds a person's rating and stores the record.
    func addRating(_ rating: ConversationRating) async {
        guard !unrecorded.contains(rating.personID) else { return }
        conversation.withLock { $0.ratings.append(rating) }
        await saveConversation()
    }

    private func append(_ message: Message, speaker: String, whenStored: (@Sendable () -> Void)? = nil) {
        guard isRecording else {
            settle(whenStored)
            return
        }
        let record = MessageRecord(
            worldID: worldID, task: task, world: world, people: people,
            speaker: speaker, text: message.text, payload: message.payload, time: Date()
        )
        let isHeld = held.withLock { held in
            held?.append(HeldRecord(record: record, whenStored: whenStored))
            return held != nil
        }
        if !isHeld { writer.record(record, whenStored: whenStored) }
        live?.recorded(record)
    }

    /// Calls `whenStored` for a message not recorded: at once, or after the next save while held.
    private func settle(_ whenStored: (@Sendable () -> Void)?) {
        guard let whenStored else { return }
        let isHeld = held.withLock { held in
            held?.append(HeldRecord(record: nil, whenStored: whenStored))
            return held != nil
        }
        if !isHeld { whenStored() }
    }

    /// From now on, holds messages for ``takeHeld()`` (a restorable world's saves write them).
    func hold() {
        held.withLock { $0 = $0 ?? [] }
    }

    /// The messages held since the last call; the caller stores them and calls their `whenStored`.
    func takeHeld() -> [HeldRecord] {
        held.withLock { held in
            defer { if held != nil { held = [] } }
            return held ?? []
        }
    }

    /// Holds again, before anything held since, messages a save could not store.
    func putBack(_ items: [HeldRecord]) {
        held.withLock { held in held = held.map { items + $0 } }
    }

    /// Stops holding messages: what is held goes to the transcript writer, as later ones do.
    func stopHolding() {
        let rest = held.withLock { held in
            defer { held = nil }
            return held ?? []
        }
        for item in rest {
            if let record = item.record { writer.record(record, whenStored: item.whenStored) } else { item.whenStored?() }
        }
    }

    /// Shows the world in the live view.
    func announceStart() {
        guard let live else { return }
        let record = conversation.withLock { $0 }
        live.started(
            LiveWorldView(
                worldID: worldID, task: task, world: world, role: record.role, started: record.started,
                participants: record.participants, operatorName: nil, botsPaused: false, recent: []))
    }

    /// Takes the world out of the live view.
    func announceEnd(_ ending: ConversationEnding) {
        live?.ended(worldID, ending)
    }

    /// Records an operator's message, said under `name`.
    func recordOperator(_ message: Message, name: String) {
        append(message, speaker: name)
    }

    /// Tells the live view an operator joined (with `participant`) or left (nil name).
    func announceOperator(name: String?, botsPaused: Bool, participant: ConversationParticipant?) {
        live?.operatorChanged(worldID, name: name, botsPaused: botsPaused, participant: participant)
    }
}
