"""Entry point for ``python -m tycheck``."""

from tycheck.cli.batch import console_main

if __name__ == "__main__":
    console_main()
