import Foundation
import Logging
import ParleyCore
import ParleyStore
import Synchronization

/// Saves one running restorable world in the store, and parks it when the server stops.
///
/// The world's person agents call ``save()`` before they wait for a person. A save holds the
/// world's state, its people's data and the messages sent to them since the last save, which only
/// then go out, and in the same transaction the world's transcript records since the last save;
/// the messages the world took meanwhile are acknowledged once it is stored.
final class WorldCheckpoint: Sendable {
    /// A person in the world, and where their messages go.
    struct Seat: Sendable {
        let personID: String
        let service: String
        /// False when the person declined a consent notice that is not required.
        let recorded: Bool
        let agent: PersonAgent
        let outbox: Outbox
    }

    private struct State {
        var readState: (@Sendable () async throws -> JSONValue)?
        var seats: [Seat] = []
        /// The service's number of the last message each person's world took.
        var received: [String: Int] = [:]
        /// How many messages the world took since the last save.
        var taken = 0
        /// Each person's count of messages sent, at the last save; nil before the first.
        var savedSent: [Int]?
        /// Each person's count of messages delivered, in the last record written.
        var writtenDelivered: [Int]?
        /// Whether a save was ever stored: a world never saved cannot be parked.
        var hasSaved = false
        /// Whether the server asked the world to stop at its next wait.
        var parking = false
        /// Whether the world waits for a person now.
        var waiting = false
    }

    let worldID: String
    private let server: String
    private let task: String
    private let world: String
    private let started: Date
    private let store: any WorldRunStore
    private let recorder: TranscriptRecorder
    private let logger: Logger
    private let state: Mutex<State>

    init(
        worldID: String, server: String, task: String, world: String, started: Date, store: any WorldRunStore,
        recorder: TranscriptRecorder, logger: Logger, received: [String: Int] = [:]
    ) {
        self.server = server
        self.recorder = recorder
        self.worldID = worldID
        self.task = task
        self.world = world
        self.started = started
        self.store = store
        self.logger = logger
        state = Mutex(State(received: received))
    }

    /// Starts saving the world made with these seats; their messages, and the world's transcript
    /// records, are held back from now on.
    func start(seats: [Seat], readState: @escaping @Sendable () async throws -> JSONValue) async {
        state.withLock { state in
            state.seats = seats
            state.readState = readState
        }
        recorder.hold()
        for seat in seats { await seat.outbox.hold() }
    }

    /// Notes a message the world took from a person: `number` is the service's number for it.
    func took(number: Int?, from personID: String) {
        state.withLock { state in
            state.taken += 1
            if let number { state.received[personID] = max(number, state.received[personID] ?? 0) }
        }
    }

    /// Saves the world when anything happened since the last save, then lets the messages sent so
    /// far go out and settles the messages taken. A failed save is logged and the world goes on.
    /// A `final` save (the world stops for a restart) is written again once what it let go out
    /// is delivered, so that the restarted server does not send that again.
    func save(final: Bool = false) async {
        let (seats, readState) = state.withLock { ($0.seats, $0.readState) }
        guard let readState else { return }
        let snapshots = await snapshots(of: seats)
        let sent = snapshots.map(\.sent)
        let held = recorder.takeHeld()
        let (received, unchanged) = state.withLock { state -> ([String: Int], Bool) in
            defer { state.taken = 0 }
            return (state.received, state.taken == 0 && state.savedSent == sent && held.isEmpty)
        }
        if !unchanged {
            if await write(seats, snapshots, received: received, records: held.compactMap(\.record), readState: readState) {
                state.withLock { $0.savedSent = sent }
                for item in held { item.whenStored?() }
            } else {
                // Not stored: acknowledged only by a later save that stores them.
                recorder.putBack(held)
            }
            // The conversation goes on either way.
            for (seat, snapshot) in zip(seats, snapshots) { await seat.outbox.release(through: snapshot.sent) }
        }
        guard final else { return }
        let after = await self.snapshots(of: seats)
        if after.map(\.delivered) != state.withLock({ $0.writtenDelivered }) {
            _ = await write(seats, after, received: received, records: [], readState: readState)
        }
    }

