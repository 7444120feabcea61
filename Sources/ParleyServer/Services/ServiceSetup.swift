import Logging
import ParleyStore
import ParleyWorlds

/// What a chat service is made with when `parley serve` starts it.
public struct ServiceSetup: Sendable {
    /// The worlds the service's people talk to.
    public let runtime: WorldRuntime
    /// The task config being served; a service reads its own options from it (for instance from
    /// `additional_args`, as Messenger reads `page_id`).
    public let config: TaskConfig
    /// The secrets found in the environment and the `--secrets` file, for the keys the services
    /// in use declare.
    public let secrets: ServiceSecrets
    /// Where handled event ids are remembered (the server's store), for ``ServicePeople``.
    public let ledger: any EventLedger
    /// Set by `--insecure-dev`: a service may then run without its secrets, and says so loudly.
    public let insecureDev: Bool
    public let logger: Logger

    public init(
        runtime: WorldRuntime, config: TaskConfig, secrets: ServiceSecrets, ledger: any EventLedger, insecureDev: Bool = false,
        logger: Logger
    ) {
        self.runtime = runtime
        self.config = config
        self.secrets = secrets
        self.ledger = ledger
        self.insecureDev = insecureDev
        self.logger = logger
    }
}
