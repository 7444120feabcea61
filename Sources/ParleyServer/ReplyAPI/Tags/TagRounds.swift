import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ParleyCore
import ParleyMind

/// Applies the tag handlers to the output of a request's turns (docs/reply-api.md).
///
/// A round takes the handled tags of the newest output and POSTs each (concurrently) to its
/// handler as `{"userid", "tag", "args", "text"}`, `text` being that whole output. An answer
/// `{"text": T}` replaces the tag by T; `{"control": "[...]"}` removes the tag and runs the
/// control input as the next turn, whose output is appended and is the next round's output.
/// A handler that fails, times out or answers anything else leaves its tag replaced by the tag's
/// fallback text (none: removed), adds nothing, and is logged. After `TagHandlers.maximumRounds`
/// rounds, handled tags left in the newest output are replaced by their fallback texts, unanswered
/// (and logged).
struct TagRounds: Sendable {
    let handlers: TagHandlers
    let logger: Logger

    /// The largest handler answer read, in bytes.
    static let maximumAnswerBytes = 64 * 1024

    /// What a handler answered.
    private enum Answer: Sendable {
        case text(String)
        case control(String)
    }

    /// Whether `output` has a tag some handler answers: without one, `apply` changes nothing.
    func hasWork(in output: String) -> Bool {
        !handlers.byWord.isEmpty && OutputTag.all(in: output).contains { handlers.byWord[$0.word] != nil }
    }

    /// `reply` (the joined output of the request's turns so far, and the data and idle delay
    /// after them) once the handler rounds have run on it with `mind`. Throws when a control
    /// turn cannot run (`dataTooLarge`).
    func apply(to reply: MindReply, mind: Mind, userID: String?) async throws(MindError) -> MindReply {
        guard hasWork(in: reply.output) else { return reply }
        var result = reply
        var outputs: [String] = []
        var newest = reply.output
        var round = 0
        while true {
            let tags = OutputTag.all(in: newest).filter { handlers.byWord[$0.word] != nil }
            if tags.isEmpty {
                outputs.append(newest)
                break
            }
            if round == TagHandlers.maximumRounds {
                logger.warning(
                    "tag handler rounds exhausted: tags removed unanswered",
                    metadata: ["rounds": "\(round)", "tags": "\(tags.map(\.word))", "userid": "\(userID ?? "-")"])
                outputs.append(OutputTag.replacing(tags, with: tags.map { $0.fallback ?? "" }, in: newest))
                break
            }
            round += 1
            let answers = await answers(to: tags, in: newest, userID: userID)
            var replacements: [String] = []
            var controls: [String] = []
            for (tag, answer) in zip(tags, answers) {
                switch answer {
                case .text(let text)?:
                    replacements.append(text)
                case .control(let control)?:
                    replacements.append("")
                    controls.append(control)
                case nil:
                    replacements.append(tag.fallback ?? "")
                }
            }
            outputs.append(OutputTag.replacing(tags, with: replacements, in: newest))
            guard !controls.isEmpty else { break }
            var controlOutputs: [String] = []
            for control in controls {
                result = try mind.reply(to: control, data: result.data, time: Date())
                controlOutputs.append(result.output)
            }
            newest = Self.joined(controlOutputs)
        }
        result.output = Self.joined(outputs)
        return result
    }

    /// The non-empty outputs joined by a space.
    static func joined(_ outputs: [String]) -> String {
        outputs.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Each tag's answer (nil when its handler failed), in order.
    private func answers(to tags: [OutputTag], in text: String, userID: String?) async -> [Answer?] {
        await withTaskGroup(of: (Int, Answer?).self) { group in
            for (index, tag) in tags.enumerated() {
                guard let handler = handlers.byWord[tag.word] else { continue }
                group.addTask {
                    do throws(Failure) {
                        return (index, try await call(handler, tag: tag, text: text, userID: userID))
                    } catch {
                        logger.warning(
                            "tag handler failed: its fallback text shown",
                            metadata: ["tag": "\(tag.word)", "url": "\(handler.url)", "reason": "\(error.reason)",
                                       "userid": "\(userID ?? "-")"])
                        return (index, nil)
                    }
                }
            }
            var answers = [Answer?](repeating: nil, count: tags.count)
            for await (index, answer) in group { answers[index] = answer }
            return answers
        }
    }

    /// Why a handler call gave no answer.
    private struct Failure: Error {
        var reason: String
    }

    /// POSTs `tag` to `handler` and reads its answer within the handler's timeout.
    private func call(_ handler: TagHandler, tag: OutputTag, text: String, userID: String?) async throws(Failure)
        -> Answer
    {
        let body: JSONValue = [
            "userid": userID.map(JSONValue.string) ?? .null, "tag": .string(tag.word),
            "args": .array(tag.arguments.map(JSONValue.string)), "text": .string(text),
        ]
        var request = HTTPClientRequest(url: handler.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body.jsonText()))
        let deadline = NIODeadline.now() + TimeAmount(handler.timeout)
        let answer: JSONValue
        do {
            let response = try await OutgoingHTTP.client.execute(request, deadline: deadline)
            guard (200..<300).contains(response.status.code) else {
                throw Failure(reason: "answered \(response.status.code) \(response.status.reasonPhrase)")
            }
            answer = try JSONValue.parse(String(buffer: try await response.body.collect(upTo: Self.maximumAnswerBytes)))
        } catch let failure as Failure {
            throw failure
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw Failure(reason: "no answer within \(handler.timeout)")
        } catch {
            throw Failure(reason: "\(error)")
        }
        switch (answer["text"], answer["control"]) {
        case (.string(let text)?, nil):
            return .text(text)
        case (nil, .string(let control)?):
            guard ControlInput.parse(control) != nil,
                control.unicodeScalars.count <= MindError.maximumInputScalars
            else {
                throw Failure(reason: "the control \"\(control.prefix(80))\" is not one bracketed control input")
            }
            return .control(control)
        default:
            throw Failure(reason: "the answer is not {\"text\": \"...\"} or {\"control\": \"[...]\"}")
        }
    }
}
