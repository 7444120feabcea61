import Foundation
import ParleyCore
import Yams

/// A task config (`config.yml`), read with ParlAI's schema.
///
/// Unknown keys, wrong types and missing required keys are errors that name the file and the key.
/// Parley's additions: fractional `timeout`s, a per-task `response_timeout`, and world names of the form
/// `some.world.set.ClassName` that take a world from another registered world set.
public struct TaskConfig: Sendable, Equatable {
    /// The file the config was read from (used in error messages).
    public var file: String
    /// The tasks under `tasks:`, in file order.
    public var tasks: [TaskSpec]
    /// `task_name`.
    public var taskName: String
    /// `world_module`: the registered world set that world names are looked up in.
    public var worldModule: String
    /// `overworld`: the overworld's world name.
    public var overworld: String
    /// `max_workers`: the most worlds running at once, overworlds included.
    public var maxWorkers: Int
    /// `opt`: options passed to every world (always an object).
    public var opt: JSONValue
    /// `additional_args`: service settings such as Messenger's `page_id` (always an object).
    public var additionalArgs: JSONValue
    /// The bot models under `opt.models`, in file order.
    public var models: [ModelSpec]
    /// `consent` (Parley): the notice shown before anything is recorded; nil for none.
    public var consent: ConsentNotice?
    /// `blocked_message` (Parley): what a blocked person is told when they pick a task.
    public var blockedMessage: String

    static let topKeys = ["tasks", "task_name", "world_module", "overworld", "max_workers", "opt", "additional_args", "consent", "blocked_message"]
    static let taskKeys = [
        "onboard_world", "task_world", "timeout", "agents_required", "backup_task", "response_timeout", "rating", "allowed_people",
    ]

    /// The task called `name`, if the config has one.
    public func task(named name: String) -> TaskSpec? {
        tasks.first { $0.name == name }
    }

    /// The task names in file order.
    public var taskNames: [String] { tasks.map(\.name) }

    /// `opt.password`, when set.
    public var password: String? { opt["password"]?.stringValue }

    /// `opt.model_key`, when set.
    public var modelKey: String? { opt["model_key"]?.stringValue }

    /// Reads and checks the config file at `path`.
    public static func load(path: String) throws(ConfigError) -> TaskConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, key: "", problem: "cannot read the file: \(error.localizedDescription)")
        }
        return try parse(yaml: text, file: path)
    }

    /// Reads and checks config text; `file` names it in errors.
    public static func parse(yaml: String, file: String) throws(ConfigError) -> TaskConfig {
        let reader = ConfigReader(file: file)
        let members = try reader.members(try reader.root(of: yaml), at: "")
        try reader.checkKeys(members, allowed: topKeys, at: "")
        func value(_ key: String) throws(ConfigError) -> Node {
            guard let node = members.first(where: { $0.key == key })?.value else {
                throw reader.error(key, "required key is missing")
            }
            return node
        }
        let tasks = try parseTasks(try value("tasks"), reader: reader)
        let opt = try members.first { $0.key == "opt" }.map { member throws(ConfigError) in
            try reader.json(member.value, at: "opt")
        } ?? .object([:])
        guard case .object(let options) = opt else { throw reader.error("opt", "expected a mapping") }
        let additional = try members.first { $0.key == "additional_args" }.map { member throws(ConfigError) in
            try reader.json(member.value, at: "additional_args")
        } ?? .object([:])
        guard case .object = additional else { throw reader.error("additional_args", "expected a mapping") }
        let config = TaskConfig(
            file: file,
            tasks: tasks,
            taskName: try reader.string(try value("task_name"), at: "task_name"),
            worldModule: try reader.string(try value("world_module"), at: "world_module"),
            overworld: try reader.string(try value("overworld"), at: "overworld"),
            maxWorkers: try reader.positiveInteger(try value("max_workers"), at: "max_workers"),
            opt: opt,
            additionalArgs: additional,
            models: try parseModels(options, reader: reader),
            consent: try members.first { $0.key == "consent" }.map { member throws(ConfigError) in
                try ConsentNotice.parse(member.value, reader: reader)
            },
            blockedMessage: try members.first { $0.key == "blocked_message" }.map { member throws(ConfigError) in
                try reader.text(member.value, at: "blocked_message")
            } ?? RuntimeText.blocked
        )
        try config.checkReferences(options, reader: reader)
        return config
    }

    private static func parseTasks(_ node: Node, reader: ConfigReader) throws(ConfigError) -> [TaskSpec] {
        let entries = try reader.members(node, at: "tasks")
        guard !entries.isEmpty else { throw reader.error("tasks", "needs at least one task") }
        var tasks: [TaskSpec] = []
        for entry in entries {
            let path = "tasks.\(entry.key)"
            let fields = try reader.members(entry.value, at: path)
            try reader.checkKeys(fields, allowed: taskKeys, at: path)
            var task = TaskSpec(name: entry.key, taskWorld: "")
            var hasTaskWorld = false
            for field in fields {
                let key = "\(path).\(field.key)"
                switch field.key {
                case "onboard_world": task.onboardWorld = try reader.string(field.value, at: key)
                case "task_world":
                    task.taskWorld = try reader.string(field.value, at: key)
                    hasTaskWorld = true
                case "timeout": task.timeout = try reader.seconds(field.value, at: key)
                case "agents_required": task.agentsRequired = try reader.positiveInteger(field.value, at: key)
                case "backup_task": task.backupTask = try reader.string(field.value, at: key)
                case "rating": task.rating = try RatingQuestion.parse(field.value, at: key, reader: reader)
                case "allowed_people": task.allowedPeople = try AllowedPeople.parse(field.value, at: key, reader: reader)
                default: task.responseTimeout = try reader.seconds(field.value, at: key)
                }
            }
            guard hasTaskWorld else { throw reader.error("\(path).task_world", "required key is missing") }
            tasks.append(task)
        }
        return tasks
    }

    private static func parseModels(_ options: [String: JSONValue], reader: ConfigReader) throws(ConfigError) -> [ModelSpec] {
        guard let models = options["models"] else { return [] }
        guard case .object(let entries) = models else {
            throw reader.error("opt.models", "expected a mapping of model names to settings")
        }
        var specs: [ModelSpec] = []
        for key in entries.keys.sorted() {
            guard case .object(let settings) = entries[key] else {
                throw reader.error("opt.models.\(key)", "expected a mapping of settings")
            }
            guard case .string(let kind)? = settings["model"], !kind.isEmpty else {
                throw reader.error("opt.models.\(key).model", "required: the model kind (a string)")
            }
            specs.append(ModelSpec(key: key, kind: kind, settings: settings))
        }
        return specs
    }

    private func checkReferences(_ options: [String: JSONValue], reader: ConfigReader) throws(ConfigError) {
        for task in tasks {
            if let backup = task.backupTask, self.task(named: backup) == nil {
                throw reader.error("tasks.\(task.name).backup_task", "no task is called \"\(backup)\"")
            }
        }
        if let password = options["password"], password.stringValue == nil {
            throw reader.error("opt.password", "expected a string (quote it), got \(password.jsonText())")
        }
        if let key = options["model_key"] {
            guard let name = key.stringValue else { throw reader.error("opt.model_key", "expected a string") }
            guard models.contains(where: { $0.key == name }) else {
                throw reader.error("opt.model_key", "no model is called \"\(name)\" under opt.models")
            }
        }
    }
}
