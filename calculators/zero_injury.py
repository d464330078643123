"""Progress of a «Нулевой травматизм» programme (seed 003, section 8).

E_i = (X0 − Xтек) / (X0 − Xплан) × 100 %, per indicator and per year; the total is a (weighted)
mean of the indicators, clamped to [0, 100] unless the clamp is switched off.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any

from calculators import display
from calculators.declarations import (
    FIRST_YEAR,
    LAST_YEAR,
    Calculator,
    Choice,
    Convention,
    Example,
    Group,
    Input,
    Layout,
    Outcome,
    Output,
)
from calculators.indicators import INDICATORS
from calculators.messages import Message, Unavailable, note, rejected, warning
from calculators.sources import ZERO_INJURY_RECOMMENDATIONS

MAX_VALUE = 1_000_000_000
MAX_WEIGHT = 1_000
MAX_INDICATORS = 50
MAX_YEARS = 30

# The bands of the total, best first: (input id, default threshold in %, name). Seed 003 gives no
# scale for the total, so the thresholds are the project's convention and the reader can change them.
BANDS: tuple[tuple[str, float, str], ...] = (
    ("band_high", 90, "высокий"),
    ("band_medium", 80, "средний"),
    ("band_satisfactory", 70, "удовлетворительный"),
)
LOWEST_BAND = "неудовлетворительный"
BAND_IDS = tuple(band_id for band_id, _, _ in BANDS)
PROJECT_CONDITION = (
    "Условие проекта: в Методических рекомендациях по программе «Нулевой травматизм» шкалы оценки "
    "итога нет; 90/80/70 % — значения по умолчанию, замените их порогами своего региона, если они установлены."
)
# Seed 003, section 8: the assessment is yearly during the programme and for the whole at its end.
PERIOD_RULE = (
    "«Оценка уровня реализации мероприятий программы осуществляется ежегодно в течение всего срока "
    "реализации программы и в целом по окончании ее реализации» (раздел 8 «Оценка уровня реализации программы»)"
)
INTERIM, FINAL = "промежуточный итог", "итог по окончании программы"

_BETTER = (
    Choice("lower", "лучше меньшее значение (травматизм, заболеваемость)"),
    Choice("higher", "лучше большее значение (доля рабочих мест с проведённой СОУТ …)"),
)


def _value(id: str, label: str, symbol: str, hint: str = "") -> Input:
    return Input(id, label, symbol=symbol, minimum=0, maximum=MAX_VALUE, hint=hint)


YEAR_COLUMNS: tuple[Input, ...] = (
    Input(
        "year",
        "Год",
        kind="integer",
        minimum=FIRST_YEAR,
        maximum=LAST_YEAR,
        required=True,
    ),
    _value("plan", "Плановое значение на год", "Xплан"),
    _value("actual", "Фактическое значение за год", "Xтек", "Пусто, если год ещё не закончился."),
)

INDICATOR_COLUMNS: tuple[Input, ...] = (
    Input(
        "indicator",
        "Показатель из перечня",
        kind="choice",
        choices=tuple(Choice(key, item.label) for key, item in INDICATORS.items()),
        hint="Задаёт название и направление улучшения; для своего показателя оставьте пустым.",
    ),
    Input("name", "Наименование показателя", kind="text", max_length=300),
    Input(
        "better",
        "Направление улучшения",
        kind="choice",
        choices=_BETTER,
        hint="Для показателя из перечня берётся из перечня; иначе по умолчанию «лучше меньшее».",
    ),
    Input(
        "base",
        "Базовое значение",
        symbol="X0",
        minimum=0,
        maximum=MAX_VALUE,
        required=True,
        hint="Значение за год, предшествующий году начала реализации программы.",
    ),
    _value("plan", "Плановое значение", "Xплан"),
    _value("current", "Текущее значение", "Xтек"),
    Input(
        "weight",
        "Вес показателя",
        minimum=0,
        maximum=MAX_WEIGHT,
        default=1,
        hint="Для взвешенного итога; по умолчанию все показатели равноценны.",
    ),
    Input(
        "years",
        "Значения по годам",
        kind="table",
        columns=YEAR_COLUMNS,
        max_rows=MAX_YEARS,
        hint="План на каждый год программы и факт за прошедшие годы.",
    ),
)

INPUTS: tuple[Input, ...] = (
    Input(
        "indicators",
        "Целевые показатели программы",
        kind="table",
        columns=INDICATOR_COLUMNS,
        min_rows=1,
        max_rows=MAX_INDICATORS,
        required=True,
    ),
    Input(
        "clamp",
        "Ограничивать E_i диапазоном 0–100 % в итоге",
        kind="boolean",
        default=True,
        hint="E_i каждого показателя показывается как есть; ограничение действует на итог.",
    ),
    Input(
        "hold_level",
        "Показатели «удержание достигнутого уровня» (X0 = Xплан)",
        kind="choice",
        default="score",
        choices=(
            Choice("score", "учитывать в итоге: 100 %, если уровень удержан, иначе 0 %"),
            Choice("exclude", "не учитывать в итоге"),
        ),
    ),
    *(
        Input(
            band_id,
            f"Нижняя граница оценки «{name}» (условие проекта)",
            unit="%",
            default=threshold,
            minimum=0,
            maximum=100,
            hint=PROJECT_CONDITION,
            group="bands",
        )
        for band_id, threshold, name in BANDS
    ),
)

YEAR_OUTPUT_COLUMNS: tuple[Output, ...] = (
    Output("year", "Год", decimals=0),
    Output("plan", "План"),
    Output("actual", "Факт"),
    Output("progress", "Уровень реализации E_i", "%", decimals=1),
)

_TOTAL_USES = ("indicators", "clamp", "hold_level")

OUTPUTS: tuple[Output, ...] = (
    Output(
        "indicators",
        "Уровень реализации по показателям",
        kind="table",
        uses=("indicators", "hold_level"),
        columns=(
            Output("name", "Показатель", kind="text"),
            Output("progress", "Уровень реализации E_i", "%", decimals=1, symbol="E_i"),
            Output("counted", "Учитывается в итоге", kind="boolean"),
            Output("years", "По годам", kind="table", columns=YEAR_OUTPUT_COLUMNS),
        ),
    ),
    Output(
        "total",
        "Итоговый уровень реализации программы",
        "%",
        decimals=1,
        hint="Среднее (взвешенное) E_i учитываемых показателей.",
        uses=_TOTAL_USES,
    ),
    Output("band", "Оценка уровня реализации", kind="text", hint=PROJECT_CONDITION, uses=(*_TOTAL_USES, *BAND_IDS)),
    Output(
        "total_kind",
        "Вид итога",
        kind="text",
        hint="Промежуточный итог — до последнего года программы; итог по окончании — за последний год.",
        uses=("indicators",),
    ),
    Output(
        "years",
        "Итог по годам",
        kind="table",
        columns=(
            Output("year", "Год", decimals=0),
            Output("total", "Итоговый уровень реализации", "%", decimals=1),
            Output("band", "Оценка", kind="text"),
            Output("kind", "Вид итога", kind="text"),
        ),
        uses=(*_TOTAL_USES, *BAND_IDS),
    ),
)

PRESET_INDICATORS: tuple[dict[str, Any], ...] = (
    {
        "indicator": "frequency",
        "name": "Коэффициент частоты производственного травматизма (на 1 тыс. работающих)",
        "better": "lower",
    },
    {
        "indicator": "fatal_frequency",
        "name": "Коэффициент частоты производственного травматизма со смертельным исходом (на 1 тыс. работающих)",
        "better": "lower",
    },
    {
        "indicator": "occupational_disease",
        "name": "Профессиональная заболеваемость (на 10 тыс. работающих)",
        "better": "lower",
    },
    {
        "indicator": "harmful_share",
        "name": "Удельный вес работников, занятых на работах с вредными и (или) опасными "
        "условиями труда, в среднесписочной численности работников",
        "better": "lower",
    },
)


def band(total: float, thresholds: Mapping[str, Any] | None = None) -> str:
    """The band of ``total``; ``thresholds`` by band input id (the defaults when not given)."""
    for band_id, default, name in BANDS:
        threshold = default if thresholds is None or thresholds.get(band_id) is None else thresholds[band_id]
        if total >= threshold:
            return name
    return LOWEST_BAND


def _indicator_name(row: Mapping[str, Any], index: int) -> str:
    if row["name"]:
        return str(row["name"])
    if row["indicator"] is not None:
        return INDICATORS[row["indicator"]].label
    return f"Показатель {index + 1}"


def _better(row: Mapping[str, Any]) -> str:
    if row["better"] is not None:
        return str(row["better"])
    if row["indicator"] is not None:
        return INDICATORS[row["indicator"]].better
    return "lower"


def progress(base: float, plan: float, current: float, better: str) -> float:
    """E_i in percent; when X0 = Xплан, 100 if the level was held (current at least as good)."""
    if base == plan:
        held = current <= plan if better == "lower" else current >= plan
        return 100.0 if held else 0.0
    return (base - current) / (base - plan) * 100


def _clamped(value: float, clamp: bool) -> float:
    return min(100.0, max(0.0, value)) if clamp else value


def _check_bands(values: Mapping[str, Any]) -> list[Message]:
    # Each band's lower bound must be below the one above it, or a band would be empty.
    messages: list[Message] = []
    for (upper_id, _, upper), (lower_id, _, lower) in itertools.pairwise(BANDS):
        high, low = values[upper_id], values[lower_id]
        if high is not None and low is not None and low >= high:
            low_shown, high_shown = display.entered(low) + display.PERCENT, display.entered(high) + display.PERCENT
            messages.append(
                rejected(
                    f"Граница оценки «{lower}» ({low_shown}) должна быть ниже границы «{upper}» ({high_shown})",
                    lower_id,
                )
            )
    return messages


def check(values: Mapping[str, Any]) -> list[Message]:
    messages = _check_bands(values)
    for index, row in enumerate(values["indicators"]):
        if row is None:  # a row refused cell by cell: blanked on its own
            continue
        where = f"«Целевые показатели программы», строка {index + 1}"
        if row["indicator"] is not None and row["better"] is not None:
            expected = INDICATORS[row["indicator"]].better
            if row["better"] != expected:
                messages.append(
                    rejected(
                        f"{where}: для показателя «{INDICATORS[row['indicator']].label}» лучше "
                        f"{'меньшее' if expected == 'lower' else 'большее'} значение",
                        "indicators",
                        (index, "better"),
                    )
                )
        years = [year["year"] for year in row["years"] or []]
        if len(set(years)) != len(years):
            messages.append(
                rejected(
                    f"{where}, «Значения по годам»: год указан дважды",
                    "indicators",
                    (index, "years"),
                )
            )
        better = _better(row)
        plans = [row["plan"], *(year["plan"] for year in row["years"] or [])]
        for plan in plans:
            base = row["base"]
            if plan is None or base is None:
                continue
            worse = plan > base if better == "lower" else plan < base
            if worse:
                messages.append(
                    warning(
                        f"{where}: плановое значение {display.entered(plan)} хуже базового "
                        f"{display.entered(base)}, а по методике оно должно отличаться от базового в сторону улучшения",
                        "indicators",
                        (index, "plan"),
                    )
                )
                break
    return messages


def _assess(row: Mapping[str, Any], name: str, plan: float | None, current: float | None) -> float | Unavailable:
    if plan is None:
        return Unavailable(f"«{name}»: E_i не рассчитывается — не заполнено плановое значение")
    if current is None:
        return Unavailable(f"«{name}»: E_i не рассчитывается — не заполнено текущее значение")
    return progress(row["base"], plan, current, _better(row))


def _current_pair(row: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """Plan and current value of the assessment: given directly, or the latest year with a fact."""
    if row["plan"] is not None or row["current"] is not None:
        return row["plan"], row["current"]
    done = [year for year in row["years"] or [] if year["actual"] is not None]
    if not done:
        return None, None
    latest = max(done, key=lambda year: year["year"])
    return latest["plan"], latest["actual"]


def _total(
    entries: list[tuple[float, float]], clamp: bool, what: str, thresholds: Mapping[str, Any]
) -> tuple[float | Unavailable, str | Unavailable]:
    """Weighted mean of (E_i, weight) pairs, and its band."""
    weight = sum(w for _, w in entries)
    if not entries:
        reason = f"{what}: не рассчитывается — нет ни одного учитываемого показателя с E_i"
        return Unavailable(reason), Unavailable(reason)
    if weight == 0:
        reason = f"{what}: не рассчитывается — сумма весов учитываемых показателей равна нулю"
        return Unavailable(reason), Unavailable(reason)
    total = sum(_clamped(value, clamp) * w for value, w in entries) / weight
    if not math.isfinite(total):
        reason = f"{what}: не рассчитывается — значения E_i выходят за пределы представимых чисел"
        return Unavailable(reason), Unavailable(reason)
    return total, band(total, thresholds)


def _refused_row(index: int) -> dict[str, Any]:
    name = f"Показатель {index + 1}"
    reason = f"«{name}»: E_i не рассчитывается — строка {index + 1} таблицы заполнена с ошибкой"
    return {"name": name, "progress": Unavailable(reason), "counted": False, "years": []}


def _period(indicators: list[Any]) -> tuple[int | None, int | None]:
    """The last year with a fact and the programme's last year, from the rows' years tables."""
    years = [year for row in indicators if row is not None for year in row["years"] or []]
    done = [year["year"] for year in years if year["actual"] is not None]
    return (max(done) if done else None), (max(year["year"] for year in years) if years else None)


def _total_kind(assessed: int | None, last: int | None) -> tuple[str | Unavailable, list[Message]]:
    if assessed is None or last is None:
        reason = "«Вид итога»: не определяется — годы программы не заданы в «Значения по годам»"
        return Unavailable(reason), []
    if assessed < last:
        text = (
            f"Промежуточный итог: оценка за {assessed} год, а программа рассчитана до {last} года. "
            f"Итог программы в целом — по окончании ее реализации: {PERIOD_RULE}."
        )
        return INTERIM, [note(text, "total")]
    return FINAL, []


def compute(values: Mapping[str, Any]) -> Outcome:
    clamp: bool = values["clamp"]
    exclude_held = values["hold_level"] == "exclude"
    messages: list[Message] = []
    rows: list[dict[str, Any]] = []
    entries: list[tuple[float, float]] = []
    by_year: dict[int, list[tuple[float, float]]] = {}
    refused: list[int] = []
    for index, row in enumerate(values["indicators"]):
        if row is None:
            rows.append(_refused_row(index))
            refused.append(index + 1)
            continue
        name = _indicator_name(row, index)
        weight = row["weight"]
        held = False
        plan, current = _current_pair(row)
        if plan is not None and plan == row["base"]:
            held = True
            messages.append(
                note(
                    f"«{name}»: базовое и плановое значения равны — «удержание достигнутого уровня»: "
                    f"E_i = 100 %, если текущее значение не хуже планового, иначе 0 %"
                    + ("; в итоге не учитывается" if exclude_held else ""),
                    "indicators",
                    (index, "progress"),
                )
            )
        counted = not (held and exclude_held)
        value = _assess(row, name, plan, current)
        if isinstance(value, float) and counted:
            entries.append((value, weight))
        year_rows = []
        for year in sorted(row["years"] or [], key=lambda item: item["year"]):
            year_value = _assess(row, f"{name}, {year['year']} год", year["plan"], year["actual"])
            year_rows.append(
                {
                    "year": year["year"],
                    "plan": year["plan"],
                    "actual": year["actual"],
                    "progress": year_value,
                }
            )
            year_held = year["plan"] is not None and year["plan"] == row["base"]
            if isinstance(year_value, float) and not (year_held and exclude_held):
                by_year.setdefault(year["year"], []).append((year_value, weight))
        rows.append(
            {
                "name": name,
                "progress": value,
                "counted": counted,
                "years": year_rows,
            }
        )
    total, total_band = _total(entries, clamp, "«Итоговый уровень реализации программы»", values)
    assessed, last = _period(values["indicators"])
    total_kind, kind_notes = _total_kind(assessed, last)
    messages += kind_notes
    if refused:
        listed = ", ".join(str(number) for number in refused)
        text = f"Строка {listed} заполнена с ошибкой и в итог не вошла."
        if len(refused) > 1:
            text = f"Строки {listed} заполнены с ошибкой и в итог не вошли."
        messages.append(note(text, "total"))
    years = []
    for year_number in sorted(by_year):
        year_total, year_band = _total(by_year[year_number], clamp, f"Итог за {year_number} год", values)
        kind = INTERIM if last is not None and year_number < last else FINAL
        years.append({"year": year_number, "total": year_total, "band": year_band, "kind": kind})
    if clamp and any(not 0 <= value <= 100 for value, _ in entries):
        messages.append(
            note(
                "E_i выше 100 % или ниже 0 % показаны как есть, а в итог вошли ограниченными диапазоном 0–100 %.",
                "total",
            )
        )
    results = {"indicators": rows, "total": total, "band": total_band, "total_kind": total_kind, "years": years}
    return Outcome(results, messages)


CONVENTIONS = (
    Convention(
        "Формула",
        "E_i = (X0 − Xтек) / (X0 − Xплан) × 100 %, где X0 — базовое значение (за год, "
        "предшествующий году начала программы), Xплан — плановое, Xтек — текущее. Формула "
        "одна и для показателей, где лучше меньшее (травматизм), и где лучше большее (доля "
        "рабочих мест с проведённой СОУТ): знаки числителя и знаменателя сокращаются.",
    ),
    Convention(
        "Удержание достигнутого уровня",
        "Если X0 = Xплан (например, ноль погибших сохраняется нулём), формула делит на ноль. "
        "Принято: 100 %, если текущее значение не хуже планового, иначе 0 %. Такой показатель "
        "можно не учитывать в итоге.",
        "hold_level",
    ),
    Convention(
        "Ограничение итога",
        "E_i выше 100 % (перевыполнение) или ниже 0 % (ухудшение) показывается как есть; в итог "
        "программы каждое E_i входит ограниченным диапазоном 0–100 %, чтобы перевыполнение по "
        "одному показателю не скрывало провал по другому. Ограничение можно выключить.",
        "clamp",
    ),
    Convention(
        "Итог и веса",
        "Итог — среднее арифметическое E_i учитываемых показателей или, если заданы веса, "
        "взвешенное среднее. Показатели без текущего значения в итог не входят.",
    ),
    Convention(
        "Оценка итога — условие проекта",
        "В Методических рекомендациях шкалы оценки итога нет. По умолчанию: не ниже 90 % — "
        "высокий уровень, не ниже 80 % — средний, не ниже 70 % — удовлетворительный, ниже 70 % — "
        "неудовлетворительный; границы задаются в полях «Нижняя граница оценки».",
        "band_high",
    ),
    Convention(
        "Промежуточный итог",
        "Итог до последнего года программы (последний год в «Значения по годам») — промежуточный: " + PERIOD_RULE + ".",
    ),
    Convention(
        "Несколько лет",
        "Для каждого года программы задаются план и факт; E_i считается за каждый год от одного "
        "и того же базового значения. Если план и текущее значение не заданы отдельно, оценкой "
        "показателя служит последний год с фактом.",
    ),
)

EXAMPLES = (
    Example(
        "typical",
        "Четыре типовых показателя, один год",
        "Кч снизился с 2,5 до 1,8 при плане 2,0; погибших не было и не планировалось; "
        "профессиональная заболеваемость 4,0 → 3,0 при плане 2,0; удельный вес вредных условий "
        "40 % → 38 % при плане 35 %.",
        {
            "indicators": [
                {**PRESET_INDICATORS[0], "base": 2.5, "plan": 2.0, "current": 1.8},
                {**PRESET_INDICATORS[1], "base": 0, "plan": 0, "current": 0},
                {**PRESET_INDICATORS[2], "base": 4.0, "plan": 2.0, "current": 3.0},
                {**PRESET_INDICATORS[3], "base": 40, "plan": 35, "current": 38},
            ],
        },
    ),
    Example(
        "multi_year",
        "Программа на три года",
        "План и факт по годам 2024–2026; в 2026 году факта ещё нет. Доля рабочих мест с "
        "проведённой СОУТ — показатель, где лучше большее значение.",
        {
            "indicators": [
                {
                    **PRESET_INDICATORS[0],
                    "base": 3.0,
                    "years": [
                        {"year": 2024, "plan": 2.5, "actual": 2.6},
                        {"year": 2025, "plan": 2.0, "actual": 1.5},
                        {"year": 2026, "plan": 1.5},
                    ],
                },
                {
                    "name": "Доля рабочих мест, на которых проведена СОУТ, %",
                    "better": "higher",
                    "base": 60,
                    "years": [
                        {"year": 2024, "plan": 80, "actual": 75},
                        {"year": 2025, "plan": 100, "actual": 90},
                        {"year": 2026, "plan": 100},
                    ],
                },
            ],
        },
    ),
)

# The web form (build_tools/calculator_site): sections, state, key results.
LAYOUT = Layout("indicators", start="seed_003", summary=(("total", "Итог, %"), ("band", "Оценка")), extras=("chart",))

CALCULATOR = Calculator(
    id="zero_injury",
    title="Оценка уровня реализации программы «Нулевой травматизм»",
    summary=(
        "Уровень реализации E_i по каждому целевому показателю и по годам, итог программы и его "
        "оценка; четыре типовых показателя заданы заранее."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    check=check,
    conventions=CONVENTIONS,
    sources=(
        ZERO_INJURY_RECOMMENDATIONS + ": раздел 8 «Оценка уровня реализации "
        "программы» (формула E_i), Приложение 1 «Целевые показатели (индикаторы)».",
    ),
    examples=EXAMPLES,
    layout=LAYOUT,
    row_tolerant=("indicators",),
    groups=(Group("bands", "Шкала оценки итога (условие проекта)", PROJECT_CONDITION),),
    presets=(
        Example(
            "seed_003",
            "Типовые целевые показатели программы «Нулевой травматизм»",
            "Четыре показателя Приложения 1 к типовой программе; значения вводит пользователь.",
            {"indicators": [dict(item) for item in PRESET_INDICATORS]},
        ),
    ),
)
