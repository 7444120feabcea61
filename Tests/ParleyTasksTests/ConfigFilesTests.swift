import Foundation
import ParleyStore
import ParleyTasks
import ParleyWorlds
import Testing

/// ParlAI 1.7.2's example configs, byte for byte (facebookresearch/ParlAI, MIT licence), used as
/// compatibility fixtures.
enum ParlAIConfigs {
    static let overworldDemo = """
        tasks:
          echo:
            onboard_world: MessengerEchoOnboardWorld
            task_world: MessengerEchoTaskWorld
            timeout: 180
            agents_required: 1
          onboard data: # must be the name returned by the overworld
            onboard_world: MessengerOnboardDataOnboardWorld
            task_world: MessengerOnboardDataTaskWorld
            timeout: 180
            agents_required: 1
          chat: # must be the name returned by the overworld
            onboard_world: MessengerChatOnboardWorld
            task_world: MessengerChatTaskWorld
            timeout: 180
            agents_required: 2
        task_name: overworld_demo
        world_module: parlai.chat_service.tasks.overworld_demo.worlds
        overworld: MessengerOverworld
        max_workers: 30
        opt:
          debug: True
          password: ParlAI
        additional_args:
          page_id: 1 # Configure Your Own Page

        """

    static let chatbot = """
        tasks:
          default:
            onboard_world: MessengerBotChatOnboardWorld
            task_world: MessengerBotChatTaskWorld
            timeout: 1800
            agents_required: 1
        task_name: chatbot
        world_module: parlai.chat_service.tasks.chatbot.worlds
        overworld: MessengerOverworld
        max_workers: 30
        opt:  # Additional model opts go here
          debug: True
          models:
            blender_90M:
              model: transformer/generator
              model_file: zoo:blender/blender_90M/model
              interactive_mode: True
              no_cuda: True
        additional_args:
          page_id: 1 # configure your own page

        """

    static let qaDataCollection = """
        tasks:
          default:
            onboard_world: QADataCollectionOnboardWorld
            task_world: QADataCollectionTaskWorld
            timeout: 300
            agents_required: 1
        task_name: qa_data_collection
        world_module: parlai.chat_service.tasks.qa_data_collection.worlds
        overworld: QADataCollectionOverWorld
        max_workers: 30
        opt:
          debug: True
        additional_args:
          page_id: 1 # Configure Your Own Page

        """
}

@Suite("Config files")
struct ConfigFilesTests {
    @Test("ParlAI's own overworld demo and QA configs load and run on the built-in worlds")
    func parlAIConfigsRun() throws {
        for (name, yaml) in [("overworld_demo", ParlAIConfigs.overworldDemo), ("qa", ParlAIConfigs.qaDataCollection)] {
            let config = try TaskConfig.parse(yaml: yaml, file: "\(name)/config.yml")
            _ = try WorldRuntime(config: config, registry: .builtIn, transcripts: try SQLiteStore.temporary())
        }
        let demo = try TaskConfig.parse(yaml: ParlAIConfigs.overworldDemo, file: "config.yml")
        #expect(demo.taskNames == ["echo", "onboard data", "chat"])
        #expect(demo.password == "ParlAI")
        #expect(demo.task(named: "chat")?.agentsRequired == 2)
    }

    @Test("ParlAI's chatbot config loads; its torch model is refused with the lines that replace it")
    func parlAIChatbotConfig() throws {
        let config = try TaskConfig.parse(yaml: ParlAIConfigs.chatbot, file: "chatbot/config.yml")
        #expect(config.models.map(\.kind) == ["transformer/generator"])
        let store = try SQLiteStore.temporary()
        do {
            _ = try WorldRuntime(config: config, registry: .builtIn, transcripts: store)
            Issue.record("an unknown model kind was accepted")
        } catch {
            #expect(error.key == "opt.models.blender_90M.model")
            #expect(error.file == "chatbot/config.yml")
            #expect(error.problem == """
                unknown model kind "transformer/generator": ParlAI's PyTorch models do not run in Parley (its model kinds: echo, mind, openai, repeat, reply_api).
                Serve the model behind an OpenAI-compatible server (vLLM, llama.cpp, Ollama) and write:
                    blender_90M:
                      model: openai
                      base_url: http://127.0.0.1:8000/v1
                      model_name: NAME
                Or give the task a rule-based mind:
                    blender_90M:
                      model: mind
                      mind_file: minds/bot.yaml
                """)
        }
    }

    @Test("a world that is not registered: every world set and its worlds are listed, the closest name first")
    func unknownWorldListsTheClosest() throws {
        let yaml = ParlAIConfigs.qaDataCollection.replacingOccurrences(
            of: "task_world: QADataCollectionTaskWorld", with: "task_world: QADataColectionTaskWorld")
        let config = try TaskConfig.parse(yaml: yaml, file: "qa/config.yml")
        let store = try SQLiteStore.temporary()
        do {
            _ = try WorldRuntime(config: config, registry: .builtIn, transcripts: store)
            Issue.record("an unknown world was accepted")
        } catch {
            #expect(error.key == "tasks.default.task_world")
            let prefix = "no world \"QADataColectionTaskWorld\" in world set \"\(WorldSets.qaDataCollection)\"; registered, the closest first: "
            #expect(error.problem.hasPrefix(prefix + "\(WorldSets.qaDataCollection): QADataCollectionTaskWorld, QADataCollectionOverWorld"))
            for set in WorldRegistry.builtIn.worldSets {
                #expect(error.problem.contains("\(set): "))
            }
            #expect(error.problem.contains("parley.demo: MenuOverworld"))
        }
    }

    @Test("every config in tasks/ loads and runs on the built-in worlds")
    func shippedConfigs() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: tasksFolder.path).filter { $0.hasSuffix(".yml") }
        #expect(Set(files) == ["demo.yml", "overworld_demo.yml", "chatbot.yml", "qa_data_collection.yml"])
        for file in files {
            let config = try TaskConfig.load(path: tasksFolder.appendingPathComponent(file).path)
            _ = try WorldRuntime(config: config, registry: .builtIn, transcripts: try SQLiteStore.temporary())
        }
    }

    @Test("the shipped QA paragraphs load")
    func paragraphs() throws {
        let paragraphs = try QAParagraph.shipped()
        #expect(paragraphs.count >= 5)
        #expect(Set(paragraphs.map(\.id)).count == paragraphs.count)
        #expect(paragraphs.allSatisfy { !$0.text.isEmpty && !$0.title.isEmpty })
    }
}
