"""CSV parsing and writing: both layouts, header matching, decimal commas, dates, formula guard."""

from datetime import datetime

import pytest

from leukotrack.domain.records import Draw, Result
from leukotrack.io.csv_format import parse_csv, read_date
from leukotrack.io.csv_write import csv_rows, guard, write_csv
from leukotrack.io.parsed import FileFormatError

NOW = datetime(2026, 1, 1)


def parse(text: str, date_format: str | None = None):
    return parse_csv(text.encode(), "t.csv", date_format, NOW)


def values(p):
    return {(d.taken_at, r.result.analyte): r.result for d in p.draws.values() for r in d.results}


def test_long_layout_with_time_lab_and_range() -> None:
    p = parse(
        "date,time,analyte,value,unit,ref_low,ref_high,lab\n"
        "2025-03-03,09:30,WBC,3.1,K/uL,4.0,11.0,City Lab\n"
        "2025-03-03,09:30,anc,800,/uL,1500,7700,City Lab\n"
    )
    got = values(p)
    t = datetime(2025, 3, 3, 9, 30)
    assert got[(t, "wbc")].value == 3.1 and got[(t, "wbc")].ref_low == 4.0
    assert got[(t, "anc")].value == pytest.approx(0.8)
    assert got[(t, "anc")].ref_high == pytest.approx(7.7)
    assert p.draws[t].lab == "City Lab" and p.rows == 2 and p.problems == []


def test_wide_layout_units_in_headers_and_names() -> None:
    p = parse(
        "Date;WBC (K/uL);ANC (/uL);Hb [g/dL];Platelet count;Leukocytes [#/volume] in Blood\n"
        "2025-03-03;3,1;1200;12,5;180;\n"
    )
    got = {k[1]: v for k, v in values(p).items()}
    assert got["wbc"].value == 3.1
    assert got["anc"].value == pytest.approx(1.2)
    assert got["hemoglobin"].value == 12.5
    assert got["platelets"].value == 180
    assert p.problems == []


def test_loinc_display_name_header_matches() -> None:
    p = parse("date,Leukocytes [#/volume] in Blood by Automated count\n2025-01-01,4.2\n")
    assert [k[1] for k in values(p)] == ["wbc"]


def test_unknown_wide_column_is_left_out_with_a_note() -> None:
    p = parse("date,WBC,Notes\n2025-01-01,4.2,felt fine\n")
    assert [k[1] for k in values(p)] == ["wbc"]
    assert p.problems[0].skipped and "Notes" in p.problems[0].message


def test_decimal_comma_in_long_layout_with_semicolons() -> None:
    p = parse("date;analyte;value;unit\n2025-01-01;wbc;4,5;10^9/L\n")
    assert next(iter(values(p).values())).value == 4.5


def test_ambiguous_date_refused_unless_format_given() -> None:
    text = "date,analyte,value,unit\n03/05/2024,wbc,4.5,K/uL\n"
    p = parse(text)
    assert (
        p.blocking and "--date-format" in p.blocking[0].message and p.blocking[0].where == "line 2"
    )
    p2 = parse(text, "%d/%m/%Y")
    assert list(p2.draws) == [datetime(2024, 5, 3)]
    p3 = parse(text, "%m/%d/%Y")
    assert list(p3.draws) == [datetime(2024, 3, 5)]


def test_unambiguous_local_date_read() -> None:
    assert read_date("25/03/2024") == datetime(2024, 3, 25)
    assert read_date("03/25/2024 08:15") == datetime(2024, 3, 25, 8, 15)
    assert read_date("2024-03-25T08:15") == datetime(2024, 3, 25, 8, 15)


def test_comparator_and_non_numeric_cells() -> None:
    p = parse("date,analyte,value,unit\n2025-01-01,anc,<0.5,K/uL\n2025-01-01,wbc,pending,K/uL\n")
    got = {k[1]: v for k, v in values(p).items()}
    assert got["anc"].comparator == "<" and got["anc"].value == 0.5
    assert "wbc" not in got and p.problems[0].skipped and not p.blocking


def test_bad_rows_are_listed_with_line_numbers() -> None:
    p = parse(
        "date,analyte,value,unit\n2025-01-01,wbc,4500,K/uL\n2025-13-01,wbc,4,K/uL\n"
        "2025-01-02,hb,12,bananas\n"
    )
    assert [x.where for x in p.blocking] == ["line 2", "line 3", "line 4"]


def test_unknown_analyte_in_long_layout_is_left_out() -> None:
    p = parse("date,analyte,value,unit\n2025-01-01,sodium,140,mmol/L\n2025-01-01,wbc,4,K/uL\n")
    assert [k[1] for k in values(p)] == ["wbc"] and p.problems[0].skipped


