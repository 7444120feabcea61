import ParleyWorlds

extension WorldRegistry {
    /// Makes every model of kind `kind` in the config (`opt.models.KEY.model: kind`) the scripted
    /// `bot`, whatever its other settings.
    public mutating func script(botKind kind: String, as bot: ScriptedBot) {
        register(BotModelKind(name: kind) { _ in bot })
    }
}
