import ArgumentParser
import Foundation
import Logging
import ParleyServer
import ParleyStore
import ParleyWorlds

/// `parley serve`'s Messenger options.
struct MessengerArguments: ParsableArguments {
    @Flag(help: "Serve the Facebook Messenger webhook at /messenger/webhook (secrets from PARLEY_MESSENGER_* or --secrets).")
    var messenger = false

    @Option(help: "A file of KEY=VALUE lines with PARLEY_MESSENGER_APP_SECRET, _VERIFY_TOKEN and _PAGE_TOKEN, which wins over the environment (default: the environment only).")
    var secrets: String?

    @Option(help: "The Graph API base URL Messenger messages are sent to.")
    var graphURL = MessengerOptions.defaultGraphURL

    @Flag(help: "Accept unsigned Messenger webhook posts when no app secret is set (local development only).")
    var insecureDev = false

    func validate() throws {
        guard let url = URL(string: graphURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--graph-url \(graphURL) is not an http(s) URL.")
        }
    }

    /// The Messenger service when `--messenger` is given; throws when its secrets are missing.
    func service(config: TaskConfig, runtime: WorldRuntime, ledger: any EventLedger, logger: Logger) throws -> MessengerService? {
        guard messenger else { return nil }
        do {
            let found = try MessengerSecrets.load(file: secrets, environment: ProcessInfo.processInfo.environment)
            let pageID: String? =
                switch config.additionalArgs["page_id"] {
                case .string(let id): id
                case .number(let id): String(format: "%.0f", id)
                default: nil
                }
            let options = MessengerOptions(
                appSecret: found.appSecret, verifyToken: found.verifyToken ?? "", pageToken: found.pageToken ?? "",
                pageID: pageID, graphURL: graphURL, insecureDev: insecureDev)
            return try MessengerService(options: options, runtime: runtime, ledger: ledger, logger: logger)
        } catch {
            throw CommandFailure("--messenger: \(error)")
        }
    }
}
