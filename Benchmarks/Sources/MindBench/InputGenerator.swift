/// Generates the inputs of a benchmark run: inputs that some rule matches, everyday sentences
/// that few rules match, long inputs, and control inputs.
enum InputGenerator {
    static func inputs(count: Int, for mind: MindGenerator.Output, seed: UInt64) -> [String] {
        var random = BenchRandom(seed: seed)
        let vocabulary = mind.vocabulary
        var inputs: [String] = []
        inputs.reserveCapacity(count)
        for _ in 0..<count {
            let roll = Double.random(in: 0..<1, using: &random)
            if roll < 0.5, let pattern = mind.patterns.randomElement(using: &random) {
                inputs.append(pattern.input(vocabulary: vocabulary, concepts: mind.concepts, random: &random))
            } else if roll < 0.85 {
                let words = [vocabulary.starter(&random)]
                    + (0..<Int.random(in: 2...12, using: &random)).map { _ in vocabulary.word(&random) }
                inputs.append(words.joined(separator: " ") + "?")
            } else if roll < 0.95 {
                let words = (0..<Int.random(in: 40...300, using: &random)).map { _ in vocabulary.word(&random) }
                inputs.append(words.joined(separator: " "))
            } else {
                let controls = ["[auto]", "[idle 30]", "[idle 5]", "[restart 60]", "[navigate \(vocabulary.word(&random))]"]
                inputs.append(controls.randomElement(using: &random)!)
            }
        }
        return inputs
    }
}
