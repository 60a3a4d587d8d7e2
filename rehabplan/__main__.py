from rehabplan.cli import main

main()
