/// A webhook body Parley cannot read; says what is wrong with it.
struct MessengerEventError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
