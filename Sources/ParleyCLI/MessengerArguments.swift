import ArgumentParser
import Foundation
import ParleyServer
import ParleyWorlds

/// `parley serve`'s Messenger options.
struct MessengerArguments: ParsableArguments {
    @Flag(help: "Serve the Facebook Messenger webhook at /messenger/webhook (secrets PARLEY_MESSENGER_APP_SECRET, _VERIFY_TOKEN and _PAGE_TOKEN).")
    var messenger = false

    @Option(help: "The Graph API base URL Messenger messages are sent to.")
    var graphURL = MessengerOptions.defaultGraphURL

    func validate() throws {
        guard let url = URL(string: graphURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--graph-url \(graphURL) is not an http(s) URL.")
        }
    }

    /// Messenger as a chat service kind, made with these options.
    var kind: ChatServiceKind {
        let graphURL = self.graphURL
        return ChatServiceKind(name: MessengerService.name, secretKeys: MessengerService.secretKeys) { setup in
            let secrets = setup.secrets
            let pageID: String? =
                switch setup.config.additionalArgs["page_id"] {
                case .string(let id): id
                case .number(let id): String(format: "%.0f", id)
                default: nil
                }
            let options = MessengerOptions(
                appSecret: secrets[MessengerService.appSecretKey], verifyToken: secrets[MessengerService.verifyTokenKey] ?? "",
                pageToken: secrets[MessengerService.pageTokenKey] ?? "", pageID: pageID, graphURL: graphURL,
                insecureDev: setup.insecureDev)
            return try MessengerService(options: options, runtime: setup.runtime, ledger: setup.ledger, logger: setup.logger)
        }
    }
}
