import ParleyCore
import ParleyWorlds
import Testing

@testable import ParleyTelegram

/// Reading updates and writing Bot API calls, without a server.
@Suite struct TelegramMessageTests {
    typealias Updates = TelegramUpdates
    let bot = FakeTelegramAPI.bot

    @Test func mentionsAreTakenOutAndCommandsLoseTheirSlashAndBotName() {
        func read(_ text: String) -> (String, Bool) {
            let update = Updates.addressed(1, text)
            let reading = TelegramText(text, entities: update["message"]?["entities"]?.arrayValue ?? [], bot: bot)
            return (reading.text, reading.isAddressed)
        }
        #expect(read("@ParleyTestBot hi") == ("hi", true))
        #expect(read("hi @parleytestbot there") == ("hi there", true))
        #expect(read("@ParleyTestBot") == ("@ParleyTestBot", true))
        #expect(read("/start") == ("start", true))
        #expect(read("/echo@ParleyTestBot now") == ("echo now", true))
        #expect(read("/echo@OtherBot") == ("/echo@OtherBot", false))
        #expect(read("hi @someone") == ("hi @someone", false))
        // Offsets count UTF-16 code units: an emoji before the mention takes two.
        #expect(read("😀 @ParleyTestBot echo") == ("😀 echo", true))
        let textMention: JSONValue = ["type": "text_mention", "offset": 0, "length": 6, "user": ["id": .number(Double(bot.id))]]
        let mentioned = TelegramText("Parley, hi", entities: [textMention], bot: bot)
        #expect((mentioned.text, mentioned.isAddressed) == (", hi", true))
    }

