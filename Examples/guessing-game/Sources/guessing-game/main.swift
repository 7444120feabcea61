import GuessingGame
import ParleyCLI

// The whole `parley` command line, with the game added to the built-in worlds:
// `swift run guessing-game serve --config config.yml`.
await ParleyCLI.main(registry: .guessingGame)
