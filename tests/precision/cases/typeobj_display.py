"""A class object with an overloaded constructor is shown as type[C] in messages."""
x: int = dict
y: int = str
z: int = int
