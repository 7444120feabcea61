import ParleyTasks
import ParleyWorlds

extension WorldRegistry {
    /// The world set `config.yml` names.
    public static let guessingGameWorlds = "guessing_game.worlds"

    /// Parley's built-in worlds (the demo menu among them) and bot model kinds, and the game.
    public static var guessingGame: WorldRegistry {
        var registry = WorldRegistry.builtIn
        registry.register(GuessingGameWorld.self, as: "GuessingGameWorld", in: guessingGameWorlds)
        return registry
    }
}
