"""The CLI's tables print each cell as it is: values are data, never Rich markup."""

from __future__ import annotations

import pytest

from openitu.cli.common import print_rows


def test_a_cell_in_brackets_is_printed_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        {"footnote": "5.138", "text": "used [WRC-12] for ISM [bold]applications[/bold]"},
        {"footnote": "5.150", "text": None},
    ]
    print_rows("Footnotes", ["footnote", "text"], rows)
    printed = " ".join(capsys.readouterr().out.split())
    assert "[WRC-12]" in printed
    assert "[bold]applications[/bold]" in printed
