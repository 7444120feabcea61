import AsyncHTTPClient
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore
import ParleyWorlds
import Testing

/// The webhook: subscription check, signatures, and which events reach the worlds.
@Suite(.timeLimit(.minutes(5))) struct MessengerWebhookTests {
    typealias Client = MessengerWebhookClient

    @Test func signaturesMatchOpenSSL() {
        // printf '%s' '{"object":"page","entry":[]}' | openssl dgst -sha256 -hmac 'test-app-secret'
        #expect(Client.signature(#"{"object":"page","entry":[]}"#)
            == "sha256=1a82db3abc2fa71a3fffecfedef579a8468a44850cd8a83a0c56974faff81689")
        // printf '%s' 'hello' | openssl dgst -sha256 -hmac 'key'
        #expect(Client.signature("hello", secret: "key")
            == "sha256=9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b")
    }

    @Test func subscriptionCheckEchoesTheChallengeOnlyForTheRightToken() async throws {
        let server = try await MessengerTestServer.start()
        let good = try await server.client.get(query: "hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444")
        #expect(good.status == 200)
        #expect(good.body == "1158201444")
        #expect(try await server.client.get(query: "hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").status == 403)
        #expect(try await server.client.get(query: "hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1").status == 403)
        #expect(try await server.client.get(query: "hub.verify_token=test-verify-token&hub.challenge=1").status == 403)
        try await server.stop()
    }

    @Test func badOrMissingSignaturesAreRefusedAndNothingIsProcessed() async throws {
        let server = try await MessengerTestServer.start()
        let body = Client.entries([[Client.message("hi", from: "intruder")]])
        #expect(try await server.client.post(body, signature: .some(nil)) == 403)
        #expect(try await server.client.post(body, signature: Client.signature(body, secret: "wrong")) == 403)
        #expect(try await server.client.post(body, signature: "sha256=zz") == 403)
        #expect(try await server.client.post(body + " ", signature: Client.signature(body)) == 403)
        // A signed post afterwards is the first thing the Graph API sees.
        try await server.client.say("hi", from: "1001")
        let first = await server.graph.next()
        #expect(first.recipient == "1001")
        #expect(first.senderAction == "mark_seen")
        try await server.stop()
    }

    @Test func malformedSignedBodyIsABadRequest() async throws {
        let server = try await MessengerTestServer.start()
        #expect(try await server.client.post("not json") == 400)
        #expect(try await server.client.post(#"{"object":"user","entry":[]}"#) == 400)
        try await server.stop()
    }

    @Test func everyEntryAndItemOfABatchIsHandledInOrder() async throws {
        let server = try await MessengerTestServer.start()
        let body = Client.entries([
            [Client.message("hi", from: "a"), Client.message("hi", from: "b")],
            [Client.message("hi", from: "c")],
        ])
        #expect(try await server.client.post(body) == 200)
        var menus: Set<String> = []
        while menus.count < 3 {
            let request = await server.graph.nextMessage()
            #expect(request.text == "Overworld: " + DemoText.menu)
            menus.insert(request.recipient ?? "")
        }
        #expect(menus == ["a", "b", "c"])
        try await server.stop()
    }

    @Test func aRedeliveredEventIsAnsweredOnce() async throws {
        let server = try await MessengerTestServer.start()
        try await server.client.say("hi", mid: "m.greeting")
        #expect(await server.graph.nextMessage().text == "Overworld: " + DemoText.menu)
        try await server.client.say("echo", mid: "m.echo")
        try await server.client.say("echo", mid: "m.echo")
        try await server.client.post(Client.entries([[Client.message("echo", mid: "m.echo")], [Client.message("hello", mid: "m.hello")]]))
        #expect(await server.graph.texts(3) == ["Overworld: Transferring to echo", "Onboarding: " + DemoText.echoWelcome, "World: hello"])
        #expect(try await server.worlds.store.recordFirstSighting(service: "messenger", eventID: "m.echo", at: Date()) == false)
        try await server.stop()
    }

    @Test func entriesForAnotherPageAreLeftOut() async throws {
        let server = try await MessengerTestServer.start()
        var other = try JSONValue.parse(Client.entries([[Client.message("hi", from: "stranger")]]))
        if case .object(var body) = other, case .array(var entries) = body["entry"], case .object(var entry) = entries[0] {
            entry["id"] = "888"
            entries[0] = .object(entry)
            body["entry"] = .array(entries)
            other = .object(body)
        }
        #expect(try await server.client.post(other.jsonText()) == 200)
        try await server.client.say("hi", from: "1002")
        #expect(await server.graph.next().recipient == "1002")
        try await server.stop()
    }

    @Test func anEventHandledBeforeARestartIsNotHandledAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try await MessengerTestServer.start(in: directory)
        try await before.client.say("hi", from: "1001", mid: "m.before")
        #expect(await before.graph.nextMessage().text == "Overworld: " + DemoText.menu)
        try await before.stop()

        let after = try await MessengerTestServer.start(in: directory)
        try await after.client.say("hi", from: "1001", mid: "m.before")
        try await after.client.say("hi", from: "1002", mid: "m.after")
        // Events are handled in order: had the redelivery been handled, 1001 would be seen first.
        let first = await after.graph.next()
        #expect(first.recipient == "1002")
        #expect(first.senderAction == "mark_seen")
        try await after.stop()
    }

    @Test func eventIdsOlderThanTheRetentionAreForgottenAtStart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-retention-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("parley.sqlite").path)
        let old = Date(timeIntervalSinceNow: -MessengerService.eventRetention - 60)
        _ = try await store.recordFirstSighting(service: "messenger", eventID: "m.old", at: old)
        _ = try await store.recordFirstSighting(service: "messenger", eventID: "m.recent", at: Date())
        try store.close()
        let server = try await MessengerTestServer.start(in: directory)
        try await server.client.say("hi", from: "1001", mid: "m.recent")
        try await server.client.say("hi", from: "1002", mid: "m.old")
        let first = await server.graph.next()
        #expect(first.recipient == "1002")
        try await server.stop()
    }

    @Test func echoesAreIgnored() async throws {
        let server = try await MessengerTestServer.start()
        try await server.client.post(Client.entries([[Client.message("from the page", from: "1001", echo: true)]]))
        try await server.client.say("hi", from: "1002")
        let first = await server.graph.next()
        #expect(first.recipient == "1002")
        try await server.stop()
    }

    @Test func postbacksReachTheWorldsAsTextAndAsPostbackPayloads() async throws {
        let server = try await MessengerTestServer.start()
        try await server.client.post(Client.entries([[Client.postback("GET_STARTED")]]))
        #expect(await server.graph.nextMessage().text == "Overworld: " + DemoText.menu)
        try await server.client.post(Client.entries([[Client.postback("echo")]]))
        #expect(await server.graph.texts(2) == ["Overworld: Transferring to echo", "Onboarding: " + DemoText.echoWelcome])
        try await server.client.post(Client.entries([[Client.postback("Menu choice")]]))
        #expect(await server.graph.nextMessage().text == "World: Menu choice")
        try await server.stop()
    }

    @Test func aReplayedPostbackWithoutMidIsHandledOnce() async throws {
        let server = try await MessengerTestServer.start()
        try await server.client.say("hi")
        #expect(await server.graph.nextMessage().text == "Overworld: " + DemoText.menu)
        let tap = Client.entries([[Client.postback("echo", mid: nil, timestamp: 1_700_000_000_001)]])
        try await server.client.post(tap)
        try await server.client.post(tap)  // the same signed body, replayed
        // Another tap of the same button, later, is a new event: during the echo task, a menu
        // button naming a task leaves for that task (here the same one, so it starts again).
        try await server.client.post(Client.entries([[Client.postback("echo", mid: nil, timestamp: 1_700_000_000_002)]]))
        try await server.client.say("hello")
        #expect(await server.graph.texts(4) == [
            "Overworld: Transferring to echo", "Onboarding: " + DemoText.echoWelcome, "Onboarding: " + DemoText.echoWelcome,
            "World: hello",
        ])
        try await server.stop()
    }

    @Test func attachmentsReachTheWorldsAsPayloads() async throws {
        let server = try await MessengerTestServer.start()
        try await server.client.say("hi")
        _ = await server.graph.nextMessage()
        try await server.client.say("echo")
        _ = await server.graph.texts(2)
        let image: JSONValue = ["type": "image", "payload": ["url": "https://example.com/cat.png"]]
        let item: JSONValue = [
            "sender": ["id": "1001"], "recipient": ["id": "777"],
            "message": ["mid": "m.attachment", "attachments": [image]],
        ]
        try await server.client.post(Client.entries([[item]]))
        // The echo world sends the payload back: it goes out as the same Messenger attachment.
        let echoed = await server.graph.nextMessage()
        #expect(echoed.body["message"]?["attachment"] == image)
        #expect(echoed.text == nil)
        try await server.stop()
    }

    @Test func serviceNamesEveryMissingSecretAtOnceAndNeedsNoneWithInsecureDev() async throws {
        let store = try SQLiteStore.temporary()
        let config = try TaskConfig.parse(yaml: WorldsServer.demoConfig(), file: "config.yml")
        let runtime = try WorldRuntime(config: config, registry: .builtIn, transcripts: store)
        let noSecret = MessengerTestServer.options(graphURL: "http://127.0.0.1:1/v19.0", appSecret: nil)
        #expect(throws: MessengerConfigError.self) {
            try MessengerService(options: noSecret, runtime: runtime, ledger: store, logger: .init(label: "test"))
        }
        var none = noSecret
        (none.verifyToken, none.pageToken) = ("", "")
        #expect {
            try MessengerService(options: none, runtime: runtime, ledger: store, logger: .init(label: "test"))
        } throws: { error in
            "\(error)".hasPrefix(
                "Messenger needs PARLEY_MESSENGER_APP_SECRET, PARLEY_MESSENGER_VERIFY_TOKEN, PARLEY_MESSENGER_PAGE_TOKEN: set them")
        }
        none.insecureDev = true
        _ = try MessengerService(options: none, runtime: runtime, ledger: store, logger: .init(label: "test"))
        try store.close()
    }

    @Test func insecureDevAcceptsUnsignedPosts() async throws {
        let server = try await MessengerTestServer.start(appSecret: nil, insecureDev: true)
        let body = Client.entries([[Client.message("hi")]])
        #expect(try await server.client.post(body, signature: .some(nil)) == 200)
        #expect(await server.graph.nextMessage().text == "Overworld: " + DemoText.menu)
        try await server.stop()
    }

    @Test func eventsForAnotherPageAreDroppedWithOneWarningPerPage() async throws {
        let log = CapturedLog()
        let server = try await MessengerTestServer.start(logger: log.logger)
        let otherPage = JSONValue.object([
            "object": "page",
            "entry": [["id": "1", "time": 1_700_000_000_000, "messaging": [Client.message("hi")]]],
        ]).jsonText()
        #expect(try await server.client.post(otherPage) == 200)
        #expect(try await server.client.post(otherPage) == 200)
        // The configured page is still answered, and first: nothing was sent for page 1.
        try await server.client.say("hi")
        #expect(await server.graph.nextMessage().text == "Overworld: " + DemoText.menu)
        let warnings = log.lines(containing: "events for page 1 are dropped")
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("additional_args.page_id is \(Client.pageID)") == true)
        try await server.stop()
    }

    @Test func shutdownEndsWithinTheGracePeriodWhateverTheGraphAPIDoes() async throws {
        // Each post would take up to 4 attempts of 20 s against a Graph API that never answers.
        let server = try await MessengerTestServer.start(options: RuntimeOptions(shutdownGrace: .seconds(1)))
        try await server.client.say("hi")
        _ = await server.graph.nextMessage()
        try await server.client.say("echo")
        _ = await server.graph.texts(2)
        await server.graph.hang()
        try await server.client.say("held")
        #expect(await server.graph.nextMessage().text == "World: held")
        let stopped = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                try? await server.worlds.stop()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(60))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(stopped, "the server was still stopping a minute after a shutdown with a 1 s grace period")
        await server.graph.release()
        try await server.graph.stop()
    }

    @Test func metricsCountPeopleEventsAndRedeliveries() async throws {
        let server = try await MessengerTestServer.start()
        try await server.client.say("hi", mid: "m-first")
        try await server.client.say("hi", mid: "m-first")  // redelivered
        try await server.client.say("echo", mid: "m-second")
        _ = await server.graph.texts(3)
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.worlds.port)/metrics")
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        let lines = Set(text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"parley_service_people{service="messenger"} 1"#), "\(text)")
        #expect(lines.contains(#"parley_service_events_total{service="messenger"} 2"#))
        #expect(lines.contains(#"parley_service_duplicate_events_total{service="messenger"} 1"#))
        #expect(lines.contains("# TYPE parley_service_events_total counter"))
        try await server.stop()
    }

    @Test func secretsComeFromAFileBeforeTheEnvironment() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)")
        try "# Messenger\nPARLEY_MESSENGER_APP_SECRET = from-file\n\nPARLEY_MESSENGER_PAGE_TOKEN=page\n".write(to: file, atomically: true, encoding: .utf8)
        let keys = Set(MessengerService.secretKeys)
        let secrets = try ServiceSecrets.load(
            keys: keys, file: file.path,
            environment: ["PARLEY_MESSENGER_APP_SECRET": "from-env", "PARLEY_MESSENGER_VERIFY_TOKEN": "verify", "HOME": "/"])
        #expect(secrets.values == [
            "PARLEY_MESSENGER_APP_SECRET": "from-file", "PARLEY_MESSENGER_VERIFY_TOKEN": "verify", "PARLEY_MESSENGER_PAGE_TOKEN": "page",
        ])
        try "PARLEY_MESSENGER_APP_SECRET=x\nSOMETHING=y\n".write(to: file, atomically: true, encoding: .utf8)
        #expect {
            try ServiceSecrets.load(keys: keys, file: file.path, environment: [:])
        } throws: { error in
            "\(error)" == "\(file.path):2: unknown key SOMETHING (expected one of PARLEY_MESSENGER_APP_SECRET, PARLEY_MESSENGER_PAGE_TOKEN, PARLEY_MESSENGER_VERIFY_TOKEN)"
        }
        try "just words\n".write(to: file, atomically: true, encoding: .utf8)
        #expect {
            try ServiceSecrets.load(keys: keys, file: file.path, environment: [:])
        } throws: { error in
            "\(error)" == "\(file.path):1: expected KEY=VALUE"
        }
        try FileManager.default.removeItem(at: file)
    }
}
