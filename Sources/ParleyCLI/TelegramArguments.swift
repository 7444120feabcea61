import ArgumentParser
import ParleyServer
import ParleyTelegram

/// `parley serve`'s Telegram options.
struct TelegramArguments: ParsableArguments {
    @Flag(help: "Serve Telegram (being built).")
    var telegram = false

    /// Telegram as a chat service kind when `--telegram` is given.
    var kind: ChatServiceKind? {
        nil
    }
}
