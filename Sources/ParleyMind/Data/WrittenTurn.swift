/// What a turn knew of the data it wrote, so that the next turn of the same mind need not read
/// `states`, `used` and `fired` again: the active state of each model, the size of `states` in
/// JSON, and that `used` and `fired` hold only ids of the mind's rules.
///
/// It is worked out from the data and the mind, so it takes no part in comparing data: any two
/// are equal.
struct WrittenTurn: Sendable, Hashable {
    /// The `MindProgram.identity` of the mind that wrote the data; 0 for none.
    let program: UInt64
    /// The active state of each model, as `states` gives them.
    let states: [Int?]
    /// The size of `states` in the data's JSON text (`ConversationData.statesByteCount`).
    let statesByteCount: Int

    /// Nothing known: data not written by a turn, or changed since.
    static let none = WrittenTurn(program: 0, states: [], statesByteCount: 0)

    static func == (_: WrittenTurn, _: WrittenTurn) -> Bool { true }

    func hash(into hasher: inout Hasher) {}
}
