import ParleyWorlds

/// The world runtime is what the chat services put people into.
extension WorldRuntime: PersonHost {}
