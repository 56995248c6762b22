"""``tycheckd lsp``: a language server over the same service as the daemon and the batch run.

Modules: ``server`` (the pygls server and its handlers), ``scheduler`` (debounced checks on a
worker thread and what gets published), ``convert`` (tycheck's messages as LSP diagnostics),
``actions`` (the ignore/disable code actions), ``worker`` (the one thread that owns the
session).
"""