    private func snapshots(of seats: [Seat]) async -> [Outbox.Snapshot] {
        var snapshots: [Outbox.Snapshot] = []
        for seat in seats { snapshots.append(await seat.outbox.snapshot()) }
        return snapshots
    }

    /// Writes the world's record with its transcript `records`; false (and the failure logged)
    /// when that failed.
    private func write(
        _ seats: [Seat], _ snapshots: [Outbox.Snapshot], received: [String: Int], records: [MessageRecord],
        readState: @Sendable () async throws -> JSONValue
    ) async -> Bool {
        do {
            let members = zip(seats, snapshots).map { seat, snapshot in
                WorldRunRecord.Member(
                    personID: seat.personID, service: seat.service, resumeKey: snapshot.resumeKey,
                    displayID: seat.agent.displayID, data: seat.agent.data, onboardData: seat.agent.onboardData,
                    recorded: seat.recorded, delivered: snapshot.delivered, pending: snapshot.pending,
                    received: received[seat.personID])
            }
            let record = WorldRunRecord(task: task, world: world, started: started, state: try await readState(), members: members)
            let body = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
            try await store.saveWorldRun(
                SavedWorldRun(id: worldID, server: server, people: seats.map(\.personID), body: body, saved: Date()), records: records)
            state.withLock { state in
                state.writtenDelivered = snapshots.map(\.delivered)
                state.hasSaved = true
            }
            return true
        } catch {
            logger.error(
                "could not save a restorable world; it goes on, and the next save tries again",
                metadata: ["world": "\(worldID)", "error": "\(error)"])
            return false
        }
    }

    /// Saves the world, then waits for the first message in `inboxes` (see ``Inbox/next(from:timeout:)``).
    /// Throws `CancellationError` when the server parks the world, after a final save.
    @inline(never)  // What it needs stays out of the frame of every waiting person's task.
    func wait(for inboxes: [Inbox], timeout: Duration?) async throws -> Inbox.Wake {
        await save()
        // The server stops: the world stops here, saved, and goes on after the restart.
        guard await startWaiting() else {
            await save(final: true)
            throw CancellationError()
        }
        let wake = await Inbox.next(from: inboxes, timeout: timeout)
        if await stopWaiting(), case .cancelled = wake {
            // Shielded from the cancellation that parks the world, so the save is not cut short.
            await Task { await self.save(final: true) }.value
        }
        return wake
    }

    /// Called as a person agent starts to wait, after a save; false when the world is to stop
    /// there instead. While the world waits, it says nothing, so what others send its people (an
    /// operator, the runtime's notices) goes out at once.
    private func startWaiting() async -> Bool {
        let seats = state.withLock { state -> [Seat]? in
            guard !state.parking else { return nil }
            state.waiting = true
            return state.seats
        }
        guard let seats else { return false }
        for seat in seats { await seat.outbox.releaseAll() }
        return true
    }

    /// Called when the wait ended, before the world goes on: its messages are held again. True
    /// when the wait ended because the server parks the world.
    private func stopWaiting() async -> Bool {
        let (seats, parking) = state.withLock { state in
            state.waiting = false
            return (state.seats, state.parking)
        }
        for seat in seats { await seat.outbox.hold() }
        return parking
    }

    /// Whether a save of the world is stored, so that it can be parked.
    var hasSaved: Bool {
        state.withLock { $0.hasSaved }
    }

    /// Asks the world to stop at its next wait, saved; true when it waits now (stop it at once).
    func park() -> Bool {
        state.withLock { state in
            state.parking = true
            return state.waiting
        }
    }

    /// The world ended: forgets its saved state, and lets everything held go out.
    func finish() async {
        let seats = state.withLock { $0.seats }
        recorder.stopHolding()
        do {
            try await store.deleteWorldRun(id: worldID)
        } catch {
            logger.error("could not forget an ended restorable world", metadata: ["world": "\(worldID)", "error": "\(error)"])
        }
        for seat in seats { await seat.outbox.releaseAll() }
    }
}
