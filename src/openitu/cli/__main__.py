from openitu.cli.main import main

main()
