import ParleyTestSupport
import ParleyWorlds

extension RuntimeHarness {
    /// A runtime for `yaml` with the test worlds.
    static func start(
        _ yaml: String, options: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(100))
    ) throws -> RuntimeHarness {
        try RuntimeHarness(yaml: yaml, registry: .test, options: options)
    }
}
