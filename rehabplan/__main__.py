from rehabplan.cli import run

run()
