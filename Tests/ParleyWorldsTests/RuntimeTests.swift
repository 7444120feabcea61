import Foundation
import ParleyCore
import ParleyStore
import ParleyTesting
import ParleyWorlds
import Testing

/// A config over the test worlds; `extra` is added under `tasks:`, `top` at the top level.
func testConfig(maxWorkers: Int = 10, pairTimeout: Double = 300, extraTasks: String = "", top: String = "") -> String {
    """
    tasks:
      echo:
        task_world: Echo
      named:
        onboard_world: AskName
        task_world: Echo
      pair:
        task_world: Relay
        agents_required: 2
        timeout: \(pairTimeout)
      solo:
        task_world: Echo
    \(extraTasks)
    task_name: test
    world_module: test.worlds
    overworld: Menu
    max_workers: \(maxWorkers)
    \(top)
    """
}

@Suite("Runtime lifecycle", .timeLimit(.minutes(5)))
struct RuntimeTests {
    @Test("the first message is consumed; overworld, task, back to the menu, EXIT says goodbye")
    func overworldEchoExit() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        await ann.say("hello")
        let menu = await ann.expect("menu")
        #expect(menu?.quickReplies == ["echo", "named", "pair", "solo", "EXIT"])
        await ann.say("echo")
        await ann.say("one")
        let echo = await ann.expect("one")
        #expect(echo?.id == "World")
        await ann.say("[DONE]")
        await ann.expect("menu")
        await ann.say("EXIT")
        await ann.expect(RuntimeText.farewell)
        // After EXIT the person starts over: the next message is a greeting again.
        await ann.say("back")
        await ann.expect("menu")
        await harness.stop()
    }

    @Test("5.1: a wrong password keeps the connection and the person can retry")
    func passwordRetry() async throws {
        let harness = try WorldHarness.start(testConfig(top: "opt:\n  password: secret"))
        let ann = await harness.person()
        await ann.say("hello")
        await ann.expect(RuntimeText.passwordRequired)
        await ann.say("guess")
        await ann.expect(RuntimeText.passwordRequired)
        await ann.say("secret")
        await ann.expect("menu")
        #expect(!ann.channel.history.contains(.closed))
        await harness.stop()
    }

    @Test("RuntimeOptions.password overrides opt.password")
    func passwordOverride() async throws {
        let harness = try WorldHarness.start(
            testConfig(top: "opt:\n  password: secret"), options: RuntimeOptions(password: "other")
        )
        let ann = await harness.person()
        await ann.say("secret")
        await ann.expect(RuntimeText.passwordRequired)
        await ann.say("other")
        await ann.expect("menu")
        await harness.stop()
    }

    @Test("two people are paired first come first served; [DONE] ends the world for both")
    func pairAndDone() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        let bob = await harness.person()
        for person in [ann, bob] {
            await person.say("hi")
            await person.expect("menu")
            await person.say("pair")
        }
        await ann.expect("paired")
        await bob.expect("paired")
        await ann.say("hello bob")
        let relayed = await bob.expect("hello bob")
        #expect(relayed?.id == "P1")
        await bob.say("[DONE]")
        await ann.expect("ended")
        await ann.expect("menu")
        await bob.expect("menu")
        await harness.stop()
    }

    @Test("5.2, 5.3: one pairing notice, then the person is told and returned to the overworld")
    func poolTimeout() async throws {
        let harness = try WorldHarness.start(
            testConfig(pairTimeout: 1), options: RuntimeOptions(pairingNotice: .milliseconds(50))
        )
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("pair")
        await ann.expect(RuntimeText.pairingSlow)
        await ann.expect(RuntimeText.noPartner)
        await ann.expect("menu")
        await harness.stop()
    }

    @Test("5.3: after the pool timeout a person goes to the backup_task")
    func poolTimeoutBackup() async throws {
        let yaml = """
            tasks:
              pair:
                task_world: Relay
                agents_required: 2
                timeout: 0.2
                backup_task: solo
              solo:
                task_world: Echo
            task_name: test
            world_module: test.worlds
            overworld: Menu
            max_workers: 10
            """
        let harness = try WorldHarness.start(yaml)
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("pair")
        await ann.expect(RuntimeText.noPartner(backup: "solo"))
        await ann.say("alone")
        await ann.expect("alone")
        await harness.stop()
    }

    @Test("5.4: EXIT while waiting in a pool returns to the overworld")
    func exitWhileWaiting() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("pair")
        await ann.say("EXIT")
        await ann.expect("menu")
        // Ann has left the pool: Bob is paired with Cid, not with her.
        let bob = await harness.person()
        let cid = await harness.person()
        for person in [bob, cid] {
            await person.say("hi")
            await person.expect("menu")
            await person.say("pair")
        }
        await bob.expect("paired")
        await cid.expect("paired")
        await bob.say("hello cid")
        await cid.expect("hello cid")
        await harness.stop()
    }

    @Test("5.4: a person typing in the pool is asked to wait; EXIT leaves the pool and drops what was typed")
    func waitReplyThenExit() async throws {
        let harness = try WorldHarness.start(
            testConfig(), options: RuntimeOptions(shutdownGrace: .milliseconds(100), pairingNotice: .milliseconds(20))
        )
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("pair")
        // The notice comes only while Ann is in the pool.
        await ann.expect(RuntimeText.pairingSlow)
        await ann.say("anyone?")
        await ann.expect(RuntimeText.waitForPairing)
        await ann.say("exit")
        await ann.expect("menu")
        await ann.say("echo")
        await ann.say("fresh")
        await ann.expect("fresh")
        await harness.stop()
    }

    @Test("5.4: what is typed while waiting in a pool reaches the next world")
    func typedWhileWaiting() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("pair")
        await ann.say("early words")
        let bob = await harness.person()
        await bob.say("hi")
        await bob.expect("menu")
        await bob.say("pair")
        await bob.expect("paired")
        await bob.expect("early words")
        await ann.expect("paired")
        await harness.stop()
    }

    @Test("5.4: what is typed during a hand-over reaches the next world; onboard data reaches the task world")
    func typedDuringHandOver() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("named")
        await ann.say("Ann")
        await ann.say("first words")
        await ann.expect("name?")
        await ann.expect("Ann: first words")
        await harness.stop()
    }

    @Test("5.5: a partner's disconnect ends the world, tells the other, frees the world")
    func partnerDisconnects() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        let bob = await harness.person()
        for person in [ann, bob] {
            await person.say("hi")
            await person.expect("menu")
            await person.say("pair")
        }
        await ann.expect("paired")
        await bob.expect("paired")
        await harness.runtime.disconnect(personID: bob.id)
        await ann.expect(RuntimeText.partnerLeft)
        await ann.expect("menu")
        let records = try await harness.messages()
        let pairWorlds = Set(records.filter { $0.task == "pair" }.map(\.worldID))
        #expect(pairWorlds.count == 1)
        for world in pairWorlds { #expect(WorldLog.shutdownCount(world) == 1) }
        await harness.stop()
    }

    @Test("5.5: a disconnect while waiting in a pool leaves no one stranded")
    func disconnectWhileWaiting() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("pair")
        await harness.runtime.disconnect(personID: ann.id)
        // Bob is paired with Cid, not with the departed Ann.
        let bob = await harness.person()
        let cid = await harness.person()
        for person in [bob, cid] {
            await person.say("hi")
            await person.expect("menu")
            await person.say("pair")
        }
        await bob.expect("paired")
        await cid.expect("paired")
        await cid.say("hello bob")
        await bob.expect("hello bob")
        await harness.stop()
    }

    @Test("5.6: worlds step only when a message arrives")
    func worldsWakeOnMessages() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("echo")
        for word in ["one", "two", "three"] {
            await ann.say(word)
            await ann.expect(word)
        }
        await ann.say("[DONE]")
        await ann.expect("menu")
        let records = try await harness.messages()
        let echoWorld = try #require(records.first { $0.task == "echo" }?.worldID)
        #expect(WorldLog.stepCount(echoWorld) == 4)
        await harness.stop()
    }

    @Test("5.10: response_timeout ends the world with \"You have timed out\"")
    func responseTimeout() async throws {
        let harness = try WorldHarness.start(testConfig(extraTasks: "  slow:\n    task_world: Echo\n    response_timeout: 0.2"))
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("slow")
        await ann.expect(RuntimeText.timedOut)
        await ann.expect("menu")
        await harness.stop()
    }

    @Test("5.10: in a shared world the partner of a person who timed out is told")
    func responseTimeoutInPair() async throws {
        let extra = "  duo:\n    task_world: Relay\n    agents_required: 2\n    response_timeout: 0.3"
        let harness = try WorldHarness.start(testConfig(extraTasks: extra))
        let ann = await harness.person()
        let bob = await harness.person()
        for person in [ann, bob] {
            await person.say("hi")
            await person.expect("menu")
            await person.say("duo")
        }
        await ann.expect("paired")
        await bob.expect("paired")
        // Nobody speaks: both are named in the timeout.
        await ann.expect(RuntimeText.timedOut)
        await bob.expect(RuntimeText.timedOut)
        await ann.expect("menu")
        await harness.stop()
    }

    @Test("max_workers: people beyond it are told they are queued and are served in order")
    func maxWorkersQueue() async throws {
        let harness = try WorldHarness.start(testConfig(maxWorkers: 1))
        let ann = await harness.person()
        let bob = await harness.person()
        let cid = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await bob.say("hi")
        await bob.expect(RuntimeText.queued(position: 1))
        await cid.say("hi")
        await cid.expect(RuntimeText.queued(position: 2))
        await ann.say("EXIT")
        await ann.expect(RuntimeText.farewell)
        await bob.expect("menu")
        // EXIT while queued leaves the queue.
        await cid.say("EXIT")
        await cid.expect(RuntimeText.farewell)
        await bob.say("EXIT")
        await bob.expect(RuntimeText.farewell)
        await harness.stop()
    }

    @Test("next_task in the person's data sends them straight to a task, or EXIT")
    func nextTask() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("echo")
        await ann.say("go solo")
        await ann.say("in solo")
        await ann.expect("in solo")
        await ann.say("go EXIT")
        await ann.expect(RuntimeText.farewell)
        let records = try await harness.messages()
        #expect(records.contains { $0.task == "solo" && $0.text == "in solo" })
        await harness.stop()
    }

    @Test("a bot model from opt.models answers, with typing shown while it works")
    func botEcho() async throws {
        let extra = "  bot:\n    task_world: BotRelay"
        let harness = try WorldHarness.start(testConfig(extraTasks: extra, top: "opt:\n  models:\n    parrot:\n      model: echo"))
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("bot")
        await ann.say("polly")
        let reply = await ann.expect("polly")
        #expect(reply?.id == "parrot")
        let history = ann.channel.history
        let replied = try #require(reply)
        let replyIndex = try #require(history.lastIndex(of: .message(replied)))
        #expect(Array(history[..<replyIndex].suffix(2)) == [.typing(true), .typing(false)])
        await harness.stop()
    }

    @Test("5.8: every world's messages are stored once, with world, task, people, speaker and time")
    func recordsWritten() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person("ann")
        let bob = await harness.person("bob")
        for person in [ann, bob] {
            await person.say("hi")
            await person.expect("menu")
            await person.say("pair")
        }
        await ann.expect("paired")
        await bob.expect("paired")
        await ann.say("hello bob")
        await bob.expect("hello bob")
        await bob.say("[DONE]")
        await ann.expect("ended")
        await ann.expect("menu")
        await bob.expect("menu")
        let records = try await harness.messages()
        let pair = records.filter { $0.task == "pair" }
        #expect(pair.filter { $0.text == "hello bob" }.map(\.speaker) == ["ann"])
        #expect(pair.contains { $0.speaker == "bob" && $0.text == "[DONE]" })
        #expect(pair.contains { $0.speaker == "World" && $0.text == "ended" })
        #expect(pair.allSatisfy { $0.world == "Relay" && $0.people == ["ann", "bob"] })
        #expect(records.contains { $0.task == "overworld" && $0.world == "Menu" && $0.speaker == "Overworld" })
        await harness.stop()
    }

    @Test("5.9: a detached person's messages are held and replayed in order on resume")
    func detachAndResume() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        let bob = await harness.person()
        for person in [ann, bob] {
            await person.say("hi")
            await person.expect("menu")
            await person.say("pair")
        }
        await ann.expect("paired")
        await bob.expect("paired")
        await harness.runtime.detach(personID: ann.id)
        await bob.say("one")
        await bob.say("two")
        await bob.say("three")
        let fresh = RecordingChannel()
        #expect(await harness.runtime.resume(personID: ann.id, channel: fresh))
        for word in ["one", "two", "three"] {
            #expect(await fresh.nextMessage()?.text == word)
        }
        #expect(!ann.channel.history.contains(.message(Message(text: "one", id: "P2"))))
        #expect(await harness.runtime.resume(personID: "nobody", channel: fresh) == false)
        await harness.stop()
    }

    @Test("5.9: a detached person who does not come back within the window is disconnected")
    func detachExpires() async throws {
        let harness = try WorldHarness.start(testConfig(), options: RuntimeOptions(resumeWindow: .milliseconds(100)))
        let ann = await harness.person()
        let bob = await harness.person()
        for person in [ann, bob] {
            await person.say("hi")
            await person.expect("menu")
            await person.say("pair")
        }
        await ann.expect("paired")
        await bob.expect("paired")
        await harness.runtime.detach(personID: ann.id)
        await bob.expect(RuntimeText.partnerLeft)
        await bob.expect("menu")
        #expect(await harness.runtime.resume(personID: ann.id, channel: RecordingChannel()) == false)
        await harness.stop()
    }

    @Test("5.7: shutdown warns everyone, ends every world once within the grace period, closes channels")
    func shutdownWithPeople() async throws {
        let grace = Duration.milliseconds(200)
        let harness = try WorldHarness.start(testConfig(), options: RuntimeOptions(shutdownGrace: grace))
        let ann = await harness.person()
        let bob = await harness.person()
        let cid = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("echo")
        await ann.say("still here")
        await ann.expect("still here")
        await bob.say("hi")
        await bob.expect("menu")
        await cid.say("hi")
        await cid.expect("menu")
        await cid.say("pair")

        await harness.stop()

        for person in [ann, bob, cid] {
            await person.expect(RuntimeText.goingOffline(within: grace))
            #expect(await person.channel.nextEvent() == .closed)
        }
        let worlds = Set(try await harness.messages().map(\.worldID))
        #expect(worlds.count == 4)  // Ann's and Bob's and Cid's overworlds, Ann's echo world
        for world in worlds { #expect(WorldLog.shutdownCount(world) == 1) }
    }

    @Test("5.7: shutdown waits for a task world that finishes within the grace period")
    func shutdownLetsWorldFinish() async throws {
        let harness = try WorldHarness.start(testConfig(), options: RuntimeOptions(shutdownGrace: .seconds(30)))
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("echo")
        await ann.say("working")
        await ann.expect("working")
        let stopping = Task { await harness.stop() }
        await ann.expect(RuntimeText.goingOffline(within: .seconds(30)))
        await ann.say("last words")
        await ann.expect("last words")
        await ann.say("[DONE]")
        await stopping.value
        #expect(await ann.channel.nextEvent() == .closed)
    }

    @Test("a world that fails is shut down once, its people return to the overworld, and its next_task is dropped")
    func failingWorld() async throws {
        let harness = try WorldHarness.start(testConfig(extraTasks: "  broken:\n    task_world: Broken"))
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("broken")
        await ann.expect("breaking")
        await ann.expect(RuntimeText.worldClosed)
        await ann.expect("menu")
        // The failed world's next_task is dropped: after the next task, the menu, not echo.
        await ann.say("solo")
        await ann.say("[DONE]")
        await ann.expect("menu")
        let records = try await harness.messages()
        let broken = try #require(records.first { $0.task == "broken" }?.worldID)
        #expect(WorldLog.shutdownCount(broken) == 1)
        await harness.stop()
    }

    @Test("act(timeout:) gives nil when the person is silent, without ending the world")
    func actTimeout() async throws {
        let harness = try WorldHarness.start(testConfig(extraTasks: "  patient:\n    task_world: Patient"))
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("patient")
        await ann.expect("still waiting")
        await ann.say("[DONE]")
        // Any further "still waiting" came before [DONE] was read; the menu follows.
        var text = await ann.next()?.text
        while text == "still waiting" { text = await ann.next()?.text }
        #expect(text == "menu")
        await harness.stop()
    }
}
