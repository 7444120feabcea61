// Replaced by the built-in worlds.
