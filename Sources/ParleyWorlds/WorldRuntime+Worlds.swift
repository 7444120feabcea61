import Foundation
import ParleyCore
import ParleyStore

extension WorldRuntime {
    /// How one world run ended.
    enum Ending: Sendable {
        /// The world finished; an overworld's choice.
        case finished(String?)
        /// These people did not answer in time.
        case timedOut([String])
        /// This person left.
        case left(String)
        /// Stopped by the shutdown.
        case stopped
        /// The world failed (could not be made, or threw).
        case failed
    }

    struct RunResult {
        let ending: Ending
        let onboardData: [String: JSONValue]
        /// The world's recorder, for notices about how it ended; nil when no world was made.
        var recorder: TranscriptRecorder? = nil
    }

    /// A world made for its people, with what records it and what an operator changes in it.
    struct MadeWorld {
        let id: String
        var world: RunnableWorld?
        let recorder: TranscriptRecorder
        let control: WorldControl
        let agents: [PersonAgent]
        /// Saves the world as it goes, when it is restorable and the store keeps saved worlds.
        var checkpoint: WorldCheckpoint? = nil
        /// True for a world made again after a restart: its conversation record is stored already.
        var isRestored = false
    }

    /// Makes and runs one world with `people` (or runs `restored`, a world made again after a
    /// restart), then calls its `shutdown` once, unless a shutdown parks it to go on after a
    /// restart; with `rating`, asks each person to rate a task world that completed.
    func runWorld(
        _ resolved: ResolvedWorld, task: String, people: [Person], responseTimeout: Duration?,
        rating: RatingQuestion? = nil, restored: MadeWorld? = nil
    ) async -> RunResult {
        if let gone = people.first(where: \.isGone) { return RunResult(ending: .left(gone.id), onboardData: [:]) }
        // Made by a synchronous function: what making needs stays out of this function's async
        // frame, which every idle person's task holds for as long as they sit in a world.
        let made = restored ?? makeWorld(resolved, task: task, people: people, responseTimeout: responseTimeout)
        let (worldID, recorder, control, agents, role) = (made.id, made.recorder, made.control, made.agents, resolved.entry.role)
        guard let world = made.world else {
            await recorder.end(.failed, names: Self.names(agents))
            await made.checkpoint?.finish()
            return RunResult(ending: .failed, onboardData: [:], recorder: recorder)
        }
        if made.checkpoint != nil { await startSaving(made, resolved, people: people) }
        // A world's record is stored as it starts, so that one cut short by a crash still exports with
        // its messages; a menu's only as it ends (a person idle at the menu costs no write).
        if role != .overworld, !made.isRestored { await recorder.saveConversation() }
        if role == .task { metrics.worldStarted(task: task) }
        let stop = StopSignal()
        // Partners are told about each other by these names; a world of one needs none.
        let isPairing = role == .task && people.count > 1
        let names = isPairing ? Self.names(agents) : [:]
        worlds[worldID] = LiveWorld(
            role: resolved.entry.role, members: people.map(\.id), stop: stop, recorder: recorder, control: control,
            names: names, checkpoint: made.checkpoint)
        recorder.announceStart()
        for person in people { person.place = .inWorld(worldID) }
        if phase != .running, resolved.entry.role != .task { stop.fire() }
        // Cleared by the pool once the world has ended and its people were told how.
        if isPairing {
            for person in people {
                await person.outbox.show(.paired(with: people.filter { $0 !== person }.compactMap { names[$0.id] }))
            }
        }

        let logger = self.logger
        let worldName = resolved.name
        let personIDs = people.map(\.id)
        let outcome: Ending? = await stop.run {
            do {
                return .finished(try await world.run())
            } catch let error as WorldError {
                switch error {
                case .timedOut(let ids): return .timedOut(ids)
                case .personLeft(let id): return .left(id)
                case .noAct(let name):
                    logger.error("world \(worldName): \(name) produced no act")
                    return .failed
                }
            } catch is CancellationError {
                return .stopped
            } catch {
                logger.error(
                    "a world failed; its people return to the overworld",
                    metadata: ["world": "\(worldName)", "task": "\(task)", "people": "\(personIDs)", "error": "\(error)"])
                return .failed
            }
        }
        for person in people { person.finishedWorld = newTicket() }
        if let checkpoint = made.checkpoint, checkpoint.hasSaved, worlds[worldID]?.stopReason == .shutdown, Self.isStopped(outcome) {
            // Parked by the shutdown: saved, it continues after the restart.
            _ = settleWorld(worldID, outcome: .stopped, people: people, agents: agents)
            return RunResult(ending: .stopped, onboardData: [:], recorder: recorder)
        }
        // Shielded from cancellation, so a world can always save what it collected.
        await Task { await world.shutdown() }.value
        await made.checkpoint?.finish()
        let onboardData = await world.onboardData()

        let ending = settleWorld(worldID, outcome: outcome, people: people, agents: agents)
        let recordedEnding = Self.conversationEnding(ending)
        await recorder.end(recordedEnding, names: Self.names(agents))
        recorder.announceEnd(recordedEnding)
        if role == .task { metrics.worldEnded(task: task, ending: recordedEnding) }
        if let rating, recordedEnding == .completed {
            await askRatings(rating, of: people.filter { $0.consent != .unrecorded }, recorder: recorder)
        }
        return RunResult(ending: ending, onboardData: onboardData, recorder: recorder)
    }

