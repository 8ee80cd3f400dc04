"""The table model sorts in Python: by each column's key, empty cells first when ascending."""

from PySide6.QtCore import Qt

from leukotrack.gui.models.record_table import Column, RecordTableModel


def test_sort_by_key_with_empty_cells(qapp: object) -> None:
    columns = [
        Column("Name", lambda r: r[0], lambda r: r[0]),
        Column("Value", lambda r: "" if r[1] is None else str(r[1]), lambda r: r[1], numeric=True),
    ]
    model = RecordTableModel(columns)
    model.set_records([("a", 3), ("b", None), ("c", 1)])
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.record(i)[0] for i in range(3)] == ["b", "c", "a"]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.record(i)[0] for i in range(3)] == ["a", "c", "b"]
    model.set_records([("d", 2), ("e", 5)])  # new records keep the chosen order
    assert [model.record(i)[0] for i in range(2)] == ["e", "d"]
    assert model.data(model.index(0, 1)) == "5"
