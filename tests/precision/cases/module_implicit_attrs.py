# The implicit module attributes have mypy's types (__package__ and __doc__ are str:
# urllib3's files(__package__)).
from importlib.resources import files

reveal_type(__package__)
reveal_type(__doc__)
reveal_type(__file__)
reveal_type(__name__)
reveal_type(__annotations__)
files(__package__)
