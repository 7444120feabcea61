import Foundation
import ParleyCore
import ParleyStore
import ParleyWorlds
import Testing

@Suite("Task config")
struct ConfigTests {
    func error(_ yaml: String) -> String? {
        do {
            _ = try TaskConfig.parse(yaml: yaml, file: "tasks/x.yml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("ParlAI's keys are read, with fractional timeouts and response_timeout")
    func parsesKeys() throws {
        let yaml = testConfig(
            extraTasks: "  slow:\n    onboard_world: AskName\n    task_world: Echo\n    timeout: 0.25\n    response_timeout: 1.5\n    backup_task: solo",
            top: "opt:\n  debug: True\n  password: pw\n  models:\n    b:\n      model: echo\nadditional_args:\n  page_id: 1"
        )
        let config = try TaskConfig.parse(yaml: yaml, file: "t.yml")
        #expect(config.taskNames == ["echo", "named", "pair", "solo", "slow"])
        #expect(config.taskName == "test")
        #expect(config.worldModule == "test.worlds")
        #expect(config.overworld == "Menu")
        #expect(config.maxWorkers == 10)
        #expect(config.password == "pw")
        #expect(config.opt["debug"] == .bool(true))
        #expect(config.additionalArgs["page_id"] == .number(1))
        #expect(config.models == [ModelSpec(key: "b", kind: "echo", settings: ["model": "echo"])])
        let slow = try #require(config.task(named: "slow"))
        #expect(slow.timeout == .milliseconds(250))
        #expect(slow.responseTimeout == .milliseconds(1500))
        #expect(slow.onboardWorld == "AskName")
        #expect(slow.backupTask == "solo")
        let pair = try #require(config.task(named: "pair"))
        #expect(pair.agentsRequired == 2)
        #expect(config.task(named: "echo")?.timeout == .seconds(300))
        #expect(config.task(named: "echo")?.agentsRequired == 1)
    }

    @Test("a wrong type names the file, the key and the value")
    func wrongType() {
        let yaml = testConfig().replacingOccurrences(of: "agents_required: 2", with: "agents_required: two")
        #expect(error(yaml) == "tasks/x.yml: tasks.pair.agents_required: expected a positive integer, got \"two\"")
        let zero = testConfig().replacingOccurrences(of: "max_workers: 10", with: "max_workers: 0")
        #expect(error(zero) == "tasks/x.yml: max_workers: expected a positive integer, got 0")
        let timeout = testConfig(pairTimeout: -1)
        #expect(error(timeout) == "tasks/x.yml: tasks.pair.timeout: expected a positive number of seconds, got -1.0")
    }

    @Test("unknown keys are errors, at the top and in tasks")
    func unknownKeys() {
        #expect(error(testConfig(top: "max_worker: 3"))?.hasPrefix("tasks/x.yml: max_worker: unknown key") == true)
        let yaml = testConfig(extraTasks: "  extra:\n    task_world: Echo\n    agent_required: 2")
        #expect(error(yaml)?.hasPrefix("tasks/x.yml: tasks.extra.agent_required: unknown key") == true)
    }

    @Test("missing required keys are named")
    func missingKeys() {
        let noName = testConfig().replacingOccurrences(of: "task_name: test\n", with: "")
        #expect(error(noName) == "tasks/x.yml: task_name: required key is missing")
        let noWorld = testConfig(extraTasks: "  extra:\n    timeout: 3")
        #expect(error(noWorld) == "tasks/x.yml: tasks.extra.task_world: required key is missing")
        #expect(error("tasks: {}\n") == "tasks/x.yml: tasks: needs at least one task")
        #expect(error("") == "tasks/x.yml: the file is empty")
        #expect(error("- a\n") == "tasks/x.yml: expected a mapping of keys, got a list")
    }

    @Test("references inside the config are checked")
    func references() {
        let backup = testConfig(extraTasks: "  extra:\n    task_world: Echo\n    backup_task: nowhere")
        #expect(error(backup) == "tasks/x.yml: tasks.extra.backup_task: no task is called \"nowhere\"")
        #expect(error(testConfig(top: "opt:\n  password: 1234"))?.hasPrefix("tasks/x.yml: opt.password: expected a string") == true)
        let key = testConfig(top: "opt:\n  model_key: x\n  models:\n    b:\n      model: echo")
        #expect(error(key) == "tasks/x.yml: opt.model_key: no model is called \"x\" under opt.models")
        let noKind = testConfig(top: "opt:\n  models:\n    b:\n      model_file: x")
        #expect(error(noKind) == "tasks/x.yml: opt.models.b.model: required: the model kind (a string)")
    }

    @Test("load names a file it cannot read")
    func unreadableFile() {
        #expect(throws: ConfigError.self) { try TaskConfig.load(path: "/nonexistent/parley/x.yml") }
        do {
            _ = try TaskConfig.load(path: "/nonexistent/parley/x.yml")
        } catch {
            #expect(error.file == "/nonexistent/parley/x.yml")
        }
    }

    @Test("the runtime refuses unknown world sets, worlds, roles and model kinds")
    func runtimeChecksNames() throws {
        func runtimeError(_ yaml: String) throws -> String? {
            let config = try TaskConfig.parse(yaml: yaml, file: "tasks/x.yml")
            do {
                _ = try WorldRuntime(config: config, registry: .test, transcripts: try SQLiteStore.temporary())
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(try runtimeError(testConfig()) == nil)
        let set = testConfig().replacingOccurrences(of: "world_module: test.worlds", with: "world_module: nope.worlds")
        #expect(try runtimeError(set)?.hasPrefix("tasks/x.yml: world_module: no world set \"nope.worlds\"") == true)
        let world = testConfig(extraTasks: "  extra:\n    task_world: Missing")
        #expect(try runtimeError(world)?.hasPrefix("tasks/x.yml: tasks.extra.task_world: no world \"Missing\"") == true)
        let role = testConfig(extraTasks: "  extra:\n    task_world: AskName")
        #expect(try runtimeError(role) == "tasks/x.yml: tasks.extra.task_world: \"AskName\" is a world of role onboarding, not task")
        let kind = testConfig(top: "opt:\n  models:\n    b:\n      model: transformer/generator")
        #expect(try runtimeError(kind) == "tasks/x.yml: opt.models.b.model: unknown model kind \"transformer/generator\": ParlAI's PyTorch models do not run in Parley (its model kinds: echo, repeat).")
        let typo = testConfig(top: "opt:\n  models:\n    b:\n      model: ehco")
        #expect(try runtimeError(typo) == "tasks/x.yml: opt.models.b.model: unknown model kind \"ehco\" (known: echo, repeat)")
        let qualified = testConfig(extraTasks: "  extra:\n    task_world: test.worlds.Echo")
        #expect(try runtimeError(qualified) == nil)
    }
}
