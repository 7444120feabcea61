import Testing
@testable import ParleyMind

@Suite("Facts and conditions (section 4)")
struct FactTests {
    @Test("facts parse and print canonically")
    func canonical() throws {
        let facts = try FactSyntax.facts(#"UserName(Joe) Visited("the shop") Greeting Empty() Price(rocketsled, 100) Q("a\"b", "_")"#)
        #expect(facts.map(\.description) == [
            "UserName(Joe)", #"Visited("the shop")"#, "Greeting", "Empty", "Price(rocketsled, 100)", #"Q("a\"b", "_")"#,
        ])
        #expect(facts[3].arguments.isEmpty)
    }

    @Test("syntax errors say what and at which column", arguments: [
        ("UserName(Joe", "missing ')' at column 13"),
        ("1Name", "expected a fact name, found '1' at column 1"),
        ("Name(a b)", "expected ',' or ')', found 'b' at column 8"),
        ("Name(?)", "expected a variable name after '?', found ')' at column 7"),
        (#"Name("open)"#, "unterminated string at column 6"),
        ("Name(a) x", "unexpected 'x' at column 9"),
    ])
    func syntaxErrors(text: String, message: String) {
        #expect {
            _ = try FactSyntax.pattern(text)
        } throws: { error in
            (error as? FactSyntax.SyntaxError)?.description == message
        }
    }

    @Test("conditions parse: facts, negation, comparisons")
    func conditions() throws {
        #expect(try FactSyntax.condition("UserName(?n)") == .fact(FactPattern(name: "UserName", terms: [.variable("n")])))
        #expect(try FactSyntax.condition("not Visited(products)")
            == .absent(FactPattern(name: "Visited", terms: [.value("products")])))
        #expect(try FactSyntax.condition("?n != joe") == .comparison(.variable("n"), .notEqual, .value("joe")))
        #expect(try FactSyntax.condition("{minutes} >= 60") == .comparison(.capture("minutes"), .greaterOrEqual, .value("60")))
        #expect(try FactSyntax.condition(#"?p < "1 000""#) == .comparison(.variable("p"), .less, .value("1 000")))
        #expect(try FactSyntax.condition("Likes(?n, _)") == .fact(FactPattern(name: "Likes", terms: [.variable("n"), .wildcard])))
        #expect(throws: FactSyntax.SyntaxError.self) { try FactSyntax.condition("_ = x") }
        #expect(throws: FactSyntax.SyntaxError.self) { try FactSyntax.condition("?n =") }
    }

    @Test("values compare case-insensitively and keep their spelling")
    func unification() throws {
        let fact = Fact(name: "UserName", arguments: ["Joe"])
        let pattern = try FactSyntax.pattern("UserName(joe)")
        #expect(pattern.unify(with: fact, Bindings()) != nil)
        let variable = try FactSyntax.pattern("UserName(?n)")
        #expect(variable.unify(with: fact, Bindings())?.variables["n"] == "Joe")
        let twice = try FactSyntax.pattern("Pair(?x, ?x)")
        #expect(twice.unify(with: Fact(name: "Pair", arguments: ["A", "a"]), Bindings()) != nil)
        #expect(twice.unify(with: Fact(name: "Pair", arguments: ["A", "b"]), Bindings()) == nil)
        #expect(variable.unify(with: Fact(name: "UserName", arguments: ["Joe", "x"]), Bindings()) == nil)
        #expect(Fact(name: "Ä", arguments: ["ÉCOLE"]).isSame(as: Fact(name: "Ä", arguments: ["école"])))
    }

    @Test("numeric comparisons are exact decimals, false for non-numbers")
    func comparisons() {
        #expect(ComparisonOperator.greaterOrEqual.holds("60", "60.0"))
        #expect(ComparisonOperator.less.holds("-3", "2.5"))
        #expect(ComparisonOperator.less.holds("0.1", "0.10000000000000000001"))
        #expect(ComparisonOperator.greater.holds("100", "99.999"))
        #expect(ComparisonOperator.less.holds("-10", "-9"))
        #expect(!ComparisonOperator.less.holds("-0", "0"))
        #expect(!ComparisonOperator.less.holds("abc", "5"))
        #expect(!ComparisonOperator.greaterOrEqual.holds("1e3", "5"))
        #expect(!ComparisonOperator.equal.holds("100", "100.0"))
        #expect(ComparisonOperator.equal.holds("Joe", "JOE"))
        #expect(ComparisonOperator.notEqual.holds("Joe", "Ann"))
    }

    @Test("conditions backtrack to the first solution, facts in order turn, world, static")
    func backtracking() throws {
        let facts = FactBase(
            turn: [Fact(name: "Likes", arguments: ["ann", "tea"])],
            world: [Fact(name: "Likes", arguments: ["bob", "coffee"]), Fact(name: "Person", arguments: ["bob"])],
            statics: ["Person": [Fact(name: "Person", arguments: ["ann"])]])
        let solver = ConditionSolver(facts: facts, budget: UnificationBudget())
        let conditions = try ["Likes(?p, ?d)", "Person(?p)", "?d != tea"].map(FactSyntax.condition)
        #expect(solver.solve(conditions, Bindings())?.variables == ["p": "bob", "d": "coffee"])
        let first = try ["Likes(?p, ?d)", "Person(?p)"].map(FactSyntax.condition)
        #expect(solver.solve(first, Bindings())?.variables == ["p": "ann", "d": "tea"])
        let negated = try ["Person(?p)", "not Likes(?p, coffee)"].map(FactSyntax.condition)
        #expect(solver.solve(negated, Bindings())?.variables == ["p": "ann"])
        let none = try ["Person(?p)", "not Likes(?p, _)"].map(FactSyntax.condition)
        #expect(solver.solve(none, Bindings()) == nil)
    }

    @Test("one turn may try at most 10,000 unifications; then the condition is false and the trace says so")
    func budget() throws {
        let facts = (0..<200).map { Fact(name: "N", arguments: ["\($0)"]) }
        let base = FactBase(turn: [], world: facts, statics: [:])
        let budget = UnificationBudget()
        let solver = ConditionSolver(facts: base, budget: budget)
        // 200 x 200 pairs need 200 + 200*200 tries before failing: more than the budget.
        let impossible = try ["N(?a)", "N(?b)", "?a = x"].map(FactSyntax.condition)
        #expect(solver.solve(impossible, Bindings()) == nil)
        #expect(budget.used == UnificationBudget.limit)
        #expect(budget.isExhausted)
        // Spent: even an easy condition now fails.
        #expect(solver.solve([try FactSyntax.condition("N(5)")], Bindings()) == nil)

        let world = facts.map(\.description).joined(separator: " ")
        let mind = try MindFixtures.mind(MindFixtures.rules("""
                  - {kind: respond, input: "go", when: ["N(?a)", "N(?b)", "?a = x"], say: "impossible"}
                  - {kind: respond, input: "go", when: ["N(5)"], say: "five"}
                  - {kind: respond, input: "*", say: "fallback"}
            """))
        var trace = TurnTrace()
        let reply = try mind.reply(to: "go", data: try ConversationData(json: ["world": .string(world)]), trace: &trace)
        #expect(reply.output == "fallback")
        #expect(trace.notes.contains { $0.contains("budget") })
    }
}
