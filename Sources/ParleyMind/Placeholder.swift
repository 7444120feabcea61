// Replaced by the Mind engine.
