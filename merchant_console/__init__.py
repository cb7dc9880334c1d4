"""Merchant Console (商家退款工作台)."""

__version__ = "0.1.0"
