"""Injury coefficients: the Russian national rates and their international equivalents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calculators import display
from calculators.declarations import (
    Alternative,
    Calculator,
    Choice,
    Convention,
    Example,
    Input,
    Layout,
    Outcome,
    Output,
    Section,
    Variant,
)
from calculators.indicators import INDICATORS
from calculators.messages import Message, note, rejected, warning
from calculators.rates import rate
from calculators.sources import CONTEST_REGULATION, ZERO_INJURY_RECOMMENDATIONS

MAX_PEOPLE = 100_000_000
MAX_DAYS = 1_000_000_000
MAX_HOURS = 1_000_000_000_000
# A leap year has 8 784 hours: no worker can work more in a year.
MAX_HOURS_PER_WORKER = 8_784


def _count(id: str, label: str, symbol: str, hint: str = "", unit: str = "человек") -> Input:
    return Input(
        id,
        label,
        kind="integer",
        unit=unit,
        hint=hint,
        symbol=symbol,
        minimum=0,
        maximum=MAX_PEOPLE,
    )


INPUTS: tuple[Input, ...] = (
    _count(
        "victims",
        "Численность пострадавших при несчастных случаях на производстве",
        "T",
        "С утратой трудоспособности на один рабочий день и более и со смертельным исходом. "
        "Считаются пострадавшие, а не случаи: групповой случай с тремя пострадавшими — это три.",
    ),
    _count(
        "fatal_victims",
        "Численность пострадавших со смертельным исходом",
        "Tсм",
        "Входят в численность пострадавших T. Если не заполнено, для Кт и Кчсм берётся 0.",
    ),
    Input(
        "headcount",
        "Среднесписочная численность работников",
        unit="человек",
        symbol="P",
        minimum=0,
        maximum=MAX_PEOPLE,
    ),
    Input(
        "days_lost",
        "Число дней нетрудоспособности пострадавших",
        kind="integer",
        unit="дней",
        symbol="D",
        minimum=0,
        maximum=MAX_DAYS,
        hint="Дни временной нетрудоспособности по несчастным случаям на производстве за период.",
    ),
    _count(
        "disease_cases",
        "Количество случаев профессиональных заболеваний",
        "Nпз",
        "Впервые выявленные в отчётном периоде.",
        unit="случаев",
    ),
    _count(
        "harmful_workers",
        "Количество работников, занятых на работах с вредными и (или) опасными условиями труда",
        "Nвр",
    ),
    Input(
        "listed_workers",
        "Среднесписочная численность работников для удельного веса",
        unit="человек",
        symbol="Nсч",
        minimum=0,
        maximum=MAX_PEOPLE,
        hint="Если не заполнено, берётся среднесписочная численность работников P.",
    ),
    Input(
        "hours_worked",
        "Отработано человеко-часов всеми работниками",
        unit="человеко-часов",
        symbol="H",
        minimum=0,
        maximum=MAX_HOURS,
        hint="Нужно для показателей на миллион и на 200 000 отработанных часов.",
    ),
    Input(
        "hours_per_worker",
        "Среднее число отработанных часов на одного работника",
        unit="часов",
        symbol="h",
        minimum=0,
        maximum=MAX_HOURS_PER_WORKER,
        hint="Если отработанные человеко-часы неизвестны: H оценивается как h × P.",
    ),
    _count(
        "lost_time_injuries",
        "Число травм с потерей рабочего времени (LTI)",
        "LTI",
        "Если не заполнено, берётся численность пострадавших T: по определению Росстата "
        "пострадавший — это случай с потерей рабочего времени.",
        unit="случаев",
    ),
    _count(
        "recordable_cases",
        "Число регистрируемых случаев (recordable cases, OSHA)",
        "R",
        "Все случаи, требующие регистрации по правилам OSHA, в том числе без потери рабочего "
        "времени (лечение сверх первой помощи, ограничение работы).",
        unit="случаев",
    ),
    _count(
        "dart_cases",
        "Число случаев с освобождением от работы, ограничением или переводом (DART)",
        "Nd",
        unit="случаев",
    ),
    Input(
        "severity_includes_fatal",
        "Кт с учётом погибших",
        kind="boolean",
        default=False,
        hint="Выключено: погибшие не входят в знаменатель коэффициента тяжести (соглашение "
        "Фонда социального страхования); включено: входят.",
    ),
    Input(
        "disease_base",
        "Профессиональная заболеваемость: в расчёте на",
        kind="choice",
        default="10000",
        choices=(
            Choice("10000", "10 000 работников (программа «Нулевой травматизм»)"),
            Choice("1000", "1000 работников (конкурс по охране труда, Приложение № 2)"),
        ),
    ),
)


def _output(id: str, formula: str, symbol: str, **extra: Any) -> Output:
    indicator = INDICATORS[id]
    return Output(
        id,
        indicator.label,
        unit=indicator.unit,
        decimals=indicator.decimals,
        symbol=symbol,
        formula=formula,
        **extra,
    )


OUTPUTS: tuple[Output, ...] = (
    _output("frequency", "{victims} × 1000 / {headcount}", "Кч"),
    _output(
        "fatal_frequency",
        "{fatal_victims} × 1000 / {headcount}",
        "Кчсм",
        alternatives=(Alternative("на 100 000 работников", 100, 1),),
    ),
    _output(
        "severity",
        "{days_lost} / ({victims} − {fatal_victims})",
        "Кт",
        variants=(Variant("severity_includes_fatal", True, formula="{days_lost} / {victims}"),),
    ),
    _output("loss", "{days_lost} × 1000 / {headcount}", "Кп"),
    _output(
        "occupational_disease",
        "{disease_cases} × 10000 / {headcount}",
        "ПЗ",
        variants=(
            Variant(
                "disease_base",
                "1000",
                formula="{disease_cases} × 1000 / {headcount}",
                unit="случаев на 1000 работников",
            ),
        ),
    ),
    _output("harmful_share", "{harmful_workers} × 100 / {listed_workers}", "Увр"),
    _output("ilo_frequency", "{victims} × 1000000 / {hours_worked}", "FR"),
    _output("ilo_incidence", "{victims} × 1000 / {headcount}", "IR"),
    _output("ltifr", "{lost_time_injuries} × 1000000 / {hours_worked}", "LTIFR"),
    _output("trir", "{recordable_cases} × 200000 / {hours_worked}", "TRIR"),
    _output("dart", "{dart_cases} × 200000 / {hours_worked}", "DART"),
)

_INPUTS = {item.id: item for item in INPUTS}
_PER_HOUR = ("ilo_frequency", "ltifr", "trir", "dart")

CASE_DEFINITIONS = (
    "Показатели сопоставимы, только если совпадают определения случаев: TRIR учитывает все "
    "регистрируемые случаи, в том числе без потери рабочего времени, DART — случаи с "
    "освобождением от работы, ограничением или переводом, а Кч — только пострадавших с утратой "
    "трудоспособности на один рабочий день и более и погибших. Ближе всего к Кч — LTIFR."
)


def _label(input_id: str) -> str:
    return _INPUTS[input_id].label


def _symbol(input_id: str) -> str:
    return _INPUTS[input_id].symbol


def severity_zero_cause(victims: int | None, includes_fatal: bool) -> str:
    """Why Кт has a zero denominator under the chosen convention."""
    if victims == 0 or includes_fatal:
        return "нет пострадавших"
    return "все пострадавшие погибли, а по соглашению ФСС погибшие не входят в знаменатель"


# Where the seed defines Кт: the contest table's row, word for word.
SEVERITY_ROW = "«Число дней нетрудоспособности в расчете на одного пострадавшего (коэффициент тяжести)»"
SEVERITY_SOURCE = "Приложение № 2 к Положению о конкурсе, п. 4"
BLANK_FATAL = "погибших: 0 — поле не заполнено"


def severity_note(includes_fatal: bool) -> str:
    """Which convention computed Кт, and where the seed defines it."""
    if includes_fatal:
        return (
            "Коэффициент тяжести рассчитан с учётом погибших: Кт = D / T — дни нетрудоспособности на "
            f"одного пострадавшего, как в строке {SEVERITY_ROW} ({SEVERITY_SOURCE})."
        )
    return (
        "Коэффициент тяжести рассчитан без учёта погибших: Кт = D / (T − Tсм) — соглашение Фонда "
        f"социального страхования. Строка {SEVERITY_ROW} ({SEVERITY_SOURCE}) не уточняет, входят ли "
        "погибшие в знаменатель; вариант с погибшими — переключатель «Кт с учётом погибших»."
    )


def blank_fatal_as_zero(values: dict[str, Any], fatal_id: str, outputs: tuple[str, ...]) -> list[Message]:
    """A blank number of fatal victims is 0 (the usual case), with a note beside each output using it.

    Why: a reader who leaves the field empty almost always had no fatal case; refusing Кт and Кчсм
    for it would hide the two figures every report needs. The note keeps the assumption visible.
    """
    if values[fatal_id] is not None:
        return []
    values[fatal_id] = 0
    return [note(BLANK_FATAL, output_id) for output_id in outputs]


def effective_values(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Message]]:
    """The inputs with the documented fallbacks filled in, and a note for each fallback used."""
    effective = dict(values)
    notes = blank_fatal_as_zero(effective, "fatal_victims", ("fatal_frequency", "severity"))
    if effective["listed_workers"] is None:
        effective["listed_workers"] = effective["headcount"]
    if effective["hours_worked"] is None:
        per_worker, headcount = effective["hours_per_worker"], effective["headcount"]
        if per_worker is not None and headcount is not None:
            effective["hours_worked"] = per_worker * headcount
            notes.append(
                note(
                    "Отработанные человеко-часы оценены как h × P: показатели на отработанные часы приблизительны.",
                )
            )
    if effective["lost_time_injuries"] is None and effective["victims"] is not None:
        effective["lost_time_injuries"] = effective["victims"]
        notes.append(
            note(
                "Число травм с потерей рабочего времени (LTI) не заполнено: LTIFR рассчитан по "
                "численности пострадавших T.",
                "ltifr",
            )
        )
    return effective, notes


def check(values: Mapping[str, Any]) -> list[Message]:
    messages: list[Message] = []
    victims, fatal = values["victims"], values["fatal_victims"]
    if victims is not None and fatal is not None and fatal > victims:
        messages.append(
            rejected(
                f"«{_label('fatal_victims')}» ({display.entered(fatal)}) больше, чем «{_label('victims')}» "
                f"({display.entered(victims)}): погибшие входят в численность пострадавших",
                "fatal_victims",
            )
        )
    headcount = values["headcount"]
    if victims is not None and headcount is not None and victims > headcount:
        messages.append(
            warning(
                f"«{_label('victims')}» ({display.entered(victims)}) больше, чем «{_label('headcount')}» "
                f"({display.entered(headcount)}): проверьте данные (так бывает лишь при большой текучести кадров)",
                "victims",
            )
        )
    listed = values["listed_workers"] if values["listed_workers"] is not None else headcount
    harmful = values["harmful_workers"]
    if harmful is not None and listed is not None and harmful > listed:
        messages.append(
            warning(
                f"«{_label('harmful_workers')}» ({display.entered(harmful)}) больше среднесписочной численности "
                f"({display.entered(listed)}): удельный вес выйдет больше 100{display.PERCENT}",
                "harmful_workers",
            )
        )
    recordable = values["recordable_cases"]
    for subset in ("dart_cases", "lost_time_injuries"):
        part = values[subset]
        if part is not None and recordable is not None and part > recordable:
            messages.append(
                warning(
                    f"«{_label(subset)}» ({display.entered(part)}) больше, чем «{_label('recordable_cases')}» "
                    f"({display.entered(recordable)}): эти случаи входят в число регистрируемых",
                    subset,
                )
            )
    if values["hours_worked"] is not None and values["hours_per_worker"] is not None:
        messages.append(
            warning(
                f"Заполнены оба поля «{_label('hours_worked')}» и «{_label('hours_per_worker')}»: используется первое",
                "hours_per_worker",
            )
        )
    return messages


def compute(values: Mapping[str, Any]) -> Outcome:
    effective, messages = effective_values(values)
    results: dict[str, Any] = {}
    for output in OUTPUTS:
        zero_cause = None
        if output.id == "severity":
            zero_cause = severity_zero_cause(effective["victims"], values["severity_includes_fatal"])
        elif output.id in _PER_HOUR:
            zero_cause = f"значение поля «{_label('hours_worked')}» равно нулю"
        results[output.id] = rate(output, output.formula_for(values), effective, _label, _symbol, zero_cause)
    if isinstance(results["severity"], int | float):
        messages.append(note(severity_note(values["severity_includes_fatal"]), "severity"))
    if any(isinstance(results[key], int | float) for key in ("trir", "dart")):
        messages.append(note(CASE_DEFINITIONS))
    return Outcome(results, messages)


CONVENTIONS = (
    Convention(
        "Пострадавшие, а не случаи",
        "Пострадавший — работник с утратой трудоспособности на один рабочий день и более или "
        "погибший (определение Росстата). Считаются пострадавшие: групповой несчастный случай "
        "с тремя пострадавшими даёт три.",
    ),
    Convention(
        "Период",
        "Один календарный год, если не оговорено иное; все величины — за один и тот же период.",
    ),
    Convention(
        "Коэффициент тяжести и погибшие",
        "По умолчанию погибшие не входят в знаменатель Кт (соглашение Фонда социального "
        "страхования): Кт = D / (T − Tсм). Переключатель «Кт с учётом погибших» даёт вариант "
        "Кт = D / T. Положение о конкурсе (Приложение № 2, п. 4) называет Кт " + SEVERITY_ROW + " и не "
        "уточняет, входят ли погибшие. Коэффициент потерь Кп = D × 1000 / P совпадает с Кч × Кт, "
        "только когда погибших нет или они включены в знаменатель Кт.",
        "severity_includes_fatal",
    ),
    Convention(
        "Незаполненное число погибших",
        "Пустое поле «Численность пострадавших со смертельным исходом» считается нулём для Кт и "
        "Кчсм — соглашение проекта: так почти всегда и есть, а без этого не считались бы два "
        "показателя, нужные любому отчёту. Рядом с результатом пишется «" + BLANK_FATAL + "».",
        "fatal_victims",
    ),
    Convention(
        "Единица профессиональной заболеваемости",
        "Программа «Нулевой травматизм» считает случаи на 10 000 работников, показатели конкурса "
        "(Приложение № 2) — на 1000 работников.",
        "disease_base",
    ),
    Convention(
        "Смертельный травматизм на 100 000",
        "Кчсм показывается и на 100 000 работников (Кчсм × 100) — в единице МОТ и показателя "
        "ЦУР 8.8.1, чтобы сравнивать с международной статистикой.",
    ),
    Convention(
        "Удельный вес вредных условий",
        "Знаменатель — среднесписочная численность работников; поле для него можно не заполнять, тогда берётся P.",
    ),
    Convention(
        "Пересчёт на отработанные часы",
        "С h часами на одного работника за период: показатель частоты МОТ = Кч × 1000 / h, "
        "показатель OSHA на 200 000 часов = показатель частоты МОТ / 5. Если известны только "
        "часы на одного работника, H оценивается как h × P.",
        "hours_per_worker",
    ),
    Convention("Определения случаев", CASE_DEFINITIONS),
    Convention(
        "Деление на ноль",
        "Если знаменатель равен нулю или не заполнен, показатель не рассчитывается: результат "
        "«—» с объяснением, а не 0 и не бесконечность.",
    ),
)

# The first two examples: one enterprise's year, with the default and the alternative conventions.
_WORKSHOP = {
    "victims": 3,
    "fatal_victims": 1,
    "headcount": 340,
    "days_lost": 75,
    "disease_cases": 1,
    "harmful_workers": 120,
    "hours_worked": 612000,
    "recordable_cases": 7,
    "dart_cases": 4,
}

EXAMPLES = (
    Example(
        "workshop",
        "Производственное предприятие за год",
        "340 работников, трое пострадавших, из них один погиб; 75 дней нетрудоспособности; "
        "один случай профессионального заболевания; 120 человек во вредных условиях; "
        "612 000 отработанных человеко-часов.",
        _WORKSHOP,
    ),
    Example(
        "workshop_fatal_included",
        "То же предприятие, Кт с учётом погибших, заболеваемость на 1000",
        "Те же данные с переключателями «Кт с учётом погибших» и «на 1000 работников».",
        {**_WORKSHOP, "severity_includes_fatal": True, "disease_base": "1000"},
    ),
    Example(
        "no_injuries",
        "Год без несчастных случаев, часы по норме",
        "85 работников, пострадавших нет, часы неизвестны — берётся 1 970 часов на работника.",
        {
            "victims": 0,
            "fatal_victims": 0,
            "headcount": 85,
            "days_lost": 0,
            "disease_cases": 0,
            "harmful_workers": 0,
            "hours_per_worker": 1970,
        },
    ),
)

# The web form (build_tools/calculator_site): sections, state, key results.
LAYOUT = Layout(
    "flat",
    inputs=(
        Section(
            "Пострадавшие, численность, дни нетрудоспособности",
            (
                "victims",
                "fatal_victims",
                "headcount",
                "days_lost",
                "disease_cases",
                "harmful_workers",
                "listed_workers",
            ),
        ),
        Section(
            "Отработанное время и случаи по международным определениям",
            ("hours_worked", "hours_per_worker", "lost_time_injuries", "recordable_cases", "dart_cases"),
        ),
    ),
    outputs=(
        Section(
            "Российские показатели",
            ("frequency", "fatal_frequency", "severity", "loss", "occupational_disease", "harmful_share"),
        ),
        Section(
            "Международные показатели",
            ("ilo_frequency", "ilo_incidence", "ltifr", "trir", "dart"),
            conventions=("Пересчёт на отработанные часы", "Определения случаев"),
        ),
    ),
    summary=(("frequency", "Кч"), ("severity", "Кт"), ("fatal_frequency", "Кчсм")),
)

CALCULATOR = Calculator(
    id="coefficients",
    title="Коэффициенты травматизма",
    summary=(
        "Коэффициенты частоты (Кч, Кчсм), тяжести (Кт) и потерь (Кп), профессиональная "
        "заболеваемость, удельный вес работников во вредных условиях и международные "
        "показатели (МОТ, LTIFR, TRIR, DART)."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    check=check,
    conventions=CONVENTIONS,
    sources=(
        ZERO_INJURY_RECOMMENDATIONS + ", Приложение 1: Кч, Кчсм, профессиональная "
        "заболеваемость, удельный вес работников во вредных и (или) опасных условиях труда.",
        CONTEST_REGULATION + ", Приложение № 2: Кч на 1000 работающих, со смертельным исходом, коэффициент "
        "тяжести, профессиональная заболеваемость на 1000 работающих.",
        "Росстат: определение пострадавшего при несчастном случае на производстве (утрата "
        "трудоспособности на один рабочий день и более или смертельный исход).",
        "Фонд социального страхования: коэффициент тяжести без учёта погибших.",
        "МОТ: резолюция о статистике производственного травматизма (16-я Международная "
        "конференция статистиков труда, 1998) — показатели частоты и распространённости; "
        "показатель ЦУР 8.8.1 — смертельные травмы на 100 000 работников.",
        "OSHA (США): правила учёта 29 CFR 1904 — TRIR и DART на 200 000 отработанных часов "
        "(100 работников × 40 часов × 50 недель).",
    ),
    examples=EXAMPLES,
    layout=LAYOUT,
    formula_values=lambda values: effective_values(values)[0],
    fallbacks={
        "listed_workers": ("headcount",),
        "hours_worked": ("hours_per_worker", "headcount"),
        "lost_time_injuries": ("victims",),
    },
)
