"""`from . import sub` in a package makes pkg.sub the submodule, not Any."""
import pkg
import pkg.testing

reveal_type(pkg.testing)
pkg.testing.Y
reveal_type(pkg.testing.X)
reveal_type(pkg.other.Z)
pkg.other.W
