import Foundation
import Testing

/// `parley serve --messenger` from the command line: secrets from a file, refusal without them.
@Suite(.timeLimit(.minutes(5))) struct MessengerCommandLineTests {
    private func withDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try WorldsServer.demoConfig().write(to: directory.appendingPathComponent("demo.yml"), atomically: true, encoding: .utf8)
        try await body(directory)
    }

    @Test func serveWithMessengerAnnouncesTheWebhookAndAnswersVerification() async throws {
        try await withDirectory { directory in
            let secrets = directory.appendingPathComponent("messenger.env")
            try """
                PARLEY_MESSENGER_APP_SECRET=\(MessengerWebhookClient.appSecret)
                PARLEY_MESSENGER_VERIFY_TOKEN=\(MessengerWebhookClient.verifyToken)
                PARLEY_MESSENGER_PAGE_TOKEN=\(MessengerWebhookClient.pageToken)
                """.write(to: secrets, atomically: true, encoding: .utf8)
            let serve = try ParleyProcess([
                "serve", "--config", directory.appendingPathComponent("demo.yml").path, "--port", "0",
                "--store", directory.appendingPathComponent("parley.sqlite").path, "--messenger", "--secrets", secrets.path,
                "--graph-url", "http://127.0.0.1:9/v19.0",
            ])
            let lines = try await serve.lines(through: { $0 == "ready" })
            let announced = try #require(lines.first { $0.hasPrefix("Messenger webhook at http://127.0.0.1:") })
            let port = try #require(Int(announced.split(separator: ":").last?.prefix { $0.isNumber } ?? ""))
            #expect(announced == "Messenger webhook at http://127.0.0.1:\(port)/messenger/webhook")
            let client = MessengerWebhookClient(port: port)
            let answer = try await client.get(query: "hub.mode=subscribe&hub.verify_token=\(MessengerWebhookClient.verifyToken)&hub.challenge=42")
            #expect(answer.status == 200 && answer.body == "42")
            #expect(try await client.post(MessengerWebhookClient.entries([]), signature: "sha256=00") == 403)
            serve.interrupt()
            #expect(await serve.waitForExit() == 0)
        }
    }

    @Test func serveWithMessengerRefusesToStartWithoutAnAppSecret() async throws {
        try await withDirectory { directory in
            let secrets = directory.appendingPathComponent("messenger.env")
            try "PARLEY_MESSENGER_VERIFY_TOKEN=v\nPARLEY_MESSENGER_PAGE_TOKEN=p\n".write(to: secrets, atomically: true, encoding: .utf8)
            let serve = try ParleyProcess([
                "serve", "--config", directory.appendingPathComponent("demo.yml").path, "--port", "0",
                "--store", directory.appendingPathComponent("parley.sqlite").path, "--messenger", "--secrets", secrets.path,
            ])
            #expect(await serve.waitForExit() != 0)
        }
    }
}
