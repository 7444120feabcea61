import ParleyCore
import ParleyWorlds
import Testing

@testable import ParleySlack

/// What goes to Slack for a world's act, and how a person's text is read: no server needed.
@Suite struct SlackOutgoingTests {
    @Test func theBotsMentionIsTakenOutWhereverItIs() {
        #expect(SlackIncoming.removingMentions(of: "UBOT", from: "<@UBOT> echo") == "echo")
        #expect(SlackIncoming.removingMentions(of: "UBOT", from: "hey <@UBOT> there") == "hey there")
        #expect(SlackIncoming.removingMentions(of: "UBOT", from: "ask <@U2|ann> and <@UBOT|parley>") == "ask <@U2|ann> and")
        // Without the bot's id, only the mentions the text starts with.
        #expect(SlackIncoming.removingMentions(of: nil, from: "<@UBOT> hi <@U2>") == "hi <@U2>")
    }

    @Test func manyChoicesAreCutToSlacksLimitsAndALongLabelIsShortened() {
        let long = String(repeating: "x", count: 100)
        let choices = [long] + (1...30).map { "choice \($0)" }
        let (bodies, problems) = SlackOutgoing.bodies(
            for: Message(text: "Pick", quickReplies: choices, id: "World"), channel: "C1", thread: "1.2")
        #expect(bodies.count == 1)
        let buttons = bodies[0]["blocks"]?.arrayValue?.last?["elements"]?.arrayValue ?? []
        #expect(buttons.count == 25)
        #expect(buttons.first?["text"]?["text"]?.stringValue == String(repeating: "x", count: 74) + "…")
        #expect(buttons.first?["value"]?.stringValue == long)
        #expect(bodies[0]["thread_ts"] == "1.2")
        #expect(bodies[0]["text"] == "World: Pick")
        #expect(problems == ["31 quick replies, Slack shows 25: the rest were left out"])
    }

    @Test func anImagePayloadIsAnImageBlockAndOtherPayloadsAreProblems() {
        let image = SlackOutgoing.bodies(
            for: Message(payload: ["type": "image", "url": "https://example.com/cat.png"]), channel: "D1", thread: nil)
        #expect(image.bodies.first?["blocks"]?.arrayValue?.first?["image_url"] == "https://example.com/cat.png")
        #expect(image.problems.isEmpty)
        let other = SlackOutgoing.bodies(for: Message(payload: ["type": "sticker"]), channel: "D1", thread: nil)
        #expect(other.bodies.isEmpty)
        #expect(other.problems.count == 1)
    }

    @Test func tapsOnOtherButtonsAndOtherInteractionsAreNotParleys() throws {
        let foreign: JSONValue = [
            "type": "block_actions", "user": ["id": "U1"], "container": ["channel_id": "D1", "message_ts": "1.1"],
            "actions": [["action_id": "someone-else", "value": "x", "action_ts": "2.2"]],
        ]
        let form = "payload=" + (foreign.jsonText().addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        #expect(try SlackInteraction.parse(form: form) == nil)
        #expect(try SlackInteraction.parse(form: "payload=%7B%22type%22%3A%22view_submission%22%7D") == nil)
        #expect(throws: SlackEventError.self) { try SlackInteraction.parse(form: "payload=%7Bnot+json") }
    }

    /// The consent notice's payload tells clients what it is; Slack gets its text and answers.
    @Test func theConsentNoticeGoesOutAsTextWithItsAnswers() {
        let (bodies, problems) = SlackOutgoing.bodies(for: ConsentNotice(text: "We record this.").message, channel: "C1", thread: nil)
        #expect(problems.isEmpty)
        #expect(bodies.count == 1 && bodies.first?["text"] == "World: We record this.")
        #expect(bodies.first?["blocks"] != nil)
    }

    @Test func cardsAreSectionsWithTheirPictureAndButtonsAndRepliesShowTheirTitles() {
        let cards = Card.payload([
            Card(title: "Margherita", text: "Tomato", imageURL: "https://x/m.png",
                 buttons: [CardButton(title: "Order", reply: "order m"), CardButton(title: "Menu", link: "https://x/menu")]),
        ])
        let sent = SlackOutgoing.bodies(for: Message(payload: cards), channel: "D1", thread: nil)
        #expect(sent.problems.isEmpty)
        let blocks = sent.bodies.first?["blocks"]?.arrayValue ?? []
        #expect(blocks.first?["text"]?["text"] == "Margherita\nTomato")
        #expect(blocks.first?["accessory"]?["image_url"] == "https://x/m.png")
        let buttons = blocks.last?["elements"]?.arrayValue ?? []
        #expect(buttons.map { $0["value"] } == ["order m", nil])
        #expect(buttons.map { $0["url"] } == [nil, "https://x/menu"])
        // A link's tap is not a choice: its action id is not one Parley reads back.
        #expect(buttons.last?["action_id"]?.stringValue?.hasPrefix(SlackOutgoing.actionIDPrefix) == false)

        let titled = SlackOutgoing.bodies(for: Message(text: "Size?", quickReplies: ["l"], quickReplyTitles: ["l": "Large"]), channel: "D1", thread: nil)
        let button = titled.bodies.first?["blocks"]?.arrayValue?.last?["elements"]?.arrayValue?.first
        #expect(button?["text"]?["text"] == "Large")
        #expect(button?["value"] == "l")
    }
}
