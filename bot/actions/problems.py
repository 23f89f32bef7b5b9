"""A refused action command: the message that says what was wrong and the correct form."""

from __future__ import annotations


class Refused(Exception):
    """`message_id` explains the problem (filled with `values`); `form` names the message with
    the correct form and an example, shown underneath."""

    def __init__(self, message_id: str, /, *, form: str = "", **values: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.form = form
        self.values = values
