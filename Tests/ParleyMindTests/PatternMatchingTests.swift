import Testing
@testable import ParleyMind

@Suite struct PatternMatchingTests {
    static let concepts = ConceptTable([
        ("greeting", ["hi", "hello", "hey", "good morning"]),
        ("agree", ["yes", "yeah", "sure", "ok"]),
        ("place", ["new", "new york", "new york city", "york"]),
    ])

    private func pattern(_ source: String) throws -> LonePattern {
        try LonePattern(source, concepts: Self.concepts)
    }

    private func match(_ source: String, _ text: String) throws -> PatternMatch? {
        try pattern(source).match(TextNormalizer.tokens(of: text))
    }

    private func matches(_ source: String, _ text: String) throws -> Bool {
        try match(source, text) != nil
    }

    @Test func literalWordsMatchTheWholeInputByMatchForm() throws {
        #expect(try matches("who am i", "Who am I?"))
        #expect(try matches("What's up", "what\u{2019}s UP!"))
        #expect(try !matches("who am i", "who am i really"))
        #expect(try !matches("who am i", "who am"))
    }

    @Test func wildcards() throws {
        #expect(try matches("hello *", "hello"))
        #expect(try matches("hello *", "hello there you"))
        #expect(try !matches("hello +", "hello"))
        #expect(try matches("hello +", "hello you"))
        #expect(try matches("a _ c", "a b c"))
        #expect(try !matches("a _ c", "a c"))
        #expect(try !matches("a _ c", "a b b c"))
        #expect(try matches("pay #", "pay -2.5"))
        #expect(try !matches("pay #", "pay five"))
        #expect(try !matches("pay #", "pay 1e3"))
    }

    @Test func namedCaptures() throws {
        let found = try #require(try match("i am {age:#} and {rest:*} {one:_} {many} {plus:+}", "I am 42 and a b c d"))
        #expect(found.named == ["age": "42", "rest": "", "one": "a", "many": "b", "plus": "c d"])
        #expect(found.positional.isEmpty)
        #expect(try match("{x:*}", "") != nil)
        #expect(try match("{x}", "") == nil)
        #expect(try !matches("{n:#}", "many"))
    }

    @Test func plusCaptureIsTheSameAsPlainCapture() throws {
        let plain = try pattern("go {x}"), plus = try pattern("go {x:+}")
        #expect(plain.specificity == plus.specificity)
        for text in ["go", "go home", "go home now"] {
            let tokens = TextNormalizer.tokens(of: text)
            #expect(plain.match(tokens) == plus.match(tokens))
        }
    }

    @Test func requiredAndOptionalGroups() throws {
        #expect(try matches("(hi|hello there) bob", "hello there bob"))
        #expect(try matches("(hi|hello there) bob", "hi bob"))
        #expect(try !matches("(hi|hello there) bob", "bob"))
        #expect(try matches("[please] help", "help"))
        #expect(try matches("[please|kindly] help", "kindly help"))
        #expect(try !matches("[please] help", "please please help"))
        #expect(try matches("a (b [c|d e]|f) g", "a b d e g"))
    }

    @Test func concepts() throws {
        #expect(try matches("~greeting [there]", "Hello there"))
        #expect(try matches("~greeting [there]", "good morning"))
        #expect(try !matches("~greeting", "good"))
        #expect(try pattern("~greeting ~agree *").conceptNames == ["greeting", "agree"])
    }

    @Test func positionalCapturesAreNumberedInTextOrderIncludingGroups() throws {
        let source = "* is (_ ok|very +) [# times] {name} *"
        let p = try pattern(source)
        #expect(p.positionalCount == 5)
        #expect(p.captureNames == ["name"])
        let found = try #require(p.match(TextNormalizer.tokens(of: "the cat is very happy 3 times Tom now")))
        #expect(found.positional == ["the cat", "", "happy", "3", "now"])
        #expect(found.value(of: "1") == "the cat")
        #expect(found.value(of: "2") == "")
        #expect(found.value(of: "5") == "now")
        #expect(found.value(of: "6") == nil)
        #expect(found.value(of: "0") == nil)
        #expect(found.value(of: "01") == nil)
        #expect(found.value(of: "name") == "Tom")
        #expect(found.value(of: "other") == nil)
    }

    @Test func wildcardsTryAsFewWordsAsPossible() throws {
        let found = try #require(try match("* and *", "a and b and c"))
        #expect(found.positional == ["a", "b and c"])
        let named = try #require(try match("{x} {y}", "a b c"))
        #expect(named.named == ["x": "a", "y": "b c"])
    }

    @Test func longerAlternativesAreTriedFirst() throws {
        let found = try #require(try match("(a|a b) *", "a b c"))
        #expect(found.positional == ["c"])
        // Length is the fewest words an alternative can match: "x *" counts 1, "x y" counts 2.
        let byMinimum = try #require(try match("(x *|x y) *", "x y z"))
        #expect(byMinimum.positional == ["", "z"])
        // Ties keep the written order.
        let tie = try #require(try match("(_ b|a _) *", "a b c"))
        #expect(tie.positional == ["a", "", "c"])
        let tie2 = try #require(try match("(a _|_ b) *", "a b c"))
        #expect(tie2.positional == ["b", "", "c"])
    }

    @Test func longerConceptEntriesAreTriedFirst() throws {
        let found = try #require(try match("~place {rest:*}", "new york city lights"))
        #expect(found.named == ["rest": "lights"])
        let fallback = try #require(try match("~place {rest:*}", "new jersey"))
        #expect(fallback.named == ["rest": "jersey"])
    }

