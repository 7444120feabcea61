import Foundation
import Logging
import ParleyCore
import ParleyStore

/// Runs a task config: people connect through chat services, pass the password gate, and move
/// through the overworld, onboarding, task pools and task worlds.
///
/// Services call `connect`, `receive`, `detach`/`resume` and `disconnect`; `run()` owns every world
/// and journey task until `shutdown()` completes.
public actor WorldRuntime {
    /// A world looked up in the registry.
    struct ResolvedWorld: Sendable {
        let name: String
        let entry: WorldRegistry.Entry
    }

    /// The worlds of one task.
    struct ResolvedTask: Sendable {
        let spec: TaskSpec
        let onboarding: ResolvedWorld?
        let world: ResolvedWorld
    }

    /// A world that is running now.
    struct LiveWorld {
        let role: WorldRegistry.Role
        let members: [String]
        let stop: StopSignal
        var stopReason: StopReason?
        let recorder: TranscriptRecorder
        let control: WorldControl
        /// The operator's name while one is in the world.
        var operatorName: String?
        /// The names the members are shown under, by person id (only in worlds of several people).
        let names: [String: String]
        /// Saves the world as it goes, when it is restorable.
        var checkpoint: WorldCheckpoint? = nil
    }

    /// Why the runtime stopped a world.
    enum StopReason: Equatable {
        case left(String)
        case shutdown
    }

    enum Phase {
        case running, shuttingDown, stopped
    }

    typealias Job = @Sendable () async -> Void

    let config: TaskConfig
    let options: RuntimeOptions
    let logger: Logger
    let transcripts: any TranscriptStore
    let transcriptWriter: TranscriptWriter
    let overworld: ResolvedWorld
    let tasks: [String: ResolvedTask]
    let models: BotModels
    let metrics: WorldMetrics
    /// The running worlds and what happens in them, for the live view (`/admin`).
    public nonisolated let live = LiveWorlds()
    let password: String?
    let jobs: AsyncStream<Job>
    let jobSink: AsyncStream<Job>.Continuation

    var phase = Phase.running
    var people: [String: Person] = [:]
    var pools: [String: [PoolEntry]] = [:]
    var runningWorkers = 0
    var slotQueue: [SlotWaiter] = []
    /// Grants given to waiters that had not suspended yet, by ticket.
    var earlySlotGrants: [Int: SlotWaiter.Grant] = [:]
    var worlds: [String: LiveWorld] = [:]
    var nextTicket = 0
    var isRunStarted = false
    /// Fired (and dropped) when the last running world ends.
    var worldsEmptySignals: [StopSignal] = []
    var runDrained = false
    var runDrainedWaiters: [CheckedContinuation<Void, Never>] = []
    var isShutDown = false
    var shutDownWaiters: [CheckedContinuation<Void, Never>] = []
    var isShutdownStarted = false
    /// Who waits for a person's journey to end (an erase), by person id.
    var journeyWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// Whether ``restoreSavedWorlds()`` began, and fired once it is done.
    var isRestoreStarted = false
    let restored = StopSignal()
    /// The restored people who have not resumed yet, by resume key.
    var restoredKeys: [String: String] = [:]

    /// Prepares a runtime; throws when the config names worlds, world sets or model kinds that
    /// `registry` does not have.
    public init(
        config: TaskConfig, registry: WorldRegistry, transcripts: any TranscriptStore,
        options: RuntimeOptions = RuntimeOptions(), logger: Logger = Logger(label: "parley.worlds")
    ) throws(ConfigError) {
        self.config = config
        self.options = options
        self.logger = logger
        self.transcripts = transcripts
        transcriptWriter = TranscriptWriter(store: transcripts, logger: logger)
        let file = config.file
        let base = config.worldModule
        let over = try registry.entry(config.overworld, defaultSet: base, role: .overworld, file: file, key: "overworld")
        overworld = ResolvedWorld(name: over.name, entry: over.entry)
        var resolved: [String: ResolvedTask] = [:]
        for spec in config.tasks {
            let path = "tasks.\(spec.name)"
            var onboarding: ResolvedWorld?
            if let name = spec.onboardWorld {
                let found = try registry.entry(name, defaultSet: base, role: .onboarding, file: file, key: "\(path).onboard_world")
                onboarding = ResolvedWorld(name: found.name, entry: found.entry)
            }
            let world = try registry.entry(spec.taskWorld, defaultSet: base, role: .task, file: file, key: "\(path).task_world")
            resolved[spec.name] = ResolvedTask(
                spec: spec, onboarding: onboarding, world: ResolvedWorld(name: world.name, entry: world.entry)
            )
        }
        tasks = resolved
        // A store that keeps reply API exchanges also keeps those of minds in worlds.
        models = try BotModels(config: config, kinds: registry.modelKinds, exchangeLog: transcripts as? any UserStateStore)
        password = options.password ?? config.password
        metrics = WorldMetrics(factory: options.metricsFactory)
        (jobs, jobSink) = AsyncStream<Job>.makeStream()
    }

    /// The config's task names, in file order.
    public nonisolated var taskNames: [String] {
        config.taskNames
    }

    /// Where the runtime records conversations, consent and the block list.
    public nonisolated var store: any TranscriptStore {
        transcripts
    }

    /// How long task worlds get to finish once a shutdown begins (``RuntimeOptions/shutdownGrace``).
    public nonisolated var shutdownGrace: Duration {
        options.shutdownGrace
    }

    /// Runs worlds and journeys until `shutdown()` completes.
    public func run() async {
        guard !isRunStarted else { return }
        isRunStarted = true
        await restoreSavedWorlds()
        if options.retainDays != nil {
            let interval = options.retentionInterval
            submit { [weak self] in
                repeat {
                    await self?.eraseExpiredConversations()
                } while (try? await Task.sleep(for: interval)) != nil
            }
        }
        let jobs = self.jobs
        await withDiscardingTaskGroup { group in
            for await job in jobs {
                group.addTask { await job() }
            }
            // Only timers (resume windows) can be left: the shutdown has ended every world.
            group.cancelAll()
        }
        runDrained = true
        resumeAll(&runDrainedWaiters)
        await waitUntilShutDown()
    }

    /// Registers a new connection. Nothing is sent until the person's first message.
    public func connect(personID: String, service: String, channel: any PersonChannel) async {
        // Restored people are known before anyone connects.
        if !restored.hasFired { await restoreSavedWorlds() }
        if let person = people[personID] {
            if person.isRestored {
                logger.debug("person \(personID) of a restored world is back")
            } else {
                logger.warning("person \(personID) connected again; using the new channel")
            }
            person.isRestored = false
            person.isDetached = false
            await person.outbox.attach(channel)
            return
        }
        people[personID] = Person(id: personID, service: service, channel: channel)
    }

    /// Hands a message from a person to the runtime: the password gate, the waiting rooms, or the
    /// person's current world.
    ///
    /// `onSettled` is called once the runtime is done with the message: when it is in the transcript
    /// store, or at once when it is consumed unrecorded (the password, the greeting that starts a
    /// journey) or dropped (EXIT while waiting, the person left). It is not called when storing fails.
    ///
    /// `number` is the service's own number for the message, when it numbers them (the chat page's
    /// `seq`): a restored world remembers the last one it took.
    public func receive(
        _ message: Message, from personID: String, number: Int? = nil, onSettled: (@Sendable () -> Void)? = nil
    ) async {
        let entry = Inbox.Entry(message: message, settled: onSettled, number: number)
        guard let person = people[personID] else {
            logger.warning("message from unknown person \(personID) dropped")
            entry.settle()
            return
        }
        guard person.admitted else {
            entry.settle()
            if let password, message.text != password {
                await person.outbox.send(Message(text: RuntimeText.passwordRequired, payload: ["type": "password"], role: .notice))
                return
            }
            person.admitted = true
            // The password is not an answer to the consent notice; a first message may be.
            await askConsent(person, answer: password == nil ? message.text : nil)
            return
        }
        guard person.consent.isSettled || config.consent == nil else {
            entry.settle()
            await askConsent(person, answer: message.text)
            return
        }
        guard person.journeyActive else {
            // A person who left with EXIT comes back as new: this message is their greeting.
            entry.settle()
            startJourney(person)
            return
        }
        let isExit = message.isExit
        switch person.place {
        case .pooled(let task, let ticket):
            if isExit {
                // What they typed while waiting was meant for a partner they will not meet.
                person.inbox.clear()
                entry.settle()
                leavePool(task: task, ticket: ticket, outcome: .exited)
                return
            }
            person.inbox.push(entry)
            await tell(person, RuntimeText.waitForPairing)
        case .queued(let ticket):
            if isExit, leaveSlotQueue(ticket: ticket, soloOnly: true, grant: .exit) {
                entry.settle()
                return
            }
            person.inbox.push(entry)
        case .idle, .inWorld, .matched:
            person.inbox.push(entry)
        }
    }

    /// The connection is gone for good: ends the person's worlds now and tells their partners.
    public func disconnect(personID: String) async {
        guard let person = people.removeValue(forKey: personID) else { return }
        if person.isRestored { restoredKeys = restoredKeys.filter { $0.value != personID } }
        person.isGone = true
        person.inbox.close()
        switch person.place {
        case .pooled(let task, let ticket):
            leavePool(task: task, ticket: ticket, outcome: .ended)
        case .queued(let ticket):
            _ = leaveSlotQueue(ticket: ticket, soloOnly: false, grant: .ended)
        case .inWorld(let worldID):
            stopWorld(worldID, reason: .left(personID))
        case .idle, .matched:
            break
        }
    }

    /// The connection dropped but the person may come back: outgoing messages are held, and after
    /// the resume window (``RuntimeOptions/leaveGrace`` when the person said they were `leaving`)
    /// the person is disconnected. The others in their world are told at once.
    public func detach(personID: String, leaving: Bool = false) async {
        guard let person = people[personID] else { return }
        person.isDetached = true
        person.detachCount += 1
        let count = person.detachCount
        await person.outbox.detach()
        await tellPartners(of: person, leaving ? PersonStatus.partnerLeft : PersonStatus.partnerAway)
        expire(personID, count: count, after: leaving ? options.leaveGrace : options.resumeWindow)
    }

    /// Disconnects a detached person once `window` passes, unless they were resumed (or detached
    /// again: `count` is their ``Person/detachCount`` now) meanwhile.
    func expire(_ personID: String, count: Int, after window: Duration) {
        submit { [weak self] in
            guard (try? await Task.sleep(for: window)) != nil else { return }
            await self?.detachExpired(personID: personID, count: count)
        }
    }

    /// Re-attaches a detached person; held messages are delivered in order. False when the person
    /// is unknown (never connected, or already disconnected).
    public func resume(personID: String, channel: any PersonChannel) async -> Bool {
        guard let person = people[personID] else { return false }
        let wasDetached = person.isDetached
        person.isDetached = false
        person.isRestored = false
        await person.outbox.attach(channel)
        if wasDetached { await tellPartners(of: person, PersonStatus.partnerBack) }
        return true
    }

    /// Shows or hides a person's typing to the others in their world (services whose people type
    /// visibly, such as the chat page, call it).
    public func typing(_ isTyping: Bool, from personID: String) async {
        guard let person = people[personID] else { return }
        for partner in partners(of: person) { await partner.outbox.showTyping(isTyping) }
    }

    /// The others in the person's world when it has more than one person.
    private func partners(of person: Person) -> [Person] {
        guard case .inWorld(let worldID) = person.place, let world = worlds[worldID] else { return [] }
        return world.members.filter { $0 != person.id }.compactMap { people[$0] }
    }

    /// Shows the others in the person's world a status about the person, by their shown name.
    private func tellPartners(of person: Person, _ status: (String) -> PersonStatus) async {
        guard case .inWorld(let worldID) = person.place, let name = worlds[worldID]?.names[person.id] else { return }
        for partner in partners(of: person) { await partner.outbox.show(status(name)) }
    }

    private func detachExpired(personID: String, count: Int) async {
        guard let person = people[personID], person.isDetached, person.detachCount == count else { return }
        await disconnect(personID: personID)
    }

    /// Hands work to `run()`'s task group.
    func submit(_ job: @escaping Job) {
        jobSink.yield(job)
    }

    func tell(_ person: Person, _ text: String) async {
        await person.outbox.send(Message(text: text, role: .notice))
    }

    func resumeAll(_ waiters: inout [CheckedContinuation<Void, Never>]) {
        let woken = waiters
        waiters = []
        for waiter in woken { waiter.resume() }
    }

    func newTicket() -> Int {
        nextTicket += 1
        return nextTicket
    }
}
