import Foundation
import ParleyStore

extension WorldRuntime {
    /// Makes the restorable worlds the store saved (a previous run of the server stopped or died
    /// with them running) again, once: the first of `run()` and the first service call does it, and
    /// the others wait for it. Their people wait, detached, for their services to bring them back.
    /// A saved world that cannot be restored is logged and forgotten.
    func restoreSavedWorlds() async {
        guard !isRestoreStarted else { return await restored.wait() }
        isRestoreStarted = true
        defer { restored.fire() }
        guard let store = transcripts as? any WorldRunStore else { return }
        let saved: [SavedWorldRun]
        do {
            saved = try await store.worldRuns(server: options.serverName)
        } catch {
            logger.error("could not read the saved worlds; none is restored", metadata: ["error": "\(error)"])
            return
        }
        var count = 0
        for run in saved {
            do {
                let record = try JSONDecoder().decode(WorldRunRecord.self, from: Data(run.body.utf8))
                guard let task = tasks[record.task], task.world.name == record.world, task.world.entry.restoring != nil else {
                    throw WorldRestoreError.noLongerConfigured(task: record.task, world: record.world)
                }
                guard record.members.allSatisfy({ people[$0.personID] == nil }) else { continue }
                let members = record.members.map(Person.init(restoring:))
                for (person, member) in zip(members, record.members) {
                    people[person.id] = person
                    if let key = member.resumeKey { restoredKeys[key] = person.id }
                    // Held for the resume window, as a person whose connection dropped.
                    expire(person.id, count: person.detachCount, after: options.resumeWindow)
                }
                runningWorkers += 1
                count += 1
                let ids = members.map(\.id)
                submit { [weak self] in await self?.runRestoredWorld(record, id: run.id, task: task, personIDs: ids) }
            } catch {
                logger.error("could not restore a saved world; it is forgotten", metadata: ["world": "\(run.id)", "error": "\(error)"])
                try? await store.deleteWorldRun(id: run.id)
            }
        }
        if !saved.isEmpty { logger.info("restored \(count) of \(saved.count) saved worlds") }
    }

    /// Runs a restored world to its end, then sends each of its people on as a task world's end does.
    private func runRestoredWorld(_ record: WorldRunRecord, id: String, task: ResolvedTask, personIDs: [String]) async {
        defer { releaseSlot() }
        let members = personIDs.compactMap { people[$0] }
        guard members.count == personIDs.count else {
            // Someone left (erased, say) before the world could start again: it cannot go on.
            logger.warning("a restored world lost a person before it started; it ends", metadata: ["world": "\(id)"])
            try? await (transcripts as? any WorldRunStore)?.deleteWorldRun(id: id)
            for person in members {
                await tell(person, RuntimeText.worldClosed)
                continueJourney(person, from: .overworld)
            }
            for gone in personIDs where people[gone] == nil { journeyEnded(personID: gone) }
            return
        }
        let run = await runWorld(
            task.world, task: task.spec.name, people: members, responseTimeout: task.spec.responseTimeout,
            rating: task.spec.rating, restored: makeRestoredWorld(record, id: id, task: task, people: members))
        var notes: [String: String] = [:]
        for person in members {
            let (outcome, note) = Self.outcome(of: run.ending, for: person.id)
            notes[person.id] = note
            switch outcome {
            case .finished: continueJourney(person, from: nextStep(after: person))
            case .returnToOverworld, .timedOut, .exited: continueJourney(person, from: .overworld)
            case .ended: continueJourney(person, from: .end)
            }
        }
        // The notices about how the world ended belong to its transcript, as after a pool's world.
        for note in Set(notes.values).sorted() { run.recorder?.recordNotice(note) }
        for person in members {
            if let note = notes[person.id] { await tell(person, note) }
        }
    }

    /// The restored person a service's resume key belongs to, once the saved worlds are restored;
    /// nil when none waits for it. The person is the caller's to resume from then on.
    public func restoredSession(resumeKey: String) async -> RestoredSession? {
        await restoreSavedWorlds()
        guard let id = restoredKeys.removeValue(forKey: resumeKey), let person = people[id], person.isRestored else { return nil }
        return RestoredSession(
            personID: id, delivered: await person.outbox.snapshot().delivered, saved: person.restoredSaved,
            received: person.restoredReceived)
    }
}
