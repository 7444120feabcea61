import ParleyCore
import ParleyWorlds
import Synchronization

/// Counts `shutdown` calls and `parley` steps per world id, across every test (ids are unique).
enum WorldLog {
    private static let shutdowns = Mutex<[String: Int]>([:])
    private static let steps = Mutex<[String: Int]>([:])

    static func shutDown(_ worldID: String) { shutdowns.withLock { $0[worldID, default: 0] += 1 } }
    static func shutdownCount(_ worldID: String) -> Int { shutdowns.withLock { $0[worldID] ?? 0 } }
    static func stepped(_ worldID: String) { steps.withLock { $0[worldID, default: 0] += 1 } }
    static func stepCount(_ worldID: String) -> Int { steps.withLock { $0[worldID] ?? 0 } }
}

/// A menu: quick replies are the config's tasks plus EXIT.
actor TestMenu: Overworld {
    let context: WorldContext
    var shown = false

    init(context: WorldContext) { self.context = context }

    func parley() async throws -> String? {
        if !shown {
            shown = true
            await context.agent.observe(Message(text: "menu", quickReplies: context.taskNames + ["EXIT"], id: "Overworld"))
        }
        let act = try await context.agent.act()
        if act.text == "EXIT" || context.taskNames.contains(act.text) { return act.text }
        await context.agent.observe(Message(text: "invalid", id: "Overworld"))
        return nil
    }

    func shutdown() { WorldLog.shutDown(context.worldID) }
}

/// Asks for a name during onboarding.
actor AskName: OnboardWorld {
    let context: WorldContext
    var episodeDone = false
    var onboardData: [String: JSONValue] = [:]

    init(context: WorldContext) { self.context = context }

    func parley() async throws {
        await context.agent.observe(Message(text: "name?", id: "Onboarding"))
        onboardData["name"] = .string(try await context.agent.act().text)
        episodeDone = true
    }

    func shutdown() { WorldLog.shutDown(context.worldID) }
}

/// Echoes (prefixed with the onboarding name, if any); `[DONE]` ends; `go X` sets `next_task` to X.
actor Echo: TaskWorld {
    let context: WorldContext
    var episodeDone = false

    init(context: WorldContext) { self.context = context }

    func parley() async throws {
        WorldLog.stepped(context.worldID)
        let agent = context.agent
        var act = try await agent.act()
        if act.text == "[DONE]" {
            episodeDone = true
        } else if act.text.hasPrefix("go ") {
            agent.data["next_task"] = .string(String(act.text.dropFirst(3)))
            episodeDone = true
        } else {
            if let name = agent.onboardData["name"]?.stringValue { act.text = "\(name): \(act.text)" }
            act.id = "World"
            await agent.observe(act)
        }
    }

    func shutdown() { WorldLog.shutDown(context.worldID) }
}

/// Says "paired" to everyone, then relays between the people; `[DONE]` ends for everyone.
actor Relay: TaskWorld {
    let context: WorldContext
    var episodeDone = false
    var announced = false

    init(context: WorldContext) { self.context = context }

    static func assignRoles(_ agents: [PersonAgent]) {
        for (index, agent) in agents.enumerated() { agent.displayID = "P\(index + 1)" }
    }

    func parley() async throws {
        if !announced {
            announced = true
            for agent in context.agents { await agent.observe(Message(text: "paired", id: "World")) }
        }
        guard let (speaker, act) = try await PersonAgent.firstAct(among: context.agents) else { return }
        for other in context.agents where other !== speaker {
            await other.observe(act.text == "[DONE]" ? Message(text: "ended", id: "World") : act)
        }
        if act.text == "[DONE]" { episodeDone = true }
    }

    func shutdown() { WorldLog.shutDown(context.worldID) }
}

/// Asks the bot and passes its reply on.
actor BotRelay: TaskWorld {
    let context: WorldContext
    let bot: BotAgent
    var episodeDone = false

    init(context: WorldContext) throws {
        self.context = context
        bot = try context.makeBot()
    }

    func parley() async throws {
        let act = try await context.agent.act()
        if act.text == "[DONE]" {
            episodeDone = true
            return
        }
        await bot.observe(act)
        await context.agent.observe(try await bot.act())
    }
}

/// Says "breaking", sets `next_task` to `echo`, then fails.
actor Broken: TaskWorld {
    struct Failure: Error {}

    let context: WorldContext
    var episodeDone = false

    init(context: WorldContext) { self.context = context }

    func parley() async throws {
        await context.agent.observe(Message(text: "breaking"))
        context.agent.data["next_task"] = "echo"
        throw Failure()
    }

    func shutdown() { WorldLog.shutDown(context.worldID) }
}

/// Waits briefly for each message; says "still waiting" when none comes in time.
actor Patient: TaskWorld {
    let context: WorldContext
    var episodeDone = false

    init(context: WorldContext) { self.context = context }

    func parley() async throws {
        if let act = try await context.agent.act(timeout: .milliseconds(50)) {
            episodeDone = act.text == "[DONE]"
        } else {
            await context.agent.observe(Message(text: "still waiting"))
        }
    }
}

extension WorldRegistry {
    /// The test worlds, in world set `test.worlds`.
    static var test: WorldRegistry {
        var registry = WorldRegistry()
        registry.register(TestMenu.self, as: "Menu", in: "test.worlds")
        registry.register(AskName.self, as: "AskName", in: "test.worlds")
        registry.register(Echo.self, as: "Echo", in: "test.worlds")
        registry.register(Relay.self, as: "Relay", in: "test.worlds")
        registry.register(BotRelay.self, as: "BotRelay", in: "test.worlds")
        registry.register(Broken.self, as: "Broken", in: "test.worlds")
        registry.register(Patient.self, as: "Patient", in: "test.worlds")
        return registry
    }
}
