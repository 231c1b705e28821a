"""Drop-down lists: every option set once on a hidden sheet, so an option holding a comma
(「1,000人未満」) stays whole, and a wrong entry is refused with a Japanese message."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

SHEET = "選択肢"
ERROR_TITLE = "選択肢にない値です"
ERROR = "この欄は＜選択肢＞の中から選んでください（右の▼で一覧を開けます）。"


class ChoiceLists:
    """The hidden 選択肢 sheet: one column per option set, shared by every sheet of the workbook."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.sheet: Worksheet | None = None
        self.ranges: dict[tuple[str, ...], str] = {}

    def formula(self, choices: tuple[str, ...]) -> str:
        """The range holding `choices` (written on first use), as a validation formula."""
        if choices not in self.ranges:
            if self.sheet is None:
                self.sheet = self.wb.create_sheet(SHEET)
            col = len(self.ranges) + 1
            for r, text in enumerate(choices, start=1):
                cell = self.sheet.cell(row=r, column=col)
                cell.value = text
                cell.data_type = "s"
            letter = get_column_letter(col)
            self.ranges[choices] = f"{quote_sheetname(SHEET)}!${letter}$1:${letter}${len(choices)}"
        return self.ranges[choices]

    def finish(self) -> None:
        """Move the list sheet last and hide it (still reachable through 再表示 for a curious reader)."""
        if self.sheet is not None:
            self.wb.move_sheet(self.sheet, len(self.wb.sheetnames) - 1 - self.wb.index(self.sheet))
            self.sheet.sheet_state = "hidden"


def validation(formula: str) -> DataValidation:
    """A list validation that refuses any value not in the list, with a Japanese title and message."""
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
    dv.errorStyle = "stop"
    dv.errorTitle = ERROR_TITLE
    dv.error = ERROR
    return dv
