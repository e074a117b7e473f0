class Spreadsheet:
    def __init__(self) -> None:
        self.cells: dict[str, float] = {}

    def set(self, cell: str, formula: str) -> None:
        self.cells[cell] = eval(formula, {"__builtins__": None}, self.cells)


if __name__ == "__main__":
    sheet = Spreadsheet()
    sheet.set("a", "1 + 2")
    print(sheet.cells)
