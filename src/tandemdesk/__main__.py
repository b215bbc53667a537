"""``python -m tandemdesk`` runs the CLI."""

from tandemdesk.cli import main

main()
