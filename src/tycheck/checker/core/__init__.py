"""The checker's lowest sub-layer: the program, message texts and the evaluator interface."""
