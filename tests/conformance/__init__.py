"""In-process runner for mypy's ``check-*.test`` data against tycheck.

``cases`` parses the data files, ``casedir`` lays a case out on disk, ``harness``
rebuilds the options and output normalisation of mypy's test harness, ``execute``
runs one case, ``pool`` runs many in worker processes with timeouts, and ``runner``
is the command line (``python -m tests.conformance.runner``).
"""
