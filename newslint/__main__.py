"""The command line's entry point: ``newslint`` and ``python -m newslint``.

It imports the command line inside :func:`main`, so that Ctrl-C while newslint is still being
imported (the first fifth of a second of a run) ends the run as any other interrupt does: one
line on standard error and exit status 130, not Python's traceback. Nothing here imports more of
newslint than its version.
"""

import sys

#: the exit status of a run ended by Ctrl-C (newslint.interrupts.EXIT_SIGINT: 128 + SIGINT)
_EXIT_SIGINT = 130


def main() -> int:
    try:
        from newslint.cli import main as cli_main

        return cli_main()  # interrupts inside the run end there (newslint.guard), with its cleanup
    except KeyboardInterrupt:
        try:
            sys.stderr.write("newslint: interrupted\n")
            sys.stderr.flush()
        except (OSError, ValueError):  # standard error closed or gone
            pass
        return _EXIT_SIGINT


if __name__ == "__main__":
    sys.exit(main())