def test_temperature_rows() -> None:
    p = parse("date,time,analyte,value,unit\n2025-01-01,22:00,temperature,101.5,F\n")
    assert p.temperatures[0].item.celsius == pytest.approx(38.611, abs=0.001)


def test_no_header_we_know_is_a_file_error() -> None:
    with pytest.raises(FileFormatError):
        parse("a,b,c\n1,2,3\n")
    with pytest.raises(FileFormatError):
        parse("date,colour\n2025-01-01,red\n")


def test_formula_guard_and_round_trip() -> None:
    assert guard("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert guard("+1") == "'+1" and guard("-1") == "'-1" and guard("@x") == "'@x"
    assert guard("3.1") == "3.1"
    draw = Draw(
        datetime(2025, 1, 1, 8, 0, 5),
        (Result("wbc", 3.123456789, "3.123456789 K/µL", None, 4.0, 11.0),),
        lab="=cmd|' /C calc'!A0",
        source="manual",
    )
    text = write_csv(csv_rows([draw]))
    assert ",'=cmd" in text
    p = parse_csv(text.encode(), "x.csv", None, NOW)
    (d,) = p.draws.values()
    assert d.taken_at == draw.taken_at and d.lab == draw.lab and d.source == "manual"
    r = d.results[0].result
    assert (r.value, r.entered, r.ref_low, r.ref_high) == (
        3.123456789,
        "3.123456789 K/µL",
        4.0,
        11.0,
    )


def test_a_date_in_another_format_shows_an_example() -> None:
    from leukotrack.domain.errors import InputError
    from leukotrack.io.csv_format import read_date

    with pytest.raises(InputError, match=r"'2024-31-12' is not written like 31/12/2024"):
        read_date("2024-31-12", "%d/%m/%Y")


def test_iso_dates_are_read_whatever_date_format_is_given() -> None:
    from datetime import datetime

    from leukotrack.io.csv_format import read_date

    assert read_date("2024-05-03", "%d/%m/%Y") == datetime(2024, 5, 3)
    assert read_date("03/05/2024", "%d/%m/%Y") == datetime(2024, 5, 3)


# -- printed names and units from real reports (issue 12) --------------------------------------
def test_wide_headers_in_other_languages_with_their_units() -> None:
    p = parse(
        "Datum;Leukozyten (G/l);Neutrophile abs. (Tsd/µl);Hämoglobin (g/dl);Thrombozyten (/nl)\n"
        "2025-03-03;3,1;1,2;12,5;180\n"
    )
    got = {k[1]: v.value for k, v in values(p).items()}
    assert got == {"wbc": 3.1, "anc": 1.2, "hemoglobin": 12.5, "platelets": 180}


def test_long_layout_reads_printed_names_and_units() -> None:
    p = parse(
        "date,analyte,value,unit\n"
        "2025-03-03,Neut Abs,1.4,x10E3/uL\n"
        "2025-03-03,Neutrophils,45,%\n"
        "2025-03-03,Polynucléaires neutrophiles,1.4,G/L\n"
        "2025-03-03,Platelet Count,162,Thousand/uL\n"
        "2025-03-03,IG#,0.02,K/uL\n"
    )
    got = {k[1]: v.value for k, v in values(p).items()}
    assert got == {"anc": 1.4, "neutrophils_pct": 45, "platelets": 162}
    (ig,) = p.problems
    assert ig.skipped and "immature granulocytes" in ig.message and ig.where == "line 6"


def test_an_open_name_column_is_decided_by_each_cell_unit() -> None:
    p = parse("date,Neutrophils\n2025-03-03,55 %\n2025-03-04,1.7 x10^9/L\n2025-03-05,1.7\n")
    got = {k[1]: v.value for k, v in values(p).items()}
    assert got == {"neutrophils_pct": 55, "anc": 1.7}
    (open_cell,) = p.blocking
    assert open_cell.where == "line 4, Neutrophils" and "count or a percentage" in open_cell.message


def test_never_mapped_column_is_left_out_with_the_reason() -> None:
    p = parse("date,WBC (K/uL),Immature Granulocytes (%)\n2025-03-03,3.1,0.4\n")
    assert [k[1] for k in values(p)] == ["wbc"]
    (col,) = p.problems
    assert col.skipped and col.where == "column 3" and "never read as neutrophils" in col.message


def test_cell_unit_and_column_unit_of_the_same_scale_agree() -> None:
    p = parse("date,analyte,value,unit\n2025-03-03,wbc,3.1 x10^9/L,K/mcL\n")
    assert p.problems == [] and next(iter(values(p).values())).value == 3.1