    /// Takes an ended world out of the running ones and hands its people their data back; returns
    /// how it ended (the runtime's reason for stopping it, if any, wins over the world's outcome).
    private func settleWorld(_ worldID: String, outcome: Ending?, people: [Person], agents: [PersonAgent]) -> Ending {
        let live = worlds.removeValue(forKey: worldID)
        if worlds.isEmpty {
            for signal in worldsEmptySignals { signal.fire() }
            worldsEmptySignals = []
        }
        let ending: Ending
        switch live?.stopReason {
        case .left(let id)?: ending = .left(id)
        case .shutdown?: ending = .stopped
        case nil: ending = outcome ?? .stopped
        }
        for (person, agent) in zip(people, agents) {
            person.data = agent.data
            // next_task counts for a world that finished; after a failure, a timeout or a
            // departure it would send the person on after some later task.
            if case .finished = ending {} else { person.data["next_task"] = nil }
            if person.place == .inWorld(worldID) { person.place = .idle }
        }
        return ending
    }

    /// Makes a world for `people` with its recorder, control and agents; `world` is nil (and the
    /// failure logged) when the registry's maker throws.
    private func makeWorld(_ resolved: ResolvedWorld, task: String, people: [Person], responseTimeout: Duration?) -> MadeWorld {
        var (made, context) = prepareWorld(
            resolved, task: task, people: people, responseTimeout: responseTimeout, worldID: UUID().uuidString.lowercased(),
            started: Date())
        do {
            made.world = try resolved.entry.make(context)
        } catch {
            logger.error(
                "could not make a world; its people return to the overworld",
                metadata: ["world": "\(resolved.name)", "task": "\(task)", "people": "\(people.map(\.id))", "error": "\(error)"])
        }
        return made
    }

    /// Makes a saved restorable world again with its restored people; `world` is nil (and the
    /// failure logged) when that fails.
    func makeRestoredWorld(_ record: WorldRunRecord, id: String, task: ResolvedTask, people: [Person]) -> MadeWorld {
        var (made, context) = prepareWorld(
            task.world, task: task.spec.name, people: people, responseTimeout: task.spec.responseTimeout, worldID: id,
            started: record.started, restoring: record)
        do {
            guard let restoring = task.world.entry.restoring else { throw WorldRestoreError.notRestorable(task.world.name) }
            made.world = .task(try restoring.restore(context, record.state))
        } catch {
            logger.error(
                "could not restore a saved world; its people start again", metadata: ["world": "\(id)", "error": "\(error)"])
        }
        return made
    }

    /// The recorder, control, agents and checkpoint of a world about to be made, and its context.
    /// A restored world's people keep their saved display ids.
    private func prepareWorld(
        _ resolved: ResolvedWorld, task: String, people: [Person], responseTimeout: Duration?, worldID: String, started: Date,
        restoring record: WorldRunRecord? = nil
    ) -> (MadeWorld, WorldContext) {
        let role = resolved.entry.role
        let recorder = TranscriptRecorder(
            conversation: ConversationRecord(
                worldID: worldID, task: task, world: resolved.name, role: ConversationRecord.Role(rawValue: role.rawValue) ?? .task,
                participants: people.filter { $0.consent != .unrecorded }.map { person in
                    ConversationParticipant(
                        id: person.id, name: person.id, kind: .person, service: person.service,
                        onboarding: role == .task ? person.onboardData : [:])
                },
                started: started),
            unrecorded: Set(people.filter { $0.consent == .unrecorded }.map(\.id)),
            store: transcripts, writer: transcriptWriter, logger: logger, live: role == .overworld ? nil : live
        )
        let control = WorldControl()
        var checkpoint: WorldCheckpoint?
        if role == .task, resolved.entry.restoring != nil, let store = transcripts as? any WorldRunStore {
            let received = record?.members.reduce(into: [String: Int]()) { $0[$1.personID] = $1.received } ?? [:]
            checkpoint = WorldCheckpoint(
                worldID: worldID, server: options.serverName, task: task, world: resolved.name, started: started, store: store,
                recorder: recorder,
                logger: logger, received: received)
        }
        let displayIDs = record.map { Dictionary($0.members.map { ($0.personID, $0.displayID) }, uniquingKeysWith: { first, _ in first }) }
        let agents = people.map { person in
            PersonAgent(
                personID: person.id, service: person.service, inbox: person.inbox, outbox: person.outbox,
                recorder: recorder, responseTimeout: responseTimeout, data: person.data, onboardData: person.onboardData,
                displayID: displayIDs?[person.id] ?? "Agent", checkpoint: checkpoint
            )
        }
        if record == nil { resolved.entry.assignRoles(agents) }
        recorder.setNames(Self.names(agents))
        let context = WorldContext(
            worldID: worldID, task: task, worldName: resolved.name, agents: agents, opt: config.opt.objectValue ?? [:],
            taskNames: config.taskNames, logger: logger, configFile: config.file, models: models, recorder: recorder,
            metrics: metrics, control: control
        )
        let made = MadeWorld(
            id: worldID, world: nil, recorder: recorder, control: control, agents: agents, checkpoint: checkpoint,
            isRestored: record != nil)
        return (made, context)
    }

