import ParleyTelegram
import Testing

@Suite struct TelegramServiceTests {
    @Test func theSecretsAreTheDocumentedOnes() {
        #expect(TelegramService.secretKeys == ["PARLEY_TELEGRAM_BOT_TOKEN", "PARLEY_TELEGRAM_SECRET_TOKEN"])
    }
}
