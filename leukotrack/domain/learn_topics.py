"""The Learn pane's topics: what the numbers mean, in plain words (Flesch–Kincaid grade ≤ 8).

Written afresh from the facts of the seed articles and CLINICAL.md (never their sentences, never
a commenter's name). Each topic names its sources; the pane ends each one with the
not-a-diagnosis line. No topic tells anyone to start or stop a medicine: changes to a medicine
are the prescriber's decision, and the topics say who to ask.
"""

from __future__ import annotations

from dataclasses import dataclass

WHAT_IS_IT = "A. Mandal, “What is Leukopenia?”, a public article for patients (updated June 2023)"
CAUSES = "A. Mandal, “Leukopenia Causes”, a public article for patients (updated June 2023)"
MERCK = "Merck Manual, table of normal blood counts"
PEDIATRIC = "5-Minute Pediatric Consult: neutropenia in children"
DUFFY = "Blood Advances 2023;7:4182: the Duffy-null neutrophil count"
IDSA = "IDSA guideline on fever and neutropenia (2010)"
CHRONIC = "ASH Education Program 2012, and Dale (PMC5380401): chronic neutropenia"
CLOZAPINE_LABEL = "US clozapine label, and the UK CPMS scheme: blood test schedules"
CLINICAL = "LeukoTrack's clinical rules (CLINICAL.md), which list every number it uses"


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    title: str
    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "white-cells",
        "What white cells do",
        (
            "White cells are part of your immune system. They find germs and help kill them. "
            "Their medical name is leukocytes, from the Greek words for white (leuko) and "
            "cell (cyte).",
            "A healthy adult has about 7,000 white cells in each microliter of blood. Labs "
            "often write this as 7.0 ×10⁹/L. It is the same number in a different unit.",
            "When the count falls below the low end of its range, this is called leukopenia. "
            "With fewer white cells, your body has a harder time fighting germs. So the risk "
            "of infection goes up.",
        ),
        (WHAT_IS_IT, MERCK),
    ),
    Topic(
        "kinds",
        "The five kinds of white cell",
        (
            "There are five main kinds of white cell. They fall into two groups, by what they "
            "look like inside.",
            "Granulocytes carry tiny grains. The grains hold enzymes that break down the germs "
            "the cell has swallowed. There are three of them: neutrophils, eosinophils and "
            "basophils.",
            "Agranulocytes have no such grains. There are two of them: lymphocytes and "
            "monocytes. A monocyte can grow into a macrophage, a cell that eats germs and old "
            "cells.",
            "Neutrophils are the most common kind. About half to three quarters of your white "
            "cells are neutrophils. They are the first cells to reach a new infection. They "
            "are your main guard against bacteria, and they fight fungi too.",
            "That is why the neutrophil count matters so much. Your report may call it the ANC. "
            "That stands for absolute neutrophil count: how many neutrophils are in your "
            "blood, not what share of the white cells they make up.",
        ),
        (WHAT_IS_IT, CLINICAL),
    ),
    Topic(
        "ranges",
        "Normal ranges, and why children differ",
        (
            "For adults, a normal white count is about 4.5 to 11.0 ×10⁹/L. That is 4,500 to "
            "11,000 cells in each microliter. A normal adult neutrophil count is about 1.8 to "
            "7.7.",
            "Each lab has its own range, printed next to each result. When your lab gave one, "
            "LeukoTrack uses it. When not, it uses the usual range from your profile.",
            "Children have higher white counts than adults. The count is highest in babies "
            "and slowly falls with age. A baby under one month can have up to 19.5. So a "
            "child's result must be read against the range for their age.",
            "Some healthy people have fewer neutrophils all their lives. This comes with an "
            "inherited blood group called Duffy-null. For them, a count down to about 1.0 can "
            "be normal. You can choose this in your profile.",
        ),
        (WHAT_IS_IT, MERCK, PEDIATRIC, DUFFY),
    ),
    Topic(
        "levels",
        "Leukopenia, neutropenia, and the levels 1.5, 1.0 and 0.5",
        (
            "Leukopenia means your white count is below its range. Neutropenia means your "
            "neutrophil count, the ANC, is low. Neutropenia is the most common kind of "
            "leukopenia.",
            "Doctors use three levels for the ANC, in ×10⁹/L. Below 1.5 is mild. Below 1.0 is "
            "moderate: the risk of infection is high. Below 0.5 is severe: the risk is highest "
            "of all. In cells per microliter, the same levels are 1,500, 1,000 and 500.",
            "The lower the count, and the longer it stays low, the higher the risk. When the "
            "count stays low for 3 weeks or more, LeukoTrack calls it persistent. When it "
            "stays low for 3 months or more, it calls it chronic.",
            "A fever when your neutrophils are low is an emergency. Contact your care team or "
            "go to emergency care right away.",
        ),
        (WHAT_IS_IT, CHRONIC, IDSA, CLINICAL),
    ),
    Topic(
        "causes",
        "What can cause low white cells",
        (
            "Many things can lower white cells. Often more than one plays a part.",
            "Medicines. Some medicines can lower white cells in some people. Examples are "
            "clozapine; valproate, lamotrigine and carbamazepine, used for seizures; the drugs "
            "that calm the immune system after a transplant, such as sirolimus, mycophenolate, "
            "tacrolimus and ciclosporin; interferons; bupropion; and the antibiotics "
            "minocycline and penicillin.",
            "Cancer treatment. Chemotherapy and radiation slow down the bone marrow, where "
            "blood cells are made. Counts often come back once the treatment ends.",
            "Bone marrow disease. Some diseases keep the marrow from making enough white "
            "cells. A cancer that has spread to the marrow can do this too.",
            "Autoimmune disease. Here the body attacks its own cells. Lupus is one example.",
            "Severe infection. A very bad infection can use up white cells faster than the body "
            "can make them.",
            "A large spleen. The spleen can grow and trap blood cells, and then destroy them.",
            "Too few vitamins or minerals. Low vitamin B12, folate, copper or zinc can lower "
            "the count.",
            "Early infection. When an infection starts, many white cells leave the flow of "
            "blood. They wait along the walls of the blood vessels. A blood test then reads "
            "low, even though the body is making more.",
            "Only your care team can say which cause, if any, is yours.",
        ),
        (CAUSES, WHAT_IS_IT, CLINICAL),
    ),
    Topic(
        "management",
        "How low counts are managed",
        (
            "There is no single treatment. What helps depends on the cause.",
            "When a medicine or cancer treatment is the cause, counts often come back once it "
            "ends. Any change to a medicine is a choice for the team who prescribes it. They "
            "weigh it against the good the medicine does.",
            "When an infection is the cause, treating the infection can help. Antibiotics "
            "treat bacteria, and antifungals treat fungi.",
            "Growth factors are one more option. These medicines push the bone marrow to make "
            "more white cells. G-CSF, such as filgrastim, is one of them. They are used with "
            "some cancer treatments, and for some people born with low counts.",
            "Regular blood tests show how your count is doing. LeukoTrack can remind you when "
            "the next one is due.",
        ),
        (WHAT_IS_IT, CLINICAL),
    ),
    Topic(
        "next-test",
        "Your next blood test",
        (
            "LeukoTrack works out when your next blood test is due. It can use a plan you set "
            "yourself, such as every 4 weeks or on a date. It can also use the day before each "
            "treatment cycle, a series of tests on set days, or the clozapine schedule.",
            "People who take clozapine have regular tests, because it can, rarely, lower "
            "neutrophils a lot. The US label asks for a test each week for the first 6 "
            "months. Then it is every 2 weeks up to a year, then each month. Tests come more "
            "often when the count is low. The UK uses a scheme of traffic lights.",
            "The date LeukoTrack shows is an estimate. Your care team sets your real schedule. "
            "When a test date has passed with no result, LeukoTrack says so.",
        ),
        (CLOZAPINE_LABEL, CLINICAL),
    ),
    Topic(
        "other-counts",
        "Hemoglobin and platelets",
        (
            "Hemoglobin is the part of the red cells that carries oxygen. When it is low, this "
            "is called anemia. It can make you tired and short of breath.",
            "Platelets help your blood to clot. When they are low, you may bruise or bleed "
            "more easily.",
            "Some causes of low white cells, such as chemotherapy or a bone marrow disease, "
            "can lower these too. When white cells, hemoglobin and platelets are all low, "
            "LeukoTrack shows it as pancytopenia.",
        ),
        (CAUSES, MERCK, CLINICAL),
    ),
    Topic(
        "q-tired",
        "Question: does it make you tired?",
        (
            "Many people with low white cells say they feel tired much of the time. Tiredness "
            "has many causes, though. It can come from the cause of the low count, from an "
            "infection, from low red cells, or from poor sleep. A low white count may not be "
            "the whole answer.",
            "A daily fatigue score can help. It lets your care team see how you feel next to "
            "your counts. Tell them if you are too tired to do what you need to do. Ask your "
            "doctor or hematologist what could be behind it.",
        ),
        (WHAT_IS_IT, CAUSES),
    ),
    Topic(
        "q-infections",
        "Question: do you get sick more easily?",
        (
            "Yes. The risk of infection goes up when neutrophils are low. The risk grows as "
            "the count falls below 1.0, and most of all below 0.5. It also grows the longer "
            "the count stays low.",
            "With few neutrophils, an infection can start fast. A fever may be the only sign. "
            "Simple steps help: wash your hands often, keep cuts clean, and stay away from "
            "people who are ill when you can. Ask your care team which other steps fit you.",
            "A fever when your neutrophils are low is an emergency. Contact your care team or "
            "go to emergency care right away.",
        ),
        (WHAT_IS_IT, IDSA, CLINICAL),
    ),
    Topic(
        "q-surgery",
        "Question: what about surgery?",
        (
            "Tell your surgeon and the team who will put you to sleep about your low white "
            "count. Do it well before the day.",
            "They will want a recent blood count, often taken in the days before. They decide "
            "if the operation goes ahead, and whether you need extra care to prevent "
            "infection. Bring your latest results, or print a report from LeukoTrack.",
            "Ask them which signs of infection to watch for after the operation, and who to "
            "call if you see one. The same goes for dental work.",
        ),
        (WHAT_IS_IT, CLINICAL),
    ),
    Topic(
        "q-untreated",
        "Question: is it dangerous if it is not treated?",
        (
            "It depends on the cause and on how low the count is. Many people live for years "
            "with a mildly low count and stay well. Some healthy people just have a lower "
            "count.",
            "A very low neutrophil count is different. Below 0.5, the risk of a serious "
            "infection is high. If it is not treated in time, an infection can spread through "
            "the body. This can be life threatening. That is why a fever with low neutrophils "
            "is an emergency.",
            "A count that stays low needs its cause looked for. A hematologist, a doctor for "
            "blood problems, can do this. Ask your doctor about a referral if your count keeps "
            "coming back low.",
        ),
        (WHAT_IS_IT, IDSA, CHRONIC),
    ),
)

BY_KEY = {t.key: t for t in TOPICS}

TILE_TOPICS = {
    "wbc": "white-cells",
    "anc": "levels",
    "lymphocytes": "kinds",
    "monocytes": "kinds",
    "hemoglobin": "other-counts",
    "platelets": "other-counts",
}

# A flag's code (or the part before its first dot) -> its topic.
FLAG_TOPICS = {
    "leukopenia": "levels",
    "neutropenia": "levels",
    "lymphopenia": "kinds",
    "pancytopenia": "other-counts",
    "febrile_neutropenia": "q-infections",
    "clozapine": "levels",
    "clozapine.test_due": "next-test",
    "clozapine.test_overdue": "next-test",
    "test.overdue": "next-test",
    "medication.associated": "causes",
    "cycle": "management",
}


def topic_for_flag(code: str) -> str:
    return FLAG_TOPICS.get(code) or FLAG_TOPICS.get(code.split(".")[0], "levels")
