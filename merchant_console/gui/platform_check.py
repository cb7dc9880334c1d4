"""Before Qt starts on Linux: can its X11 (xcb) platform plugin load? If not, say which system libraries
are missing, in plain words, instead of Qt's abort that names only one of them ("xcb-cursor0 is needed").

Imports nothing of Qt's: loading the plugin is the test (`ctypes`), and `ldd` lists every missing library
at once where it exists.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# sonames whose Debian/Ubuntu package name does not follow the usual rule (see `debian_package`)
PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
}


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships a library: libxcb-icccm.so.4 -> libxcb-icccm4,
    libxkbcommon-x11.so.0 -> libxkbcommon-x11-0 (a dash where the name ends in a digit)."""
    if soname in PACKAGES:
        return PACKAGES[soname]
    m = re.fullmatch(r"(lib[\w.+-]*?)\.so\.(\d+)(?:\.\d+)*", soname)
    if not m:
        return soname
    name, major = m.group(1).lower(), m.group(2)
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def xcb_plugin() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    path = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.is_file() else None


def missing_from_ldd(output: str) -> list[str]:
    """The libraries `ldd` reports as 'not found', in order, once each."""
    seen: list[str] = []
    for line in output.splitlines():
        m = re.match(r"\s*(\S+)\s+=>\s+not found", line)
        if m and m.group(1) not in seen:
            seen.append(m.group(1))
    return seen


def missing_libraries(plugin: Path) -> list[str]:
    """The system libraries `plugin` needs and this machine lacks ([] when it loads)."""
    try:
        ctypes.CDLL(str(plugin))
        return []
    except OSError as e:
        first = re.match(r"([^:\s]+): cannot open shared object file", str(e))
        found = [first.group(1)] if first else []
    ldd = shutil.which("ldd")
    if ldd:
        try:
            out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20).stdout
            found = missing_from_ldd(out) or found
        except (OSError, subprocess.SubprocessError):
            pass
    return found or ["(a library the loader did not name)"]


def explain(missing: list[str], needs: str = "Qt's X11 (xcb) platform needs") -> str:
    packages = " ".join(dict.fromkeys(debian_package(lib) for lib in missing))
    return (f"Merchant Console cannot open its window: {needs} these system libraries, "
            f"which this computer lacks:\n  {', '.join(missing)}\n"
            f"On Debian or Ubuntu install them with:\n  sudo apt-get install {packages}\n"
            "(On other systems, install the packages that provide these files. The command-line tools, "
            "e.g. `merchant-console status`, work without them.)")


def check_before_qt() -> str | None:
    """None when Qt can start (or the check does not apply); else the message to print."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None        # offscreen, wayland, …: not the xcb plugin
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None        # Qt may pick Wayland; its own message is better than a guess here
    plugin = xcb_plugin()
    if plugin is None:
        return None
    missing = missing_libraries(plugin)
    return explain(missing) if missing else None


def explain_import_error(error: ImportError) -> str | None:
    """Qt's own libraries failed to load because a system library is missing (libEGL, libxkbcommon…)."""
    m = re.search(r"(lib[\w.+-]+\.so[.\d]*): cannot open shared object file", str(error))
    return explain([m.group(1)], "Qt needs") if m else None
