import Foundation
import Logging
import ParleyCore

/// The bot models of a config, loaded once at start.
struct BotModels: Sendable {
    private let models: [(key: String, model: any BotModel)]
    private let defaultKey: String?

    /// An error a world sees when it asks for a bot the config does not provide.
    struct MissingModel: Error, CustomStringConvertible {
        let description: String
    }

    /// Loads every model under `opt.models` with the kinds in `kinds`.
    init(config: TaskConfig, kinds: [String: BotModelKind]) throws(ConfigError) {
        let folder = (config.file as NSString).deletingLastPathComponent
        var loaded: [(key: String, model: any BotModel)] = []
        for spec in config.models {
            let path = "opt.models.\(spec.key)"
            guard let kind = kinds[spec.kind] else {
                let known = kinds.keys.sorted().joined(separator: ", ")
                throw ConfigError(file: config.file, key: path + ".model", problem: "unknown model kind \"\(spec.kind)\" (known: \(known))")
            }
            let settings = BotModelSettings(key: spec.key, values: spec.settings, configFolder: folder.isEmpty ? "." : folder)
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

    func makeBot(key: String?, audience: [PersonAgent], logger: Logger) throws -> BotAgent {
        guard let name = key ?? defaultKey else {
            throw MissingModel(description: models.isEmpty
                ? "the config names no model under opt.models"
                : "several models are configured: set opt.model_key")
        }
        guard let model = models.first(where: { $0.key == name })?.model else {
            throw MissingModel(description: "no model is called \"\(name)\" under opt.models")
        }
        return BotAgent(displayID: name, conversation: model.makeConversation(), audience: audience, logger: logger)
    }
}
