import Foundation
import Logging
import ParleyCore
import ParleyStore

/// The bot models of a config, loaded once at start.
struct BotModels: Sendable {
    private let models: [(key: String, model: any BotModel)]
    private let defaultKey: String?

    /// An error a world sees when it asks for a bot the config does not provide.
    struct MissingModel: Error, CustomStringConvertible {
        let description: String
    }

    /// Loads every model under `opt.models` with the kinds in `kinds`; models that log their
    /// exchanges log them to `exchangeLog`.
    init(config: TaskConfig, kinds: [String: BotModelKind], exchangeLog: (any UserStateStore)? = nil) throws(ConfigError) {
        let folder = (config.file as NSString).deletingLastPathComponent
        var loaded: [(key: String, model: any BotModel)] = []
        for spec in config.models {
            let path = "opt.models.\(spec.key)"
            guard let kind = kinds[spec.kind] else {
                throw ConfigError(
                    file: config.file, key: path + ".model",
                    problem: Self.unknownKind(spec.kind, key: spec.key, known: kinds.keys.sorted()))
            }
            let settings = BotModelSettings(
                key: spec.key, values: spec.settings, configFolder: folder.isEmpty ? "." : folder, exchangeLog: exchangeLog)
            do {
                loaded.append((spec.key, try kind.load(settings)))
            } catch let problem as BotModelSettings.Problem {
                throw ConfigError(file: config.file, key: "\(path).\(problem.setting)", problem: problem.problem)
            } catch {
                throw ConfigError(file: config.file, key: path, problem: "cannot load the model: \(error)")
            }
        }
        models = loaded
        defaultKey = config.modelKey ?? (loaded.count == 1 ? loaded[0].key : nil)
    }

    /// Says that `kind` is no model kind; for a ParlAI (PyTorch) model, also how to replace it.
    static func unknownKind(_ kind: String, key: String, known: [String]) -> String {
        let list = known.joined(separator: ", ")
        // ParlAI names its models as zoo paths, `legacy:` references or `agent/model` pairs.
        guard kind.contains(":") || kind.contains("/") || parlAIAgents.contains(kind) else {
            return "unknown model kind \"\(kind)\" (known: \(list))"
        }
        var lines = ["unknown model kind \"\(kind)\": ParlAI's PyTorch models do not run in Parley (its model kinds: \(list))."]
        if known.contains("openai") {
            lines += [
                "Serve the model behind an OpenAI-compatible server (vLLM, llama.cpp, Ollama) and write:",
                "    \(key):", "      model: openai", "      base_url: http://127.0.0.1:8000/v1", "      model_name: NAME",
            ]
        }
        if known.contains("mind") {
            lines += [
                "\(lines.count > 1 ? "Or give" : "Give") the task a rule-based mind:",
                "    \(key):", "      model: mind", "      mind_file: minds/bot.yaml",
            ]
        }
        return lines.joined(separator: "\n")
    }

    /// ParlAI agent names a config may give without a `/` or `:`.
    private static let parlAIAgents: Set<String> = [
        "transformer", "seq2seq", "bart", "t5", "gpt2", "blenderbot", "ir_baseline", "tfidf_retriever",
        "starspace", "memnn", "drqa", "fid", "rag", "hugging_face",
    ]

    func makeBot(key: String?, audience: [PersonAgent], logger: Logger, metrics: WorldMetrics, control: WorldControl) throws -> BotAgent {
        guard let name = key ?? defaultKey else {
            throw MissingModel(description: models.isEmpty
                ? "the config names no model under opt.models"
                : "several models are configured: set opt.model_key")
        }
        guard let model = models.first(where: { $0.key == name })?.model else {
            throw MissingModel(description: "no model is called \"\(name)\" under opt.models")
        }
        return BotAgent(
            displayID: name, conversation: model.makeConversation(audience: audience), audience: audience, logger: logger,
            metrics: metrics, control: control)
    }
}
