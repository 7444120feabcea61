import ParleyTesting
import ParleyWorlds

extension WorldHarness {
    /// A runtime for `yaml` with the test worlds.
    static func start(
        _ yaml: String, options: RuntimeOptions = RuntimeOptions(shutdownGrace: .milliseconds(100))
    ) throws -> WorldHarness {
        try WorldHarness(yaml: yaml, registry: .test, options: options)
    }
}
