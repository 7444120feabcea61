import ParleyCore
import ParleyWorlds

/// Two people take turns guessing a secret number; the config's `host` model (a mind) announces
/// the game and judges each guess. One guess per step. The first to find the number wins; the
/// game is saved with `saveResult`. A player who leaves or runs out of time ends the game for
/// both (the runtime tells the other).
public actor GuessingGameWorld: TaskWorld {
    private let context: WorldContext
    private let players: [PersonAgent]
    private let host: BotAgent
    private let range: ClosedRange<Int>
    private let secret: Int
    /// Everything the world knows between steps.
    public private(set) var game = GameState()
    public private(set) var episodeDone = false

    /// Throws when the config has no `host` model or a bad range.
    public init(context: WorldContext) throws {
        self.context = context
        players = context.agents
        host = try context.makeBot(key: "host")
        let lowest = Int(context.opt["lowest"]?.numberValue ?? 1)
        let highest = Int(context.opt["highest"]?.numberValue ?? 100)
        guard lowest < highest else { throw GameConfigError(description: "opt.lowest must be below opt.highest") }
        range = lowest...highest
        // opt.secret fixes the number (for tests and demos); otherwise each game draws one.
        secret = context.opt["secret"]?.numberValue.map { Int($0) } ?? Int.random(in: range)
    }

    /// The first person in the pool is Player 1 and guesses first.
    public static func assignRoles(_ agents: [PersonAgent]) {
        for (index, agent) in agents.enumerated() { agent.displayID = "Player \(index + 1)" }
    }

    public func parley() async throws {
        if !game.started {
            try await start()
            return
        }
        let current = players[game.turn]
        guard let (speaker, act) = try await PersonAgent.firstAct(among: players, timeout: current.responseTimeout) else {
            throw WorldError.timedOut([current.personID])
        }
        guard speaker === current else {
            await speaker.observe(Message(text: "Wait for your turn: \(current.displayID) is guessing.", id: "Game"))
            return
        }
        guard let guess = Int(act.text.trimmingCharacters(in: .whitespaces)), range.contains(guess) else {
            await current.observe(Message(text: "Guess a whole number from \(range.lowerBound) to \(range.upperBound).", id: "Game"))
            return
        }
        game.guesses.append(.init(player: current.displayID, guess: guess))
        for player in players where player !== current {
            await player.observe(Message(text: "\(current.displayID) guesses \(guess).", id: current.displayID))
        }
        await host.observe(Message(text: String(guess)))
        if let verdict = try await host.act() { await announce(verdict) }
        if guess == secret {
            game.winner = current.displayID
            let count = game.guesses.count
            await tellAll("\(current.displayID) wins after \(count) \(count == 1 ? "guess" : "guesses")!")
            episodeDone = true
            return
        }
        game.turn = (game.turn + 1) % players.count
        await promptTurn()
    }

    /// Saves the game, finished or not.
    public func shutdown() async {
        guard game.started else { return }
        let guesses: [JSONValue] = game.guesses.map { ["player": .string($0.player), "guess": .number(Double($0.guess))] }
        let result: JSONValue = [
            "secret": .number(Double(secret)), "guesses": .array(guesses),
            "winner": game.winner.map(JSONValue.string) ?? .null,
        ]
        do {
            try await context.saveResult(result)
        } catch {
            context.logger.error("could not save the game of world \(context.worldID): \(error)")
        }
    }

    /// Tells the host the secret; its opening, the rules and whose turn it is go to both.
    private func start() async throws {
        game.started = true
        await host.observe(Message(text: "[secret \(secret)]"))
        if let opening = try await host.act() { await announce(opening) }
        await tellAll("The number is from \(range.lowerBound) to \(range.upperBound). \(players[0].displayID) goes first.")
        await promptTurn()
    }

    private func promptTurn() async {
        let current = players[game.turn]
        await current.observe(Message(text: "Your turn: your guess?", id: "Game"))
    }

    /// The host's words to everyone.
    private func announce(_ message: Message) async {
        var message = message
        message.id = "Host"
        for player in players { await player.observe(message) }
    }

    private func tellAll(_ text: String) async {
        for player in players { await player.observe(Message(text: text, id: "Game")) }
    }
}
