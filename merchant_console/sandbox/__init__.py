"""The sandbox platform: a real HTTP server implementing the platform contract with realistic data
and the platform's timers, for the demo, for tests, and as a reference for platform vendors."""

from .config import SandboxConfig
from .server import Sandbox, serve
from .world import Faults, World

__all__ = ["Faults", "Sandbox", "SandboxConfig", "World", "serve"]
