"""OpenITU: the ITU's coordination machinery as open software."""

__version__ = "0.1.0"
