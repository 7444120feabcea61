import Foundation
import ParleyServer

/// The minds the `/bot` page tests talk to: the repository's demo mind as the default, and two
/// small ones chosen with `?mind=NAME`.
enum BotPageFixtureMinds {
    /// Answers with markup that must show as text.
    static let markup = """
        mind: markup
        version: 1
        models:
          - name: main
            rules:
              - {kind: respond, input: "[auto *]", say: "[wave] <script>window.injected = 1</script><img src=x onerror=\\"window.injected = 2\\"> & <b>bold</b>"}
              - {kind: respond, input: "*", say: "[head-nod] [select 3] Noted."}
        """

    /// Asks after one second of silence.
    static let sleepy = """
        mind: sleepy
        version: 1
        models:
          - name: main
            rules:
              - {kind: respond, input: "[auto *]", say: "Hello."}
              - {kind: respond, id: nudge, idle: 1, say: "[smile] Still there?"}
              - {kind: respond, input: "*", say: "Go on."}
        """

    /// Would ask after a minute (longer than any test runs), until "stop", whose answer asks for no idle input.
    static let patient = """
        mind: patient
        version: 1
        models:
          - name: main
            initial: open
            rules:
              - {kind: respond, input: "[auto *]", say: "Hello."}
              - {kind: respond, input: "*", say: "Go on."}
            states:
              - name: open
                rules:
                  - {kind: respond, id: open-nudge, idle: 60, say: "Anyone there?"}
                  - {kind: respond, input: "stop", goto: quiet, say: "Stopped."}
              - name: quiet
        """

    /// The repository's demo mind, `minds/demo.yaml`.
    static let demoPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("minds/demo.yaml").path

    /// `demo` (the default) plus `markup`, `sleepy` and `patient` from a fresh minds folder.
    static func library() throws -> MindLibrary {
        let folder = try ReplyAPIFixtureMinds.folder(["markup.yaml": markup, "sleepy.yaml": sleepy, "patient.yaml": patient])
        return try ReplyAPIHarness.library(folder, named: [("demo", demoPath)])
    }
}
