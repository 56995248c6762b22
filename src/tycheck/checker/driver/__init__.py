"""The module driver: checking a whole module, its classes and its functions."""
