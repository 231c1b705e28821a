"""`piagen init`: a blank model of one form, every item a key with its official label as a comment."""

from piagen.init.skeleton import skeleton

__all__ = ["skeleton"]
