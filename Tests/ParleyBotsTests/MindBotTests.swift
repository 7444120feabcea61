import Foundation
import ParleyStore
import ParleyTasks
import ParleyTesting
import ParleyWorlds
import Testing

/// The `mind` model kind in the chatbot world, and the `repeat` kind.
@Suite("Mind bots in worlds", .timeLimit(.minutes(5)))
struct MindBotTests {
    /// A mind that greets on `[auto]`, remembers a name, and answers everything else.
    static let talker = """
        mind: talker
        version: 1
        models:
          - name: main
            rules:
              - {kind: respond, input: "[auto *]", say: "[wave] Hello there."}
              - {kind: respond, input: "call me {name}", retract: ["Name(_)"], assert: ["Name({name})"], say: "[smile] Hi {name}."}
              - {kind: respond, input: "who am i", when: ["Name(?n)"], say: "You are {?n}."}
              - {kind: respond, input: "who am i", say: "I do not know."}
              - {kind: respond, input: "*", say: "Okay."}
        """

    /// The talker with an idle rule that fires once, a fifth of a second into a quiet chat.
    static let nudger = talker.replacingOccurrences(of: "mind: talker", with: "mind: nudger")
        + "\n      - {kind: respond, id: nudge, idle: 0.2, once: true, say: \"[smile] Still there?\"}\n"

    @Test("a person's response_timeout runs from their last message, however soon the bot would nudge them")
    func responseTimeoutBeatsALaterNudge() async throws {
        // The bot would nudge after 20 s of quiet; the person has 1 s to answer.
        let slow = Self.talker.replacingOccurrences(of: "mind: talker", with: "mind: slow")
            + "\n      - {kind: respond, id: nudge, idle: 20, say: \"Still there?\"}\n"
        let folder = try BotFixtures.folder(["slow.yaml": slow])
        let config = BotFixtures.chatbotConfig(model: "      model: mind\n      mind_file: slow.yaml")
            .replacingOccurrences(of: "    timeout: 60", with: "    timeout: 60\n    response_timeout: 1")
        try config.write(to: folder.appendingPathComponent("config.yml"), atomically: true, encoding: .utf8)
        let harness = try WorldHarness(config: TaskConfig.load(path: folder.appendingPathComponent("config.yml").path), registry: .builtIn)
        let ann = await harness.person()
        await ann.begin()
        await ann.expect("Hello there.")
        await ann.say("who am i")
        await ann.expect("I do not know.")
        // Silence: the timeout (1 s), not the nudge (20 s), comes next.
        await ann.expect(RuntimeText.timedOut)
        await harness.stop()
    }

    @Test("a mind bot logs what it answers a person as that person's exchanges, with the rule, for the studio's review")
    func exchangesAreLoggedForTheReview() async throws {
        let folder = try BotFixtures.folder(["talker.yaml": Self.talker])
        let harness = try BotFixtures.chatbot(model: "      model: mind\n      mind_file: talker.yaml", in: folder)
        let ann = await harness.person("ann-person")
        await ann.begin()
        await ann.expect("Hello there.")
        await ann.say("call me Ann")
        await ann.expect("Hi Ann.")
        await ann.say("who am i")
        await ann.expect("You are Ann.")
        // Logged under the file's stem, as the minds folder serves it; the opening [auto] is not a person's.
        let logged = try await harness.store.transcript(mind: "talker", userID: "ann-person", after: nil, limit: 10)
        #expect(logged.map(\.input) == ["call me Ann", "who am i"])
        #expect(logged.map(\.rule) == ["main.1", "main.2"])
        await harness.stop()
    }

    @Test("a mind bot opens with its [auto] answer, answers, and speaks first in a quiet chat")
    func opensAnswersAndTakesTheInitiative() async throws {
        let folder = try BotFixtures.folder(["nudger.yaml": Self.nudger])
        let harness = try BotFixtures.chatbot(model: "      model: mind\n      mind_file: nudger.yaml", in: folder)
        let ann = await harness.person()
        await ann.begin()
        let opening = await ann.expect("Hello there.")
        #expect(opening?.id == "bot")
        // Nobody speaks: the idle rule's timer runs out and the bot takes the initiative.
        await ann.expect("Still there?")
        await ann.say("call me Ann")
        await ann.expect("Hi Ann.")
        await ann.say("who am i")
        await ann.expect("You are Ann.")
        await ann.say("[DONE]")
        await harness.stop()
    }

