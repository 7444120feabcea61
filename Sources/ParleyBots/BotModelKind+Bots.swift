import Foundation
import ParleyMind
import ParleyWorlds

extension BotModelKind {
    /// A ParleyMind rulebase: `mind_file` (relative to the config file's folder), or
    /// `builtin_mind`, one of the minds built into Parley (`demo`, `seed-demo`). With a store
    /// that keeps exchanges, each answer to a person is logged under the file's stem (or the
    /// built-in name), for the studio's review.
    public static let mind = BotModelKind(name: "mind") { settings in
        try settings.allowOnly(["mind_file", "builtin_mind"])
        if let name = try settings.string("builtin_mind") {
            guard try settings.string("mind_file") == nil else {
                throw BotModelSettings.Problem(setting: "builtin_mind", problem: "give mind_file or builtin_mind, not both")
            }
            guard let mind = BuiltInMinds.mind(named: name) else {
                throw BotModelSettings.Problem(
                    setting: "builtin_mind",
                    problem: "Parley has no built-in mind \"\(name)\" (it has: \(BuiltInMinds.names.joined(separator: ", ")))")
            }
            return ReplyEngineModel(
                engine: MindEngine(mind: mind), log: settings.exchangeLog.map { ExchangeLog(store: $0, mind: name) })
        }
        let path = settings.resolvedPath(try settings.requiredString("mind_file"))
        let loaded: LoadedMind
        do {
            loaded = try Mind.load(path: path) { path in try String(contentsOfFile: path, encoding: .utf8) }
        } catch let error as RulebaseError {
            let errors = error.diagnostics.filter { $0.severity == .error }
            let first = errors.prefix(3).map { "\($0.path.isEmpty ? "" : $0.path + ": ")\($0.message)" }
            throw BotModelSettings.Problem(
                setting: "mind_file",
                problem: "the rulebase \(path) has \(errors.count) error\(errors.count == 1 ? "" : "s"): "
                    + first.joined(separator: "; ") + (errors.count > 3 ? "; ..." : ""))
        } catch {
            throw BotModelSettings.Problem(setting: "mind_file", problem: "cannot read \(path): \(error.localizedDescription)")
        }
        // Logged under the file's name without its extension, as the minds folder serves it.
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return ReplyEngineModel(
            engine: MindEngine(mind: loaded.mind), log: settings.exchangeLog.map { ExchangeLog(store: $0, mind: stem) })
    }

    /// A reply API on another server (`url` of its `/reply`; `mind` or `rulebase`; `key` or `key_env`).
    public static let replyAPI = BotModelKind(name: "reply_api") { settings in
        try settings.allowOnly(["url", "mind", "rulebase", "key", "key_env", "timeout", "retries"])
        let mind = try settings.string("mind")
        let rulebase = try settings.string("rulebase")
        if mind != nil, rulebase != nil {
            throw BotModelSettings.Problem(setting: "rulebase", problem: "give mind or rulebase, not both")
        }
        return ReplyEngineModel(engine: RemoteReplyEngine(
            url: try settings.httpURL("url"), mind: mind, rulebase: rulebase,
            key: try secret(settings, literal: "key", environment: "key_env", defaultVariable: nil),
            timeout: try settings.duration("timeout") ?? .seconds(10),
            retries: try settings.integer("retries", in: 0...5) ?? 2
        ))
    }

    /// An OpenAI-compatible chat-completions endpoint (`base_url`, `model_name`, the key from the
    /// environment variable `api_key_env`, default `OPENAI_API_KEY`).
    public static let openAI = BotModelKind(name: "openai") { settings in
        try settings.allowOnly([
            "base_url", "model_name", "api_key_env", "system_prompt", "history", "temperature", "max_tokens",
            "timeout", "retries",
        ])
        return OpenAIModel(
            baseURL: try settings.httpURL("base_url"),
            model: try settings.requiredString("model_name"),
            apiKey: try secret(settings, literal: nil, environment: "api_key_env", defaultVariable: "OPENAI_API_KEY"),
            systemPrompt: try settings.string("system_prompt"),
            historyLength: try settings.integer("history", in: 1...1000) ?? 20,
            temperature: try settings.number("temperature", in: 0...2),
            maxTokens: try settings.integer("max_tokens", in: 1...1_000_000),
            timeout: try settings.duration("timeout") ?? .seconds(60),
            retries: try settings.integer("retries", in: 0...5) ?? 2
        )
    }

    /// Every kind this module adds.
    public static let bots: [BotModelKind] = [.mind, .replyAPI, .openAI]

    /// A secret given as is under `literal`, or read from the environment variable named under
    /// `environment` (else `defaultVariable`, which may be unset). A named variable must be set.
    private static func secret(
        _ settings: BotModelSettings, literal: String?, environment: String, defaultVariable: String?
    ) throws(BotModelSettings.Problem) -> String? {
        if let literal, let value = try settings.string(literal) {
            return value
        }
        let variables = ProcessInfo.processInfo.environment
        if let name = try settings.string(environment) {
            guard let value = variables[name], !value.isEmpty else {
                throw BotModelSettings.Problem(setting: environment, problem: "the environment variable \(name) is not set")
            }
            return value
        }
        return defaultVariable.flatMap { variables[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
