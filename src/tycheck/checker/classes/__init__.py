"""Special kinds of classes (dataclasses, attrs, enums, NamedTuple, TypedDict) and member access."""
