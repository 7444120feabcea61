import Foundation
import GuessingGame
import ParleyCore
import ParleyTesting
import ParleyWorlds
import Testing

/// The game run from its own config.yml (the secret fixed at 42), with scripted players.
@Suite(.timeLimit(.minutes(5)))
struct GuessingGameTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let config = folder.appendingPathComponent("config.yml").path
    static let menu = "Welcome to Parley! Choose one of the demos from the listed quick replies."
    static let openings = [
        "I'm thinking of a number. Take turns to guess it!", "I have a number in mind. Who finds it first?",
    ]
    static let rules = "The number is from 1 to 100. Player 1 goes first."

    /// The config with `opt.secret` set, read as if from its own folder (for the host's mind file).
    static func harness(secret: Int = 42, registry: WorldRegistry = .guessingGame) throws -> WorldHarness {
        let yaml = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "  lowest: 1\n", with: "  lowest: 1\n  secret: \(secret)\n")
        return try WorldHarness(yaml: yaml, file: config, registry: registry)
    }

    /// Two people who chose the game from the menu, in the game once both have heard its rules.
    static func pair(_ harness: WorldHarness, openings: [String] = openings) async -> (ScriptedPerson, ScriptedPerson) {
        let ann = await harness.person("ann")
        await ann.say("hi")
        await ann.expect(menu, quickReplies: ["guessing game", "EXIT"])
        await ann.say("guessing game")
        await ann.expect("Transferring to guessing game")
        // Ann waits in the pool before Bob comes: first come, first served makes her Player 1.
        await ann.expect(status: .waiting(task: "guessing game"))
        let bob = await harness.person("bob")
        await bob.say("hi")
        await bob.expect(menu)
        await bob.say("guessing game")
        await bob.expect("Transferring to guessing game")
        for person in [ann, bob] {
            await person.expect(oneOf: openings)
            await person.expect(rules)
        }
        await ann.expect("Your turn: your guess?")
        return (ann, bob)
    }

    @Test("two players take turns; the mind judges each guess; the first to find it wins; the game is saved")
    func aWholeGame() async throws {
        let harness = try Self.harness()
        let (ann, bob) = await Self.pair(harness)
        await ann.say("50")
        await bob.expect("Player 1 guesses 50.")
        for person in [ann, bob] {
            await person.expect(oneOf: ["50 is too high.", "Lower than 50!", "No, go below 50."])
        }
        await bob.expect("Your turn: your guess?")
        await bob.say("twenty")
        await bob.expect("Guess a whole number from 1 to 100.")
        await bob.say("20")
        await ann.expect("Player 2 guesses 20.")
        for person in [ann, bob] {
            await person.expect(oneOf: ["20 is too low.", "Higher than 20!", "No, go above 20."])
        }
        await ann.expect("Your turn: your guess?")
        await ann.say("42")
        await bob.expect("Player 1 guesses 42.")
        for person in [ann, bob] {
            await person.expect("Yes! 42 is right.")
            await person.expect("Player 1 wins after 3 guesses!")
            await person.expect(Self.menu)
        }
        let results = try await harness.results()
        #expect(results.map(\.data) == [[
            "secret": 42, "winner": "Player 1",
            "guesses": [["player": "Player 1", "guess": 50], ["player": "Player 2", "guess": 20], ["player": "Player 1", "guess": 42]],
        ]])
        #expect(results.first?.people == ["ann", "bob"])
        await harness.stop()
    }

    @Test("a guess out of turn is refused; the one whose turn it is still guesses")
    func outOfTurn() async throws {
        let harness = try Self.harness()
        let (ann, bob) = await Self.pair(harness)
        await bob.say("7")
        await bob.expect("Wait for your turn: Player 1 is guessing.")
        await ann.expectSilence()
        await ann.say("42")
        await bob.expect("Player 1 guesses 42.")
        await harness.stop()
    }

    @Test("a partner who leaves ends the game for the other, who is told and returns to the menu")
    func partnerLeaves() async throws {
        let harness = try Self.harness()
        let (ann, bob) = await Self.pair(harness)
        await bob.leave()
        await ann.expect("The other agent has left the chat.")
        await ann.expect(Self.menu)
        #expect(try await harness.results().first?.data["winner"] == .null)
        await harness.stop()
    }

    @Test("the host replaced by a scripted bot: the world passes on whatever the host says")
    func scriptedHost() async throws {
        var registry = WorldRegistry.guessingGame
        registry.script(botKind: "mind", as: ScriptedBot { observed, _ in
            Message(text: "Host heard \(observed?.text ?? "nothing").")
        })
        let harness = try Self.harness(secret: 5, registry: registry)
        let (ann, bob) = await Self.pair(harness, openings: ["Host heard [secret 5]."])
        await ann.say("5")
        await bob.expect("Player 1 guesses 5.")
        for person in [ann, bob] {
            await person.expect("Host heard 5.")
            await person.expect("Player 1 wins after 1 guess!")
            // The menu comes once the world has ended, and so has saved the game.
            await person.expect(Self.menu)
        }
        #expect(try await harness.results().first?.data["winner"] == "Player 1")
        await harness.stop()
    }
}
