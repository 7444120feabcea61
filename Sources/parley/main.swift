import ParleyCLI
import ParleyTasks

await ParleyCLI.main(registry: .builtIn)
