extension WorldRuntime {
    /// Shuts down (chat-services 5.7): warns everyone connected, ends overworlds, onboarding and
    /// waits at once, parks restorable worlds saved at their next wait (to continue after a
    /// restart), gives the other task worlds the grace period, then stops the rest (each world's
    /// `shutdown` is called once) and closes every channel. Returns when all of that is done.
    public func shutdown() async {
        guard !isShutdownStarted else {
            await waitUntilShutDown()
            return
        }
        isShutdownStarted = true
        phase = .shuttingDown
        let grace = options.shutdownGrace
        for person in people.values where person.admitted {
            await tell(person, isParked(person) ? RuntimeText.restarting : RuntimeText.goingOffline(within: grace))
        }
        for (task, pool) in pools {
            for entry in pool { leavePool(task: task, ticket: entry.ticket, outcome: .ended) }
        }
        while let ticket = slotQueue.first?.ticket {
            _ = leaveSlotQueue(ticket: ticket, soloOnly: false, grant: .ended)
        }
        for (id, live) in worlds where live.role != .task {
            stopWorld(id, reason: .shutdown)
        }
        for (id, live) in worlds {
            guard let checkpoint = live.checkpoint, live.stopReason == nil else { continue }
            worlds[id]?.stopReason = .shutdown
            if checkpoint.park() { live.stop.fire() }
        }
        let emptied = StopSignal()
        if worlds.isEmpty { emptied.fire() } else { worldsEmptySignals.append(emptied) }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: grace) }
            group.addTask { await emptied.wait() }
            await group.next()
            group.cancelAll()
        }
        for id in worlds.keys { stopWorld(id, reason: .shutdown) }
        await waitUntilNoWorlds()
        phase = .stopped
        jobSink.finish()
        if isRunStarted, !runDrained {
            await withCheckedContinuation { runDrainedWaiters.append($0) }
        }
        for person in people.values {
            await person.outbox.close()
        }
        await transcriptWriter.flush()
        live.finish()
        isShutDown = true
        resumeAll(&shutDownWaiters)
    }

    /// Whether the person is in a restorable world, which the shutdown parks.
    private func isParked(_ person: Person) -> Bool {
        guard case .inWorld(let id) = person.place, let world = worlds[id] else { return false }
        return world.checkpoint != nil && world.stopReason == nil
    }

    /// Returns once every message recorded so far is in the transcript store (records are written
    /// in the background; a shutdown flushes them before it returns). A restorable world's messages
    /// are stored with its next save instead, when it next waits for a person.
    public func flushTranscripts() async {
        await transcriptWriter.flush()
    }

    func waitUntilShutDown() async {
        guard !isShutDown else { return }
        await withCheckedContinuation { shutDownWaiters.append($0) }
    }

    /// Returns once no world is running.
    private func waitUntilNoWorlds() async {
        guard !worlds.isEmpty else { return }
        let emptied = StopSignal()
        worldsEmptySignals.append(emptied)
        await emptied.wait()
    }
}
