from lib import X, Base
reveal_type(X(1).hello())
x: str = X(1)
