import ParleyServer
import ParleyWorlds

/// The whole `parley` command line as a library: a package that registers its own worlds gets a
/// complete Parley (serve, chat, mind, transcripts, load, messenger) with them added.
///
/// ```swift
/// import ParleyCLI
/// import ParleyTasks
///
/// @main struct MyParley {
///     static func main() async {
///         var registry = WorldRegistry.builtIn
///         registry.register(SurveyWorld.self, as: "SurveyWorld", in: "survey")
///         await ParleyCLI.main(registry: registry)
///     }
/// }
/// ```
public enum ParleyCLI {
    /// Runs the command line given to the process with the worlds and bot model kinds of
    /// `registry`; exits the process when a command fails.
    public static func main(registry: WorldRegistry) async {
        await main(registry: registry, services: [])
    }

    /// Runs the command line with the worlds of `registry` and the chat services of `services`
    /// besides the built-in ones: `parley serve --service NAME` starts one (see docs/services.md).
    public static func main(registry: WorldRegistry, services: [ChatServiceKind]) async {
        await ParleyCommand.$registry.withValue(registry) {
            await ParleyCommand.$services.withValue(services) {
                await ParleyCommand.main()
            }
        }
    }
}
