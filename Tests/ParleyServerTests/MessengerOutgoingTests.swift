import ParleyCore
import ParleyWorlds
import Testing

@testable import ParleyServer

/// Send API bodies for cards, ParlAI's compact lists and titled quick replies, without a server.
@Suite struct MessengerOutgoingTests {
    @Test func parlAIsListIsAGenericTemplateAndRepliesShowTheirTitles() {
        let list: JSONValue = ["type": "list", "data": [["title": "Margherita", "subtitle": "Tomato", "buttons": [["type": "postback", "title": "Order", "payload": "order m"]]]]]
        let sent = MessengerOutgoing.bodies(for: Message(payload: list, quickReplies: ["l"], quickReplyTitles: ["l": "Large"]), to: "p1")
        #expect(sent.problems.isEmpty)
        let message = sent.bodies.first?["message"]
        #expect(message?["attachment"] == Card.payload([Card(title: "Margherita", text: "Tomato", buttons: [CardButton(title: "Order", reply: "order m")])]))
        #expect(message?["quick_replies"] == [["content_type": "text", "title": "Large", "payload": "l"]])
        // A template attachment goes as it is, and reads back as the same cards.
        let cards = Card.payload([Card(title: "Funghi", imageURL: "https://x/f.png", buttons: [CardButton(title: "Menu", link: "https://x/menu")])])
        #expect(MessengerOutgoing.bodies(for: Message(payload: cards), to: "p1").bodies.first?["message"]?["attachment"] == cards)
        #expect(Card.cards(in: cards) == [Card(title: "Funghi", imageURL: "https://x/f.png", buttons: [CardButton(title: "Menu", link: "https://x/menu")])])
    }
}