    @Test func photosAndDocumentsArePayloadsAfterTheirCaption() {
        let photo = TelegramEvent(update: Updates.message(1, "look", photo: "big"), bot: bot)
        #expect(photo?.messages == [Message(text: "look"), Message(payload: ["type": "image", "file_id": "big"])])
        let document = TelegramEvent(update: Updates.message(2, nil, document: (id: "doc", name: "plan.pdf")), bot: bot)
        #expect(
            document?.messages == [Message(payload: ["type": "file", "file_id": "doc", "file_name": "plan.pdf", "mime_type": "application/pdf"])])
        #expect(TelegramEvent(update: Updates.message(3, nil), bot: bot) == nil)
        #expect(TelegramEvent(update: ["update_id": 4, "edited_message": ["text": "x"]], bot: bot) == nil)
        #expect(TelegramEvent(update: Updates.message(5, "me", from: bot.id), bot: bot) == nil)
    }

    @Test func peopleAreUsersInChats() {
        #expect(TelegramEvent(update: Updates.message(1, "hi"), bot: bot)?.address == "\(Updates.ann)")
        let inGroup = TelegramEvent(update: Updates.addressed(2, "@ParleyTestBot hi", in: Updates.group), bot: bot)
        #expect(inGroup?.address == "\(Updates.group):\(Updates.ann)")
        #expect(TelegramEvent.chatID(of: "\(Updates.group):\(Updates.ann)") == Updates.group)
        #expect(TelegramEvent.chatID(of: "\(Updates.ann)") == Updates.ann)
    }

    @Test func longChoicesGetHashedCallbackDataAndComeBackWhole() throws {
        let long = String(repeating: "a very long choice ", count: 6)
        let message = Message(text: "Pick one", quickReplies: [long, "short", ""], id: "World")
        let (requests, problems) = TelegramOutgoing.requests(for: message, chatID: 7)
        #expect(problems.isEmpty)
        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.method == "sendMessage")
        #expect(request.body["text"] == "World: Pick one")
        let buttons = (request.body["reply_markup"]?["inline_keyboard"]?.arrayValue ?? []).flatMap { $0.arrayValue ?? [] }
        let data = buttons.compactMap { $0["callback_data"]?.stringValue }
        #expect(buttons.map { $0["text"]?.stringValue } == [long, "short", ""])
        #expect(data.count == 3)
        #expect(data.allSatisfy { !$0.isEmpty && $0.utf8.count <= 64 })
        #expect(data[1] == "short")
        #expect(Set(data).count == 3)

        let sent = FakeTelegramAPI.Call(method: "sendMessage", token: "", body: request.body, status: 200)
        let tap = try #require(TelegramEvent(update: Updates.tap(9, data: data[0], on: sent, from: 7), bot: bot))
        #expect(tap.messages == [Message(text: long)])
        #expect(tap.callbackQueryID == "query-9")
        // The keyboard gone (an old message), a hashed choice cannot be read back; the tap is still answered.
        let unreadable: JSONValue = [
            "update_id": 10, "callback_query": ["id": "q", "data": .string(data[0]), "from": ["id": 7], "message": ["chat": ["id": 7, "type": "private"]]],
        ]
        let lost = try #require(TelegramEvent(update: unreadable, bot: bot))
        #expect(lost.messages.isEmpty)
        #expect(lost.callbackQueryID == "q")
    }

    @Test func textsAreSplitAtWhitespaceWithinTheLimit() {
        #expect(TelegramOutgoing.chunks(of: "short") == ["short"])
        #expect(TelegramOutgoing.chunks(of: "aaaa bbbb cccc", limit: 10) == ["aaaa bbbb", "cccc"])
        #expect(TelegramOutgoing.chunks(of: "abcdefghijkl", limit: 5) == ["abcde", "fghij", "kl"])
        // Two UTF-16 code units each: at most two emoji in five units.
        #expect(TelegramOutgoing.chunks(of: "😀😀😀", limit: 5) == ["😀😀", "😀"])
    }

    @Test func payloadsGoOutAsPhotosOrDocumentsOrAreExplained() {
        let photo = TelegramOutgoing.requests(for: Message(text: "see", payload: ["type": "image", "url": "https://x/p.png"], id: "World"), chatID: 1)
        #expect(photo.requests == [TelegramRequest(method: "sendPhoto", body: ["chat_id": 1, "photo": "https://x/p.png", "caption": "World: see"])])
        let file = TelegramOutgoing.requests(for: Message(payload: ["type": "file", "file_id": "f1"]), chatID: 1)
        #expect(file.requests == [TelegramRequest(method: "sendDocument", body: ["chat_id": 1, "document": "f1"])])
        let other = TelegramOutgoing.requests(for: Message(text: "map", payload: ["type": "location", "lat": 1]), chatID: 1)
        #expect(other.requests == [TelegramRequest(method: "sendMessage", body: ["chat_id": 1, "text": "map"])])
        #expect(other.problems.count == 1)
        #expect(other.problems.first?.contains("not a Telegram photo or file") == true)
    }

    /// The consent notice's payload tells clients what it is; Telegram gets its text and answers.
    @Test func theConsentNoticeGoesOutAsTextWithItsAnswers() {
        let (requests, problems) = TelegramOutgoing.requests(for: ConsentNotice(text: "We record this.").message, chatID: 1)
        #expect(problems.isEmpty)
        #expect(requests.count == 1 && requests.first?.method == "sendMessage")
        #expect(requests.first?.body["text"] == "World: We record this.")
        #expect(requests.first?.body["reply_markup"]?["inline_keyboard"]?.arrayValue?.count == 2)
    }

    @Test func cardsGoOutAsPhotosOrMessagesWithTheirButtonsAndRepliesShowTheirTitles() {
        let cards = Card.payload([
            Card(title: "Margherita", text: "Tomato", imageURL: "https://x/m.png",
                 buttons: [CardButton(title: "Order", reply: "order m"), CardButton(title: "Menu", link: "https://x/menu")]),
            Card(title: "Funghi"),
        ])
        let sent = TelegramOutgoing.requests(for: Message(text: "Pizzas", payload: cards, id: "World"), chatID: 1)
        #expect(sent.problems.isEmpty)
        #expect(sent.requests == [
            TelegramRequest(method: "sendMessage", body: ["chat_id": 1, "text": "World: Pizzas"]),
            TelegramRequest(method: "sendPhoto", body: [
                "chat_id": 1, "photo": "https://x/m.png", "caption": "Margherita\nTomato",
                "reply_markup": ["inline_keyboard": [[["text": "Order", "callback_data": "order m"]], [["text": "Menu", "url": "https://x/menu"]]]],
            ]),
            TelegramRequest(method: "sendMessage", body: ["chat_id": 1, "text": "Funghi"]),
        ])
        let titled = TelegramOutgoing.requests(for: Message(text: "Size?", quickReplies: ["l"], quickReplyTitles: ["l": "Large"]), chatID: 1)
        #expect(titled.requests.last?.body["reply_markup"] == ["inline_keyboard": [[["text": "Large", "callback_data": "l"]]]])
    }
}
