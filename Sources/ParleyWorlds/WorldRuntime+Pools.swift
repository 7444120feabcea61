import ParleyCore

extension WorldRuntime {
    /// Puts a person in the task's pool and waits until their task world ends (or the wait does).
    ///
    /// The person is told once when pairing takes long, and moved on when the task's `timeout` passes.
    func waitInPool(_ person: Person, task: TaskSpec) async -> PoolEntry.Outcome {
        guard phase == .running, !person.isGone else { return .ended }
        // An EXIT typed during the hand-over counts as typed while waiting.
        if person.inbox.removeThroughExit() { return .exited }
        let ticket = newTicket()
        let id = person.id
        let noticeAfter = options.pairingNotice
        let timeout = task.timeout
        // Told they wait only when they are not matched at once.
        let waits = pools[task.name, default: []].count + 1 < task.agentsRequired
        if waits {
            await person.outbox.show(.waiting(task: task.name))
            // The person may have left, or the shutdown begun, while the status went out.
            guard phase == .running, !person.isGone else { return .ended }
        }
        let outcome = await withTaskGroup(of: Void.self) { group in
            if noticeAfter < timeout {
                group.addTask { [weak self] in
                    guard (try? await Task.sleep(for: noticeAfter)) != nil else { return }
                    await self?.pairingTakesLong(personID: id, ticket: ticket)
                }
            }
            group.addTask { [weak self] in
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                await self?.leavePool(task: task.name, ticket: ticket, outcome: .timedOut)
            }
            let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<PoolEntry.Outcome, Never>) in
                person.place = .pooled(task: task.name, ticket: ticket)
                // First come, first served by when each chose (finished their last world), not by
                // when the awaits since then let them in.
                let entry = PoolEntry(personID: id, ticket: ticket, arrival: person.finishedWorld, continuation: continuation)
                var pool = pools[task.name, default: []]
                pool.insert(entry, at: pool.firstIndex(where: { $0.arrival > entry.arrival }) ?? pool.endIndex)
                pools[task.name] = pool
                metrics.poolJoined(task: task.name)
                matchPool(task)
            }
            group.cancelAll()
            return outcome
        }
        // Waiting or paired, the status ends with the wait (after the notices about how it ended).
        if task.agentsRequired > 1, !person.isGone { await person.outbox.show(.clear) }
        return outcome
    }

    /// Starts task worlds while the pool holds enough people, first come first served.
    private func matchPool(_ task: TaskSpec) {
        while let pool = pools[task.name], pool.count >= task.agentsRequired {
            let group = Array(pool.prefix(task.agentsRequired))
            pools[task.name] = Array(pool.dropFirst(task.agentsRequired))
            for entry in group {
                metrics.poolLeft(task: task.name, waited: ContinuousClock.now - entry.joined, timedOut: false)
            }
            for entry in group { people[entry.personID]?.place = .matched }
            submit { [weak self] in await self?.runTaskWorld(task.name, entries: group) }
        }
    }

    /// Takes a person out of a pool (EXIT, timeout, disconnect, shutdown) and ends their wait.
    func leavePool(task: String, ticket: Int, outcome: PoolEntry.Outcome) {
        guard let index = pools[task]?.firstIndex(where: { $0.ticket == ticket }),
            let entry = pools[task]?.remove(at: index)
        else { return }
        metrics.poolLeft(task: task, waited: ContinuousClock.now - entry.joined, timedOut: outcome == .timedOut)
        if let person = people[entry.personID], person.place == .pooled(task: task, ticket: ticket) {
            person.place = .idle
        }
        entry.continuation.resume(returning: outcome)
    }

    private func pairingTakesLong(personID: String, ticket: Int) async {
        guard let person = people[personID], case .pooled(_, ticket) = person.place else { return }
        await tell(person, RuntimeText.pairingSlow)
    }

    /// Runs the task world of a matched group, then tells each person's journey how it ended.
    private func runTaskWorld(_ name: String, entries: [PoolEntry]) async {
        guard let task = tasks[name] else { return }
        let members = entries.compactMap { people[$0.personID] }
        var outcomes: [String: PoolEntry.Outcome] = [:]
        var notes: [String: String] = [:]
        if members.count < entries.count {
            for person in members {
                outcomes[person.id] = .returnToOverworld
                notes[person.id] = RuntimeText.partnerLeft
            }
        } else {
            switch await acquireSlot(for: members) {
            case .granted:
                let run = await runWorld(
                    task.world, task: name, people: members, responseTimeout: task.spec.responseTimeout, rating: task.spec.rating)
                releaseSlot()
                for person in members {
                    (outcomes[person.id], notes[person.id]) = Self.outcome(of: run.ending, for: person.id)
                }
                // The notices about how the world ended belong to its transcript.
                for note in Set(notes.values).sorted() { run.recorder?.recordNotice(note) }
            case .exit, .ended:
                for person in members where !person.isGone && phase == .running {
                    outcomes[person.id] = .returnToOverworld
                    notes[person.id] = RuntimeText.partnerLeft
                }
            }
        }
        for person in members {
            if let note = notes[person.id] { await tell(person, note) }
        }
        for entry in entries {
            entry.continuation.resume(returning: outcomes[entry.personID] ?? .ended)
        }
    }

    /// What a task world's ending means for one of its people, and what they are told.
    static func outcome(of ending: Ending, for personID: String) -> (PoolEntry.Outcome, String?) {
        switch ending {
        case .finished:
            return (.finished, nil)
        case .timedOut(let ids):
            return (.returnToOverworld, ids.contains(personID) ? RuntimeText.timedOut : RuntimeText.partnerTimedOut)
        case .left(let id):
            return id == personID ? (.ended, nil) : (.returnToOverworld, RuntimeText.partnerLeft)
        case .stopped:
            return (.ended, nil)
        case .failed:
            return (.returnToOverworld, RuntimeText.worldClosed)
        }
    }
}
