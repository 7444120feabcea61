import ParleyCLI
import SurveyTasks

// The whole `parley` command line, with the survey's worlds added to the built-in ones:
// `swift run survey serve --config config.yml`.
await ParleyCLI.main(registry: .survey)