    @Test func optionalGroupTriesItsAlternativesBeforeSkipping() throws {
        let found = try #require(try match("* [very] {x}", "very very good"))
        #expect(found.positional == [""])
        #expect(found.named == ["x": "very good"])
        let taken = try #require(try match("[{a}] {b}", "one two"))
        #expect(taken.named == ["a": "one", "b": "two"])
    }

    @Test func firstElementsAreAsLazyAsPossibleEvenIfLaterOnesGetMore() throws {
        let found = try #require(try match("{a:*} [b] {c:*}", "b b"))
        #expect(found.named == ["a": "", "c": "b"])
    }

    @Test func captureUsedTwiceKeepsTheLastThatTookPart() throws {
        let both = try #require(try match("{x} and {x}", "salt and pepper"))
        #expect(both.named == ["x": "pepper"])
        let one = try #require(try match("{x} [with {x:_}]", "tea"))
        #expect(one.named == ["x": "tea"])
        let absent = try #require(try match("hi [{name}]", "hi"))
        #expect(absent.named == ["name": ""])
        #expect(absent.value(of: "name") == "")
    }

    @Test func literalWordsAndSpecificity() throws {
        let p = try pattern("Hello, (World|big wide world) [again] ~greeting _ # * {x} {y:_}")
        #expect(p.literalWords == ["hello", "world", "big", "wide", "world", "again"])
        #expect(p.specificity == Specificity(literals: 2, concepts: 1, singles: 3, multis: 2))
        #expect(try pattern("(* a|b c)").specificity == Specificity(literals: 1, concepts: 0, singles: 0, multis: 0))
        #expect(try pattern("[auto *]").specificity == Specificity(literals: 1, concepts: 0, singles: 0, multis: 1))
    }

    @Test func specificityOrdering() {
        func s(_ l: Int, _ c: Int, _ o: Int, _ m: Int) -> Specificity {
            Specificity(literals: l, concepts: c, singles: o, multis: m)
        }
        #expect(s(2, 0, 0, 5) > s(1, 9, 9, 0))
        #expect(s(1, 1, 0, 5) > s(1, 0, 9, 0))
        #expect(s(1, 1, 1, 5) > s(1, 1, 0, 0))
        #expect(s(1, 1, 1, 0) > s(1, 1, 1, 1))
        #expect(!(s(0, 0, 0, 1) > .zero))
        #expect(s(0, 0, 0, 0) == .zero)
    }

    @Test func controlPatternsMatchTheInsideOfControlInputs() throws {
        func control(_ source: String, _ input: String) throws -> PatternMatch? {
            let p = try pattern(source)
            #expect(p.isControl)
            return p.match(try #require(ControlInput.parse(input)).tokens)
        }
        #expect(try control("[auto *]", "[auto]") != nil)
        #expect(try control("[auto *]", "[auto +02:00]")?.positional == ["+02:00"])
        #expect(try control("[idle {n:#}]", "[idle 3]")?.named == ["n": "3"])
        #expect(try control("[idle {n:#}]", "[idle soon]") == nil)
        #expect(try control("[restart *]", "[restart 2880]")?.positional == ["2880"])
        #expect(try control("[a|b]", "[b]") != nil)
        #expect(try control("[a|b]", "[]") == nil)
        #expect(try control("[a|b c]", "[b c]") != nil)
        #expect(try control("[navigate [to] {page}]", "[navigate products]")?.named == ["page": "products"])
    }

    @Test func leadingWordIsTheFirstLiteral() throws {
        #expect(try pattern("[idle {n:#}]").leadingWord == "idle")
        #expect(try pattern("[Idle]").leadingWord == "idle")
        #expect(try pattern("[* idle]").leadingWord == nil)
        #expect(try pattern("[(idle|wait) *]").leadingWord == nil)
        #expect(try pattern("Hello, world").leadingWord == "hello")
    }

    @Test func onlyASingleBracketedGroupIsAControlPattern() throws {
        #expect(try pattern("[auto]").isControl)
        #expect(try pattern("  [auto] ").isControl)
        #expect(try !pattern("[please] help").isControl)
        #expect(try !pattern("[a] [b]").isControl)
        #expect(try !pattern("(auto)").isControl)
        #expect(try pattern("[a] [b]").match(TextNormalizer.tokens(of: "b")) != nil)
    }

    @Test func pathologicalInputCompletes() throws {
        let words = Array(repeating: "a", count: 2048)
        let text = words.joined(separator: " ")
        #expect(text.unicodeScalars.count == 4095)
        let tokens = TextNormalizer.tokens(of: text)
        let failing = try pattern("* * * * a * * * b * * c")
        #expect(failing.match(tokens) == nil)
        let nested = try pattern("* (* a|a *) [* a] * * b")
        #expect(nested.match(tokens) == nil)
        let succeeding = try pattern("* * * * a * * * {x:_} * * a")
        let found = try #require(succeeding.match(tokens))
        #expect(found.positional.prefix(4) == ["", "", "", ""])
        #expect(found.named == ["x": "a"])
        #expect(found.positional.count == 9)
        #expect(found.positional[7] == "")
        #expect(found.positional[8].split(separator: " ").count == 2045)
        let lazyAfterAll = try #require(try pattern("{x:*} a").match(tokens))
        #expect(lazyAfterAll.named["x"]?.count == 4093)
    }
}

extension PatternMatchingTests {
    @Test func ambiguousGroupTiesKeepWrittenOrder() throws {
        // "_ ok" and "very +" both need two words; "_ ok" is tried first and fails, then "very +"
        // takes as little as it can, and the rest falls to the final star.
        let found = try #require(try match("* is (_ ok|very +) [# times] {name} *", "it is very very happy 3 times Tom now"))
        #expect(found.positional == ["it", "", "very", "", "3 times Tom now"])
        #expect(found.named == ["name": "happy"])
    }
}
