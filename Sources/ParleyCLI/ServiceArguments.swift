import ArgumentParser
import Foundation
import Logging
import ParleyServer
import ParleyStore
import ParleySlack
import ParleyTelegram
import ParleyWorlds

/// `parley serve`'s options shared by the chat services: secrets, `--insecure-dev`, and the
/// services a package added (`--service NAME`).
struct ServiceArguments: ParsableArguments {
    @Option(name: .customLong("service"), help: "A chat service your package added, by name (repeatable).")
    var services: [String] = []

    @Option(help: "A file of KEY=VALUE lines with chat service secrets (PARLEY_MESSENGER_*, PARLEY_TELEGRAM_*, PARLEY_SLACK_*, and those of services your package added), which wins over the environment (default: the environment only).")
    var secrets: String?

    @Flag(help: "Run chat services without their secrets; Messenger then accepts unsigned webhook posts (local development only).")
    var insecureDev = false

    /// Every secret key a secrets file may set: those of the built-in services and of the
    /// services the package added.
    static var secretKeys: Set<String> {
        Set(MessengerService.secretKeys + TelegramService.secretKeys + SlackService.secretKeys)
            .union(ParleyCommand.services.flatMap(\.secretKeys))
    }

    /// Loads every service's secrets from `file` (when given) and the environment.
    static func loadSecrets(file: String?) throws -> ServiceSecrets {
        do {
            return try ServiceSecrets.load(keys: secretKeys, file: file, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure("--secrets: \(error)")
        }
    }

    /// The kinds `--service` names, from the package's registered ones; throws for unknown names.
    func addedKinds(from registered: [ChatServiceKind]) throws -> [ChatServiceKind] {
        try services.map { name in
            guard let kind = registered.first(where: { $0.name == name }) else {
                let known = registered.map(\.name).sorted()
                throw CommandFailure(
                    "--service \(name): no such chat service\(known.isEmpty ? " (this executable adds none)" : "; this executable adds \(known.joined(separator: ", "))")")
            }
            return kind
        }
    }
}