    /// Starts a restorable world's saves. Its own function, so that what it needs stays out of the
    /// frame of `runWorld`, which every person's task holds while they sit in a world.
    @inline(never)
    private func startSaving(_ made: MadeWorld, _ resolved: ResolvedWorld, people: [Person]) async {
        guard let checkpoint = made.checkpoint, case .task(let world)? = made.world, let restoring = resolved.entry.restoring else {
            return
        }
        let seats = zip(people, made.agents).map { person, agent in
            WorldCheckpoint.Seat(
                personID: person.id, service: person.service, recorded: person.consent != .unrecorded, agent: agent,
                outbox: person.outbox)
        }
        await checkpoint.start(seats: seats) { try await restoring.state(world) }
    }

    /// Whether the world's own run ended because it was stopped (not finished, failed or timed out).
    private static func isStopped(_ outcome: Ending?) -> Bool {
        switch outcome {
        case nil, .stopped?: true
        default: false
        }
    }

    /// How an ending is recorded.
    static func conversationEnding(_ ending: Ending) -> ConversationEnding {
        switch ending {
        case .finished: .completed
        case .timedOut: .timedOut
        case .left: .left
        case .stopped: .stopped
        case .failed: .failed
        }
    }

    /// The names people are shown under, by person id.
    private static func names(_ agents: [PersonAgent]) -> [String: String] {
        Dictionary(agents.map { ($0.personID, $0.displayID) }, uniquingKeysWith: { first, _ in first })
    }

    /// Stops a running world; its run ends and its `shutdown` is called.
    func stopWorld(_ worldID: String, reason: StopReason) {
        guard var live = worlds[worldID] else { return }
        if live.stopReason == nil {
            live.stopReason = reason
            worlds[worldID] = live
        }
        live.stop.fire()
    }

    /// Waits for a free worker; people beyond `max_workers` are told they are queued, and served in order.
    func acquireSlot(for people: [Person]) async -> SlotWaiter.Grant {
        if phase != .running || people.contains(where: \.isGone) { return .ended }
        if runningWorkers < config.maxWorkers, slotQueue.isEmpty {
            runningWorkers += 1
            return .granted
        }
        let ticket = newTicket()
        slotQueue.append(SlotWaiter(ticket: ticket, personIDs: people.map(\.id)))
        for person in people { person.place = .queued(ticket: ticket) }
        defer {
            for person in people where person.place == .queued(ticket: ticket) { person.place = .idle }
        }
        let notice = RuntimeText.queued(position: slotQueue.count)
        for person in people { await tell(person, notice) }
        if let early = earlySlotGrants.removeValue(forKey: ticket) { return early }
        return await withCheckedContinuation { continuation in
            if let index = slotQueue.firstIndex(where: { $0.ticket == ticket }) {
                slotQueue[index].continuation = continuation
            } else {
                continuation.resume(returning: earlySlotGrants.removeValue(forKey: ticket) ?? .ended)
            }
        }
    }

    /// Frees a worker: the first in the queue gets it.
    func releaseSlot() {
        if slotQueue.isEmpty {
            runningWorkers -= 1
        } else {
            resolveSlotWaiter(at: 0, with: .granted)
        }
    }

    /// Takes a waiter out of the slot queue; false when there is none (or it is shared and `soloOnly`).
    func leaveSlotQueue(ticket: Int, soloOnly: Bool, grant: SlotWaiter.Grant) -> Bool {
        guard let index = slotQueue.firstIndex(where: { $0.ticket == ticket }) else { return false }
        if soloOnly, slotQueue[index].personIDs.count > 1 { return false }
        resolveSlotWaiter(at: index, with: grant)
        return true
    }

    private func resolveSlotWaiter(at index: Int, with grant: SlotWaiter.Grant) {
        let waiter = slotQueue.remove(at: index)
        if let continuation = waiter.continuation {
            continuation.resume(returning: grant)
        } else {
            earlySlotGrants[waiter.ticket] = grant
        }
    }
}
