"""Commands over the record itself: the profile, adding records, listing results, flags."""

from __future__ import annotations

import argparse

from leukotrack.cli.common import (
    Commands,
    UsageError,
    day,
    moment,
    open_records,
    print_json,
)
from leukotrack.domain.analytes import ANALYTES, find
from leukotrack.domain.errors import InputError

# --option -> analyte key, in the order `add result --help` lists them
RESULT_OPTIONS: dict[str, str] = {
    "wbc": "wbc",
    "anc": "anc",
    "neut-pct": "neutrophils_pct",
    "band-pct": "bands_pct",
    "bands": "bands",
    "lymph": "lymphocytes",
    "lymph-pct": "lymphocytes_pct",
    "mono": "monocytes",
    "mono-pct": "monocytes_pct",
    "eos": "eosinophils",
    "eos-pct": "eosinophils_pct",
    "baso": "basophils",
    "baso-pct": "basophils_pct",
    "hgb": "hemoglobin",
    "plt": "platelets",
}


def register(sub: Commands, add: Commands) -> None:
    prof = sub.add_parser("profile", help="show or change the profile")
    prof.add_argument("--name")
    prof.add_argument("--sex", choices=["female", "male"])
    prof.add_argument("--birth-date", metavar="D")
    prof.add_argument("--reference", choices=["adult", "child", "duffy-null"])
    prof.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change a flag threshold (counts in 10^9/L), e.g. anc_mild=1.2; "
        "anc_mild=default goes back to the profile's own",
    )
    prof.add_argument(
        "--clozapine-scheme", choices=["fda", "uk-cpms"], help="clozapine monitoring rules"
    )
    prof.add_argument("--allergies", metavar="TEXT", help="allergies, as free text")
    prof.add_argument("--json", action="store_true", help="print the profile as JSON")

    prof.set_defaults(handler=cmd_profile)
    res = add.add_parser("result", help="a blood count from one draw")
    res.set_defaults(handler=cmd_add)
    res.add_argument("--date", required=True, metavar="D[THH:MM]")
    res.add_argument("--lab", default="")
    for opt, key in RESULT_OPTIONS.items():
        kind = "P" if key.endswith("_pct") else "Q"
        res.add_argument(f"--{opt}", metavar=kind, help=ANALYTES[key].name.replace("%", "%%"))
    res.add_argument(
        "--range",
        action="append",
        default=[],
        metavar="KEY=LOW-HIGH",
        help="the lab's printed range, in the unit of that analyte's value",
    )
    tmp = add.add_parser("temperature", help="a temperature reading")
    tmp.set_defaults(handler=cmd_add)
    tmp.add_argument("--at", required=True, metavar="D[THH:MM]")
    tmp.add_argument("--value", required=True, metavar="Q", help='e.g. "38.4 C" or "101.1 F"')
    med = add.add_parser("medication", help="a medicine")
    med.set_defaults(handler=cmd_add)
    med.add_argument("--name", required=True)
    med.add_argument("--start", required=True, metavar="D")
    med.add_argument("--stop", metavar="D")
    med.add_argument("--dose", default="", metavar="TEXT")
    med.add_argument(
        "--kind",
        default="other",
        choices=["chemotherapy", "immunosuppressant", "growth-factor", "other"],
    )
    inf = add.add_parser("infection", help="an infection episode")
    inf.set_defaults(handler=cmd_add)
    inf.add_argument("--start", required=True, metavar="D")
    inf.add_argument("--end", metavar="D")
    inf.add_argument("--kind", required=True, metavar="TEXT")
    inf.add_argument(
        "--treatment",
        default="none",
        choices=["none", "antibiotics", "antivirals", "antifungals", "hospital"],
    )
    inf.add_argument("--max-temp", metavar="Q")
    fat = add.add_parser("fatigue", help="a fatigue score for a day")
    fat.set_defaults(handler=cmd_add)
    fat.add_argument("--date", required=True, metavar="D")
    fat.add_argument("--score", required=True, metavar="0-10")
    fat.add_argument("--note", default="", metavar="TEXT")

    rs = sub.add_parser("results", help="list results")
    rs.add_argument("--analyte", metavar="KEY")
    rs.add_argument("--json", action="store_true")

    rs.set_defaults(handler=cmd_results)
    fl = sub.add_parser("flags", help="the flags as of now or as of a date")
    fl.add_argument(
        "--as-of",
        metavar="D[THH:MM]",
        help="only records dated on or before this moment count (a date alone: end of that day)",
    )
    fl.add_argument("--json", action="store_true")

    fl.set_defaults(handler=cmd_flags)


