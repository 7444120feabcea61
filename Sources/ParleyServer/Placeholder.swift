// Replaced by the network edge.
