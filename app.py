"""coprod's entry point: `python app.py [serve|check-prompts|…]`."""

from runtime.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
