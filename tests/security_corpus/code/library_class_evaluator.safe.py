class Spreadsheet:
    def __init__(self) -> None:
        self.cells: dict[str, float] = {}

    def set(self, cell: str, formula: str) -> None:
        self.cells[cell] = sum(self.cells.get(part.strip(), 0.0) if part.strip().isalpha() else float(part) for part in formula.split("+"))


if __name__ == "__main__":
    sheet = Spreadsheet()
    sheet.set("a", "1 + 2")
    print(sheet.cells)