    @Test("two conversations with one mind keep their own data; [RESET] starts over")
    func conversationsDoNotShareState() async throws {
        let folder = try BotFixtures.folder(["talker.yaml": Self.talker])
        let harness = try BotFixtures.chatbot(model: "      model: mind\n      mind_file: talker.yaml", in: folder)
        let ann = await harness.person()
        let bob = await harness.person()
        await ann.begin()
        await bob.begin()
        await ann.expect("Hello there.")
        await bob.expect("Hello there.")
        await ann.say("call me Ann")
        await ann.expect("Hi Ann.")
        await bob.say("who am i")
        await bob.expect("I do not know.")
        await bob.say("call me Bob")
        await bob.expect("Hi Bob.")
        await ann.say("who am i")
        await ann.expect("You are Ann.")
        await ann.say("[RESET]")
        await ann.expect("[History Cleared]")
        await ann.expect("Hello there.")
        await ann.say("who am i")
        await ann.expect("I do not know.")
        await bob.say("who am i")
        await bob.expect("You are Bob.")
        await harness.stop()
    }

    @Test("a message with only an attachment gets a polite refusal")
    func attachmentsAreRefused() async throws {
        let folder = try BotFixtures.folder(["talker.yaml": Self.talker])
        let harness = try BotFixtures.chatbot(model: "      model: mind\n      mind_file: talker.yaml", in: folder)
        let ann = await harness.person()
        await ann.begin()
        await ann.expect("Hello there.")
        await harness.runtime.receive(Message(payload: ["type": "image", "url": "http://127.0.0.1/x.png"]), from: ann.id)
        await ann.expect("Sorry, I can only read text messages.")
        await harness.stop()
    }

    @Test("the repeat kind says its replies in turn")
    func repeatSaysItsRepliesInTurn() async throws {
        let folder = try BotFixtures.folder([:])
        let harness = try BotFixtures.chatbot(model: "      model: repeat\n      replies: [one, two]", in: folder)
        let ann = await harness.person()
        await ann.begin()
        for expected in ["one", "two", "one"] {
            await ann.say("hello")
            await ann.expect(expected)
        }
        await harness.stop()
    }

    @Test("a model that cannot load stops the runtime with the file, the setting and why")
    func loadErrorsNameTheModel() throws {
        let folder = try BotFixtures.folder([
            "broken.yaml": "mind: broken\nversion: 1\nmodels:\n  - name: main\n    rules:\n      - {kind: respond, input: \"(a\", say: hi}\n",
        ])
        func problem(_ model: String) -> String? {
            do {
                _ = try BotFixtures.chatbot(model: model, in: folder)
                return nil
            } catch {
                return "\(error)"
            }
        }
        let config = folder.appendingPathComponent("config.yml").path
        #expect(problem("      model: mind") == "\(config): opt.models.bot.mind_file: required")
        let missing = problem("      model: mind\n      mind_file: nowhere.yaml")
        #expect(missing?.hasPrefix("\(config): opt.models.bot.mind_file: cannot read \(folder.path)/nowhere.yaml") == true)
        let broken = problem("      model: mind\n      mind_file: broken.yaml")
        #expect(broken?.hasPrefix("\(config): opt.models.bot.mind_file: the rulebase \(folder.path)/broken.yaml has 1 error: ") == true)
        #expect(broken?.contains("unbalanced '('") == true)
        #expect(problem("      model: mind\n      mind_file: broken.yaml\n      mindfile: x") == "\(config): opt.models.bot.mindfile: unknown setting (known: builtin_mind, mind_file)")
        #expect(problem("      model: repeat") == "\(config): opt.models.bot.replies: required: a text or a list of texts")
        #expect(problem("      model: openai\n      base_url: ftp://x\n      model_name: m")?
            .hasPrefix("\(config): opt.models.bot.base_url: expected an http or https URL") == true)
        #expect(problem("      model: reply_api\n      url: http://127.0.0.1:1/reply\n      timeout: soon") ==
            "\(config): opt.models.bot.timeout: expected a positive duration such as 10, 2s, 500ms or 1m")
    }
}
