"""The shareable report's sections: what a feature adds to the report file (`sections`); the
check feature builds the file from its rounds (`bot/check/report_build.py`) and writes it as
HTML (`report_html.py`)."""
