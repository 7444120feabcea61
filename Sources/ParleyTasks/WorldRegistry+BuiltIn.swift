import ParleyBots
import ParleyWorlds

extension WorldRegistry {
    /// Every built-in world, under ParlAI's module and class names (so ParlAI's example configs
    /// run unchanged) and Parley's demo menu under `parley.demo.MenuOverworld`; every bot model kind.
    public static var builtIn: WorldRegistry {
        var registry = WorldRegistry()
        for kind in BotModelKind.bots { registry.register(kind) }
        let demo = WorldSets.overworldDemo
        registry.registerOverworld("MessengerOverworld", in: demo) { MenuOverworld(context: $0) }
        registry.register(MessengerEchoOnboardWorld.self, as: "MessengerEchoOnboardWorld", in: demo)
        registry.register(MessengerEchoTaskWorld.self, as: "MessengerEchoTaskWorld", in: demo)
        registry.register(MessengerOnboardDataOnboardWorld.self, as: "MessengerOnboardDataOnboardWorld", in: demo)
        registry.register(MessengerOnboardDataTaskWorld.self, as: "MessengerOnboardDataTaskWorld", in: demo)
        registry.register(MessengerChatOnboardWorld.self, as: "MessengerChatOnboardWorld", in: demo)
        registry.register(MessengerChatTaskWorld.self, as: "MessengerChatTaskWorld", in: demo)

        let chatbot = WorldSets.chatbot
        registry.register(ChatbotOverworld.self, as: "MessengerOverworld", in: chatbot)
        registry.register(MessengerBotChatOnboardWorld.self, as: "MessengerBotChatOnboardWorld", in: chatbot)
        registry.register(MessengerBotChatTaskWorld.self, as: "MessengerBotChatTaskWorld", in: chatbot)

        let qa = WorldSets.qaDataCollection
        registry.register(QADataCollectionOverWorld.self, as: "QADataCollectionOverWorld", in: qa)
        registry.register(QADataCollectionOnboardWorld.self, as: "QADataCollectionOnboardWorld", in: qa)
        registry.register(QADataCollectionTaskWorld.self, as: "QADataCollectionTaskWorld", in: qa)

        registry.registerOverworld("MenuOverworld", in: WorldSets.parleyDemo) {
            MenuOverworld(context: $0, welcome: MenuOverworld.parleyWelcome)
        }
        return registry
    }
}
