"""`python -m aws_vault`."""

from aws_vault.cli.main import main

raise SystemExit(main())
