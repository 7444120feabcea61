import ParleyCore

/// A made world of any role, as the runtime drives it.
enum RunnableWorld: Sendable {
    case overworld(any Overworld)
    case onboarding(any OnboardWorld)
    case task(any TaskWorld)

    /// Steps the world until it is done; an overworld's choice is returned.
    func run() async throws -> String? {
        switch self {
        case .overworld(let world):
            while true {
                try Task.checkCancellation()
                if let choice = try await world.parley() { return choice }
                await Task.yield()
            }
        case .onboarding(let world): try await Self.steps(world)
        case .task(let world): try await Self.steps(world)
        }
        return nil
    }

    func shutdown() async {
        switch self {
        case .overworld(let world): await world.shutdown()
        case .onboarding(let world): await world.shutdown()
        case .task(let world): await world.shutdown()
        }
    }

    /// What an onboarding world collected (empty for other roles).
    func onboardData() async -> [String: JSONValue] {
        if case .onboarding(let world) = self { return await world.onboardData }
        return [:]
    }

    private static func steps(_ world: some World) async throws {
        while await !world.episodeDone {
            try Task.checkCancellation()
            try await world.parley()
            await Task.yield()
        }
    }
}
