import ParleyTasks
import ParleyWorlds

extension WorldRegistry {
    /// The world set `config.yml` names.
    public static let surveyWorlds = "survey.worlds"

    /// Parley's built-in worlds and bot model kinds, and the survey's worlds.
    public static var survey: WorldRegistry {
        var registry = WorldRegistry.builtIn
        registry.register(SurveyOverworld.self, as: "SurveyOverworld", in: surveyWorlds)
        registry.register(SurveyOnboardWorld.self, as: "SurveyOnboardWorld", in: surveyWorlds)
        registry.register(SurveyTaskWorld.self, as: "SurveyTaskWorld", in: surveyWorlds)
        registry.register(ThanksTaskWorld.self, as: "ThanksTaskWorld", in: surveyWorlds)
        return registry
    }
}
