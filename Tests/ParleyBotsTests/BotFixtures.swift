import Foundation
import ParleyTasks
import ParleyTesting
import ParleyWorlds
import Testing

/// Temporary folders holding a chatbot config (and the files it names) for one test.
enum BotFixtures {
    static let botWorldWelcome = "Welcome to the ParlAI Chatbot demo. You are now paired with a bot - feel free to send a message. "
        + "Type [DONE] to finish the chat, or [RESET] to reset the dialogue history."

    /// The repository's `minds/` folder.
    static let mindsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("minds")

    /// A new folder with `files` (name and text) in it.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// The chatbot task (one person, the built-in chatbot worlds) with `model` (YAML lines of the
    /// entry under `opt.models.bot`, indented by six spaces).
    static func chatbotConfig(model: String) -> String {
        """
        tasks:
          default:
            task_world: MessengerBotChatTaskWorld
            timeout: 60
        task_name: chatbot
        world_module: parlai.chat_service.tasks.chatbot.worlds
        overworld: MessengerOverworld
        max_workers: 100
        opt:
          models:
            bot:
        \(model)
        """
    }

    /// A runtime for the chatbot config with `model`, written in `folder` as `config.yml`.
    static func chatbot(model: String, in folder: URL) throws -> WorldHarness {
        let file = folder.appendingPathComponent("config.yml")
        try chatbotConfig(model: model).write(to: file, atomically: true, encoding: .utf8)
        return try WorldHarness(config: TaskConfig.load(path: file.path), registry: .builtIn)
    }
}

extension ScriptedPerson {
    /// Enters the chatbot world from its overworld and reads the world's welcome.
    func begin() async {
        await say("hi")
        _ = await next()
        await say("begin")
        await expect(BotFixtures.botWorldWelcome)
    }
}