def cmd_profile(args: argparse.Namespace) -> int:
    from leukotrack.services.profile import (
        changed_thresholds,
        parse_reference,
        parse_sex,
        profile_json,
        set_threshold,
        update_profile,
    )

    birth = day(args.birth_date) if args.birth_date else None
    db = open_records(args)
    try:
        thresholds = None
        items = list(args.threshold)
        if args.clozapine_scheme:
            items.append(f"clozapine_scheme={args.clozapine_scheme}")
        if items:
            with db.reading() as repo:
                thresholds = repo.profile().thresholds
            for item in items:
                thresholds = set_threshold(thresholds, item)
        p = update_profile(
            db,
            name=args.name,
            sex=parse_sex(args.sex) if args.sex else None,
            birth_date=birth,
            reference=parse_reference(args.reference) if args.reference else None,
            thresholds=thresholds,
            allergies=args.allergies,
        )
    finally:
        db.close()
    if args.json:
        print_json(profile_json(p))
    else:
        data = profile_json(p)
        for key in ("name", "sex", "birth_date", "reference"):
            print(f"{key.replace('_', ' ')}: {data[key] or '-'}")
        changed = changed_thresholds(p.thresholds)
        print("thresholds: " + (", ".join(changed) if changed else "the usual defaults"))
    return 0


def cmd_flags(args: argparse.Namespace) -> int:
    from leukotrack.domain.flags import DISCLAIMER
    from leukotrack.services.flags import as_of_moment, current_flags, flag_json

    as_of = None
    if args.as_of:
        text = args.as_of.strip()
        as_of = as_of_moment(moment(text) if ("T" in text or " " in text) else day(text))
    db = open_records(args)
    try:
        flags = current_flags(db, as_of_moment(as_of))
    finally:
        db.close()
    if args.json:
        print_json([flag_json(f) for f in flags])
        return 0
    if not flags:
        print("No flags: nothing in your records needs attention by these rules.")
    for f in flags:
        print(f"{f.severity.value.upper():<9} {f.title}: {f.detail}")
    print(DISCLAIMER)
    return 0


def _range_key(text: str) -> str:
    key = text.strip().lower()
    if key in RESULT_OPTIONS:
        return RESULT_OPTIONS[key]
    return find(key).key


def cmd_add(args: argparse.Namespace) -> int:
    from leukotrack.services import diary
    from leukotrack.services.entry import ResultEntry, record_results

    if args.what == "result":
        values = {key: getattr(args, opt.replace("-", "_")) for opt, key in RESULT_OPTIONS.items()}
        values = {k: v for k, v in values.items() if v is not None}
        ranges: dict[str, str] = {}
        for item in args.range:
            key, sep, span = item.partition("=")
            if not sep:
                raise UsageError(
                    f"--range '{item}' is not KEY=LOW-HIGH; type it like wbc=4.0-11.0."
                )
            ranges[_range_key(key)] = span
        entry = ResultEntry(moment(args.date), values, args.lab, ranges)
        db = open_records(args)
        try:
            draw = record_results(db, entry)
        finally:
            db.close()
        print(f"Saved {len(draw.results)} results for {draw.taken_at:%Y-%m-%d %H:%M}.")
        return 0
    db = open_records(args)
    try:
        if args.what == "temperature":
            t = diary.add_temperature(db, moment(args.at), args.value)
            print(f"Saved temperature {t.entered} at {t.taken_at:%Y-%m-%d %H:%M}.")
        elif args.what == "medication":
            stop = day(args.stop) if args.stop else None
            m = diary.add_medication(db, args.name, day(args.start), stop, args.dose, args.kind)
            print(f"Saved medicine {m.name} from {m.start.isoformat()}.")
        elif args.what == "infection":
            end = day(args.end) if args.end else None
            i = diary.add_infection(
                db, day(args.start), args.kind, end, args.treatment, args.max_temp
            )
            print(f"Saved infection '{i.kind}' from {i.start.isoformat()}.")
        elif args.what == "fatigue":
            try:
                score = int(args.score)
            except ValueError:
                raise InputError(f"'{args.score}' is not a whole number from 0 to 10.") from None
            f = diary.add_fatigue(db, day(args.date), score, args.note)
            print(f"Saved fatigue {f.score}/10 for {f.day.isoformat()}.")
    finally:
        db.close()
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    from leukotrack.services.results import result_json, result_views, show_value

    key = find(args.analyte).key if args.analyte else None
    db = open_records(args)
    try:
        with db.reading() as repo:
            profile = repo.profile()
            views = result_views(repo.draws(), profile, key)
    finally:
        db.close()
    if args.json:
        print_json([result_json(v) for v in views])
        return 0
    if not views:
        print("No results yet. Add one with: leukotrack add result --date 2026-03-03 --wbc 3.1")
        return 0
    for v in views:
        mark = {"low": "L", "high": "H", "normal": " "}[v.status]
        shown = show_value(v.analyte, v.result.value, profile.count_unit, v.result.comparator)
        calc = " (calculated)" if v.result.calculated else ""
        grade = f"  CTCAE {v.ctcae_grade}" if v.ctcae_grade else ""
        print(
            f"{v.taken_at:%Y-%m-%d %H:%M}  {ANALYTES[v.analyte].short:<8} {shown:>16} {mark}{calc}{grade}"
        )
    return 0
