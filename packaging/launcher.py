"""The frozen app's entry point (PyInstaller): the same `merchant-console` command as the installed one."""

import sys

from merchant_console.entry import main

if __name__ == "__main__":
    sys.exit(main())
