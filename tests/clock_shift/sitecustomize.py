"""Run the suite with Python's wall clock moved by H hours (every process, subprocesses too):

    PYTHONPATH=tests/clock_shift H=17 .venv/bin/python -m pytest -q -p no:time_machine \
        -W ignore::pytest.PytestAssertRewriteWarning

Nothing may depend on the hour the tests happen to run at; this shows it (time-machine patches
time.time and datetime, not the monotonic clock). Does nothing unless H is set.
"""

import os

if os.environ.get("H"):
    import time

    import time_machine

    time_machine.travel(time.time() + float(os.environ["H"]) * 3600, tick=True).start()
