"""rehabplan: a runner's knee problem turned into a dated rehab and return-to-run plan."""

__version__ = "0.1.0"
