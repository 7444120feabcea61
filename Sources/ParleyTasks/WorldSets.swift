/// The names of the built-in world sets (ParlAI's `world_module` values, and Parley's own).
public enum WorldSets {
    /// ParlAI's overworld demo: echo, onboard data, two-person chat.
    public static let overworldDemo = "parlai.chat_service.tasks.overworld_demo.worlds"
    /// ParlAI's chatbot demo: a person talks to a configured bot.
    public static let chatbot = "parlai.chat_service.tasks.chatbot.worlds"
    /// ParlAI's QA data collection: people write a question and answer about a paragraph.
    public static let qaDataCollection = "parlai.chat_service.tasks.qa_data_collection.worlds"
    /// Parley's own demo worlds (a menu of every task in the config).
    public static let parleyDemo = "parley.demo"
}
