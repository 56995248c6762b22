"""Declarations: annotations into types, type variables, class facts and MRO, signatures, decorators."""
