/// One model of a compiled mind: its states and groups.
struct CompiledModel: Sendable {
    /// A state and the groups it belongs to.
    struct State: Sendable {
        let name: String
        let groups: Set<Int>
    }

    let name: String
    let groups: [String]
    let states: [State]
    /// The active state of a new conversation.
    let initial: Int?

    /// The index of the state with this name.
    func state(named name: String) -> Int? {
        states.firstIndex { $0.name == name }
    }

    /// True when a rule of this scope is enabled while `active` is the active state.
    func enables(_ scope: CompiledRule.Scope, active: Int?) -> Bool {
        switch scope {
        case .model: return true
        case .state(let state): return active == state
        case .group(let group):
            guard let active else { return false }
            return states[active].groups.contains(group)
        }
    }
}
