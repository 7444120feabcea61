import ParleyCore

extension WorldRuntime {
    /// Where a person's journey goes next.
    enum Step: Equatable {
        case overworld
        case task(String)
        case exit
        case end
    }

    func startJourney(_ person: Person) {
        guard phase == .running else { return }
        person.journeyActive = true
        if let answer = person.openingAnswer {
            person.openingAnswer = nil
            person.inbox.push(Inbox.Entry(message: Message(text: answer), settled: nil))
        }
        let id = person.id
        submit { [weak self] in
            await self?.journey(personID: id)
            await self?.journeyEnded(personID: id)
        }
    }

    /// Goes on with a person's journey from `step` (after a restored world ended).
    func continueJourney(_ person: Person, from step: Step) {
        let id = person.id
        submit { [weak self] in
            await self?.journey(personID: id, from: step)
            await self?.journeyEnded(personID: id)
        }
    }

    func journeyEnded(personID: String) {
        guard people[personID]?.journeyActive != true else { return }  // a new journey began
        if var waiters = journeyWaiters.removeValue(forKey: personID) { resumeAll(&waiters) }
    }

    /// Makes the person's next journey start in the task `name` rather than the overworld (the chat
    /// page's `?task=`). A name that is no task is the person's first answer to the overworld
    /// instead, as a menu choice typed at once (the page's `?task=begin` for an overworld that asks
    /// for `begin`).
    public func start(personID: String, in name: String) {
        guard let person = people[personID], !person.journeyActive else { return }
        if tasks[name] != nil {
            person.requestedTask = name
        } else {
            person.openingAnswer = name
        }
    }

    /// Moves a person from world to world until they leave, disconnect, or the server stops.
    func journey(personID: String, from first: Step? = nil) async {
        var step = first ?? people[personID]?.requestedTask.map(Step.task) ?? .overworld
        people[personID]?.requestedTask = nil
        while let person = people[personID], !person.isGone {
            if phase != .running { step = .end }
            switch step {
            case .overworld:
                step = await overworldStep(person)
            case .task(let name):
                step = await taskStep(person, task: name)
            case .exit:
                await tell(person, RuntimeText.farewell)
                person.inbox.clear()
                person.data = [:]
                person.onboardData = [:]
                person.place = .idle
                person.journeyActive = false
                return
            case .end:
                person.place = .idle
                person.journeyActive = false
                return
            }
        }
    }

    private func overworldStep(_ person: Person) async -> Step {
        switch await acquireSlot(for: [person]) {
        case .granted: break
        case .exit: return .exit
        case .ended: return .end
        }
        let run = await runWorld(overworld, task: "overworld", people: [person], responseTimeout: nil)
        releaseSlot()
        switch run.ending {
        case .finished(let choice?):
            if choice.uppercased() == "EXIT" { return .exit }
            if tasks[choice] != nil { return .task(choice) }
            logger.error("overworld \(overworld.name) chose \"\(choice)\", which is not a task in \(config.file)")
            await tell(person, RuntimeText.worldClosed)
            return .end
        case .failed, .finished(nil):
            await tell(person, RuntimeText.worldClosed)
            return .end
        case .timedOut:
            await tell(person, RuntimeText.timedOut)
            return .end
        case .left, .stopped:
            return .end
        }
    }

    private func taskStep(_ person: Person, task name: String) async -> Step {
        guard let task = tasks[name] else { return .overworld }
        if let refusal = await refusal(of: person, for: task.spec) {
            await tell(person, refusal)
            return .overworld
        }
        person.onboardData = [:]
        if let onboarding = task.onboarding {
            switch await acquireSlot(for: [person]) {
            case .granted: break
            case .exit: return .exit
            case .ended: return .end
            }
            let run = await runWorld(onboarding, task: name, people: [person], responseTimeout: task.spec.responseTimeout)
            releaseSlot()
            switch run.ending {
            case .finished:
                person.onboardData = run.onboardData
            case .timedOut:
                await tell(person, RuntimeText.timedOut)
                return .overworld
            case .failed:
                await tell(person, RuntimeText.worldClosed)
                return .overworld
            case .left, .stopped:
                return .end
            }
        }
        switch await waitInPool(person, task: task.spec) {
        case .finished:
            return nextStep(after: person)
        case .timedOut:
            if let backup = task.spec.backupTask {
                await tell(person, RuntimeText.noPartner(backup: backup))
                return .task(backup)
            }
            await tell(person, RuntimeText.noPartner)
            return .overworld
        case .exited, .returnToOverworld:
            return .overworld
        case .ended:
            return .end
        }
    }

    /// What a person is told when they may not take a task (blocked, or not on its allow-list); nil
    /// when they may. When the store cannot be read, the block list is not enforced (and that is logged).
    private func refusal(of person: Person, for task: TaskSpec) async -> String? {
        do {
            if try await transcripts.block(of: person.id) != nil { return config.blockedMessage }
        } catch {
            logger.error("could not read the block list for \(person.id): \(error)")
        }
        switch task.allowedPeople?.allows(person.id) {
        case nil, .success(true)?: return nil
        case .success(false)?: return RuntimeText.notAllowed
        case .failure(let error)?:
            logger.error("\(error); nobody may take task \(task.name)")
            return RuntimeText.notAllowed
        }
    }

    /// Reads and clears `next_task` from the person's data.
    func nextStep(after person: Person) -> Step {
        guard let next = person.data.removeValue(forKey: "next_task"), next != .null else { return .overworld }
        guard let name = next.stringValue else {
            logger.warning("next_task must be a string, got \(next.jsonText()); returning to the overworld")
            return .overworld
        }
        if name.uppercased() == "EXIT" { return .exit }
        if tasks[name] != nil { return .task(name) }
        logger.warning("next_task \"\(name)\" is not a task in \(config.file); returning to the overworld")
        return .overworld
    }
}
