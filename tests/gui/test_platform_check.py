"""When Qt's X11 plugin cannot load, the console names every missing library and the package to install."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from merchant_console import cli
from merchant_console.gui import platform_check

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
"""


def test_ldd_output_lists_each_missing_library_once():
    assert platform_check.missing_from_ldd(LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


@pytest.mark.parametrize("soname, package", [
    ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libEGL.so.1", "libegl1"), ("libglib-2.0.so.0", "libglib2.0-0"), ("libdbus-1.so.3", "libdbus-1-3"),
    ("libfontconfig.so.1", "libfontconfig1"), ("libX11-xcb.so.1", "libx11-xcb1"),
])
def test_the_debian_package_for_each_library_qt_needs(soname, package):
    assert platform_check.debian_package(soname) == package


@pytest.fixture
def plugin_missing_a_library(tmp_path) -> Path:
    """A shared object linked against a library that is then removed, as libqxcb.so is on a bare system."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build the stand-in plugin")
    (tmp_path / "dep.c").write_text("int mc_dep(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int mc_dep(void);\nint mc_plugin(void) { return mc_dep(); }\n")
    dep = tmp_path / "libmc-gone.so.7"
    subprocess.run([cc, "-shared", "-fPIC", "-Wl,-soname,libmc-gone.so.7", "-o", str(dep), str(tmp_path / "dep.c")],
                   check=True)
    plugin = tmp_path / "libqxcb.so"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(plugin), str(tmp_path / "plugin.c"), str(dep)], check=True)
    dep.unlink()
    return plugin


def test_a_plugin_that_cannot_load_names_its_missing_library(plugin_missing_a_library):
    assert platform_check.missing_libraries(plugin_missing_a_library) == ["libmc-gone.so.7"]


def test_the_console_says_what_to_install_instead_of_aborting(plugin_missing_a_library, monkeypatch, capsys):
    monkeypatch.setattr(platform_check, "xcb_plugin", lambda: plugin_missing_a_library)
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert cli.main([]) == 1
    err = capsys.readouterr().err
    assert "libmc-gone.so.7" in err and "sudo apt-get install libmc-gone7" in err
