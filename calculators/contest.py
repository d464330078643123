"""Derived rows of the contest tables (seed 002, Приложения № 2, 3 и 4 к Положению о конкурсе).

The table «Показатели, характеризующие состояние охраны труда в организации (ИП)» (Приложение № 2)
asks for the reporting year and the previous one; so does Приложение № 3 (the specialist's work),
and Приложение № 4 (informing workers on HIV) has rows computed the same way. Every row that is a
rate or a share is computed here from raw counts, for both years, with the change; a row asked by
several appendices is computed once and names them all. Each row keeps the seed's own wording.
Inputs and outputs of the previous year carry the suffix ``_prev``; the change is ``<row>_change``
(absolute: percentage points for shares) and, for rates, ``<row>_change_percent`` (relative to the
previous year).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from calculators import display
from calculators.coefficients import blank_fatal_as_zero, severity_note, severity_zero_cause
from calculators.declarations import (
    FIRST_YEAR,
    LAST_YEAR,
    Calculator,
    Convention,
    Example,
    Group,
    Input,
    Layout,
    Outcome,
    Output,
    Variant,
)
from calculators.formulas import variables
from calculators.messages import Message, Unavailable, note, rejected, warning
from calculators.rates import not_computed, rate
from calculators.sources import CONTEST_REGULATION

MAX_PEOPLE = 100_000_000
MAX_COUNT = 1_000_000_000
MAX_MONEY = 1_000_000_000_000  # тыс. руб.

REPORTING, PREVIOUS = "reporting", "previous"
PREV = "_prev"


@dataclass(frozen=True)
class Raw:
    """A raw figure asked for (or implied) by the table."""

    id: str
    label: str
    symbol: str
    unit: str = "человек"
    integer: bool = True
    maximum: float = MAX_PEOPLE
    ref: str = ""
    appendix: int = 2


@dataclass(frozen=True)
class Asked:
    """Another appendix's row asking for the same figure, in that row's own words."""

    appendix: int
    point: str
    wording: str


@dataclass(frozen=True)
class Row:
    """A derived row: ``formula`` over raw ids; ``share`` rows change in percentage points."""

    id: str
    ref: str
    label: str
    unit: str
    formula: str
    share: bool = True
    decimals: int = 2
    # Why the row is «не требуется» when its denominator is zero (the table's own wording).
    not_required: str | None = None
    # A share that may exceed 100 % (provision against a norm) gets no warning above 100 %.
    may_exceed: bool = False
    # The seed's row, word for word (its sub-row with the row it belongs to, where it has one).
    wording: str = ""
    appendix: int = 2
    also: tuple[Asked, ...] = ()

    def refs(self) -> str:
        """«Приложение № 2, п. 14; Приложение № 3, п. 12»: every row of the seed asking for it."""
        places = [(self.appendix, self.ref), *((item.appendix, item.point) for item in self.also)]
        return "; ".join(f"Приложение № {appendix}, {point}" for appendix, point in places)

    def quotes(self) -> str:
        """The seed's wording of every row asking for the figure, quoted, with its place."""
        own = [(self.appendix, self.ref, self.wording)] if self.wording else []
        rows = [*own, *((item.appendix, item.point, item.wording) for item in self.also)]
        return "; ".join(f"«{wording}» (Приложение № {appendix}, {point})" for appendix, point, wording in rows)


RAWS: tuple[Raw, ...] = (
    Raw("headcount", "Среднесписочная численность работников", "P", integer=False, ref="п. 6 заголовка"),
    Raw(
        "women", "Среднесписочная численность работников: в том числе женщин", "Pж", integer=False, ref="п. 6 заголовка"
    ),
    Raw("victims", "Количество пострадавших от несчастных случаев на производстве", "T", ref="п. 2"),
    Raw("fatal_victims", "Количество пострадавших со смертельным исходом", "Tсм", ref="п. 2"),
    Raw("days_lost", "Число дней нетрудоспособности пострадавших", "D", unit="дней", maximum=MAX_COUNT, ref="п. 4"),
    Raw(
        "disease_cases",
        "Число впервые выявленных случаев профессиональных заболеваний",
        "Nпз",
        unit="случаев",
        ref="п. 5",
    ),
    Raw("workplaces", "Общее количество рабочих мест", "РМ", unit="рабочих мест", ref="п. 8"),
    Raw(
        "sout_workplaces",
        "Количество рабочих мест, на которых проведена СОУТ",
        "РМсоут",
        unit="рабочих мест",
        ref="п. 8",
    ),
    Raw("sout_workers", "Количество работающих на рабочих местах, на которых проведена СОУТ", "Nсоут", ref="п. 8"),
    Raw(
        "harmful_workers",
        "Количество работающих во вредных и (или) опасных условиях труда по результатам СОУТ",
        "Nвр",
        ref="п. 9",
    ),
    Raw(
        "harmful_women",
        "Количество женщин, работающих во вредных и (или) опасных условиях труда по результатам СОУТ",
        "Nвр.ж",
        ref="п. 9",
    ),
    Raw(
        "heavy_workers",
        "Количество работающих во вредных и (или) опасных условиях труда по фактору тяжести трудового процесса",
        "Nт",
        ref="п. 10",
    ),
    Raw(
        "heavy_women",
        "Количество женщин, работающих во вредных и (или) опасных условиях труда по фактору тяжести трудового процесса",
        "Nт.ж",
        ref="п. 10",
    ),
    Raw(
        "acceptable_workplaces",
        "Общее количество РМ с допустимыми и оптимальными условиями труда",
        "РМдоп",
        unit="рабочих мест",
        ref="п. 11",
    ),
    Raw("declared_workplaces", "Количество задекларированных рабочих мест", "РМдекл", unit="рабочих мест", ref="п. 11"),
    Raw(
        "harmful_workplaces",
        "Количество рабочих мест с вредными условиями труда",
        "РМвр",
        unit="рабочих мест",
        ref="п. 12",
    ),
    Raw(
        "improved_workplaces",
        "Количество рабочих мест, на которых по результатам СОУТ были улучшены условия труда",
        "РМул",
        unit="рабочих мест",
        ref="п. 12",
    ),
    Raw(
        "measures_planned",
        "Количество запланированных мероприятий по улучшению условий и охраны труда",
        "Мпл",
        unit="мероприятий",
        maximum=MAX_COUNT,
        ref="п. 13",
    ),
    Raw(
        "measures_done",
        "Количество выполненных мероприятий по улучшению условий и охраны труда",
        "Мвып",
        unit="мероприятий",
        maximum=MAX_COUNT,
        ref="п. 13",
    ),
    Raw(
        "expenses",
        "Объем затрат на мероприятия по улучшению условий и охраны труда за год",
        "З",
        unit="тыс. руб.",
        integer=False,
        maximum=MAX_MONEY,
        ref="п. 14",
    ),
    Raw(
        "improved_workers",
        "Количество работников, которым условия труда по результатам СОУТ были улучшены до допустимых",
        "Nул",
        ref="п. 15",
    ),
    Raw(
        "improved_women",
        "Количество женщин, которым условия труда по результатам СОУТ были улучшены до допустимых",
        "Nул.ж",
        ref="п. 15",
    ),
    Raw(
        "improved_heavy_workers",
        "Количество работников, которым условия труда по фактору "
        "тяжести трудового процесса были улучшены до допустимых",
        "Nул.т",
        ref="п. 16",
    ),
    Raw(
        "improved_heavy_women",
        "Количество женщин, которым условия труда по фактору тяжести трудового процесса были улучшены до допустимых",
        "Nул.т.ж",
        ref="п. 16",
    ),
    Raw(
        "allowance_workers",
        "Количество работников, которым за работу во вредных и (или) опасных условиях труда установлены доплаты",
        "Nдопл",
        ref="п. 17",
    ),
    Raw(
        "ppe_required",
        "Потребность в сертифицированных средствах индивидуальной защиты",
        "СИЗп",
        unit="единиц",
        maximum=MAX_COUNT,
        ref="п. 19",
    ),
    Raw(
        "ppe_issued",
        "Выдано сертифицированных средств индивидуальной защиты",
        "СИЗв",
        unit="единиц",
        maximum=MAX_COUNT,
        ref="п. 19",
    ),
    Raw(
        "sanitary_required",
        "Санитарно-бытовые помещения по санитарным нормам",
        "СБн",
        unit="единиц",
        maximum=MAX_COUNT,
        ref="п. 20",
    ),
    Raw(
        "sanitary_actual", "Санитарно-бытовые помещения в наличии", "СБф", unit="единиц", maximum=MAX_COUNT, ref="п. 20"
    ),
    Raw(
        "extinguishers_required",
        "Первичные средства пожаротушения по норме",
        "ППн",
        unit="единиц",
        maximum=MAX_COUNT,
        ref="п. 28",
    ),
    Raw(
        "extinguishers_actual",
        "Первичные средства пожаротушения в наличии",
        "ППф",
        unit="единиц",
        maximum=MAX_COUNT,
        ref="п. 28",
    ),
    Raw(
        "violations",
        "Количество выявленных и подлежащих устранению нарушений (предписания "
        "органов государственного надзора и контроля)",
        "Нвыяв",
        unit="нарушений",
        maximum=MAX_COUNT,
        ref="п. 29",
    ),
    Raw(
        "violations_fixed",
        "Количество устраненных нарушений",
        "Нустр",
        unit="нарушений",
        maximum=MAX_COUNT,
        ref="п. 29",
    ),
    Raw(
        "medical_due",
        "Количество работников, подлежащих обязательным предварительным и периодическим медицинским осмотрам",
        "Nмо",
        ref="п. 30",
    ),
    Raw("medical_done", "Количество работников, прошедших медосмотр", "Nмо.пр", ref="п. 30"),
    Raw(
        "first_aid_due",
        "Количество работников рабочих профессий, которые должны проходить "
        "ежегодное обучение по оказанию первой помощи пострадавшим",
        "Nпп",
        ref="п. 31",
    ),
    Raw(
        "first_aid_trained",
        "Количество работников рабочих профессий, которым проведено "
        "ежегодное обучение по оказанию первой помощи пострадавшим",
        "Nпп.об",
        ref="п. 31",
    ),
    Raw(
        "hiv_measures_planned",
        "Количество мероприятий по информированию работников по вопросам ВИЧ-инфекции на рабочих местах",
        "ВИЧпл",
        unit="мероприятий",
        maximum=MAX_COUNT,
        ref="п. 34",
    ),
    Raw(
        "hiv_measures_done",
        "Количество выполненных мероприятий по информированию работников по вопросам ВИЧ-инфекции",
        "ВИЧвып",
        unit="мероприятий",
        maximum=MAX_COUNT,
        ref="п. 34",
    ),
    Raw(
        "assets_commissioned",
        "Стоимость введенных в действие основных фондов за год (в сопоставимых ценах)",
        "ОФвв",
        unit="тыс. руб.",
        integer=False,
        maximum=MAX_MONEY,
        ref="п. 35",
    ),
    Raw(
        "assets_year_end",
        "Стоимость основных фондов на конец года (в сопоставимых ценах)",
        "ОФк",
        unit="тыс. руб.",
        integer=False,
        maximum=MAX_MONEY,
        ref="п. 35",
    ),
    Raw("managers", "Общая численность руководителей и специалистов", "Nрс", ref="п. 3", appendix=3),
    Raw(
        "managers_trained",
        "Руководители и специалисты, прошедшие обучение и проверку знаний требований охраны труда",
        "Nрс.об",
        ref="п. 3",
        appendix=3,
    ),
    Raw("blue_collar", "Общая численность работников рабочих профессий", "Nрп", ref="п. 3", appendix=3),
    Raw(
        "blue_collar_trained",
        "Работники рабочих профессий, прошедшие обучение и проверку знаний требований охраны труда",
        "Nрп.об",
        ref="п. 3",
        appendix=3,
    ),
    Raw(
        "instructions_required",
        "Профессии и виды работ, по которым нужны инструкции по охране труда",
        "Ин",
        unit="профессий и видов работ",
        maximum=MAX_COUNT,
        ref="п. 7",
        appendix=3,
    ),
    Raw(
        "instructions_available",
        "Профессии и виды работ, обеспеченные инструкциями по охране труда",
        "Иоб",
        unit="профессий и видов работ",
        maximum=MAX_COUNT,
        ref="п. 7",
        appendix=3,
    ),
    Raw(
        "hiv_tested",
        "Численность работников, прошедших добровольное тестирование на ВИЧ-инфекцию",
        "Nтест",
        ref="п. 9",
        appendix=4,
    ),
    Raw(
        "hiv_costs",
        "Материальные затраты на мероприятия по информированию работников о проблемах ВИЧ-инфекции "
        "и ее профилактике: фактически использовано",
        "Звич",
        unit="тыс. руб.",
        integer=False,
        maximum=MAX_MONEY,
        ref="п. 15",
        appendix=4,
    ),
)

PER_1000 = "на 1000 работающих"

# The seed's rows, word for word; « … » joins a row and its sub-row where the table splits them.
SUB = " … "
_FREQUENCY_ROW = (
    "Количество пострадавших от несчастных случаев на производстве в расчете на 1000 работающих (коэффициент частоты)"
)
_SEVERITY_ROW = "Число дней нетрудоспособности в расчете на одного пострадавшего (коэффициент тяжести)"
_SOUT_WORKPLACES_ROW = "Доля рабочих мест, на которых проведена СОУТ, % от общего количества рабочих мест"
_HARMFUL_ROW = (
    "Доля работающих во вредных и (или) опасных условиях труда по результатам СОУТ, % от среднесписочной численности"
)
_HEAVY_ROW = (
    "Доля работающих во вредных и (или) опасных условиях труда по фактору тяжести трудового процесса по "
    "результатам СОУТ, % от среднесписочной численности"
)
_WOMEN_SUBROW = "в том числе женщин, % от среднесписочной численности женщин"
_EXPENSES_ROW = "Объем затрат на мероприятия по улучшению условий и охраны труда на 1 работника в год, тыс. руб."
_TRAINING_ROW = "Уровень обучения и проверки знаний требований охраны труда работников (% от их общей численности):"

ROWS: tuple[Row, ...] = (
    Row(
        "frequency",
        "п. 3",
        "Количество пострадавших от несчастных случаев на производстве в "
        "расчете на 1000 работающих (коэффициент частоты)",
        PER_1000,
        "{victims} × 1000 / {headcount}",
        share=False,
        wording=_FREQUENCY_ROW,
        also=(
            Asked(
                3,
                "п. 25",
                "Количество пострадавших от несчастных случаев на производстве в расчете на тысячу "
                "работающих (коэффициент частоты)",
            ),
        ),
    ),
    Row(
        "fatal_frequency",
        "п. 3",
        "Количество пострадавших со смертельным исходом в расчете на 1000 работающих",
        PER_1000,
        "{fatal_victims} × 1000 / {headcount}",
        share=False,
        decimals=3,
        wording=_FREQUENCY_ROW + SUB + "со смертельным исходом в расчете на 1000 работающих",
    ),
    Row(
        "severity",
        "п. 4",
        "Число дней нетрудоспособности в расчете на одного пострадавшего (коэффициент тяжести)",
        "дней на 1 пострадавшего",
        "{days_lost} / ({victims} − {fatal_victims})",
        share=False,
        wording=_SEVERITY_ROW,
        also=(Asked(3, "п. 26", _SEVERITY_ROW),),
    ),
    Row(
        "occupational_disease",
        "п. 5",
        "Число впервые выявленных случаев профессиональных заболеваний на 1000 работающих",
        PER_1000,
        "{disease_cases} × 1000 / {headcount}",
        share=False,
        wording="Число впервые выявленных случаев профессиональных заболеваний на 1000 работающих",
        also=(
            Asked(3, "п. 27", "Количество впервые выявленных случаев профессиональных заболеваний на 1000 работающих"),
        ),
    ),
    Row(
        "sout_workplaces_share",
        "п. 8",
        "Доля рабочих мест, на которых проведена СОУТ",
        "% от общего количества рабочих мест",
        "{sout_workplaces} × 100 / {workplaces}",
        wording=_SOUT_WORKPLACES_ROW,
        also=(Asked(3, "п. 18", _SOUT_WORKPLACES_ROW),),
    ),
    Row(
        "sout_workers_share",
        "п. 8",
        "Доля работающих на рабочих местах, на которых проведена СОУТ",
        "% от среднесписочной численности",
        "{sout_workers} × 100 / {headcount}",
        wording="Доля работающих на рабочих местах, на которых проведена СОУТ, % от среднесписочной численности",
        also=(
            Asked(
                3,
                "п. 18",
                "Доля работников на рабочих местах, на которых проведена СОУТ, к общей численности работников, %",
            ),
        ),
    ),
    Row(
        "harmful_share",
        "п. 9",
        "Доля работающих во вредных и (или) опасных условиях труда по результатам СОУТ",
        "% от среднесписочной численности",
        "{harmful_workers} × 100 / {headcount}",
        wording=_HARMFUL_ROW,
        also=(Asked(3, "п. 19", _HARMFUL_ROW),),
    ),
    Row(
        "harmful_women_share",
        "п. 9",
        "Доля работающих во вредных и (или) опасных условиях труда по результатам СОУТ: в том числе женщин",
        "% от среднесписочной численности женщин",
        "{harmful_women} × 100 / {women}",
        wording=_HARMFUL_ROW + SUB + _WOMEN_SUBROW,
        also=(Asked(3, "п. 19", _HARMFUL_ROW + SUB + _WOMEN_SUBROW),),
    ),
    Row(
        "heavy_share",
        "п. 10",
        "Доля работающих во вредных и (или) опасных условиях труда по "
        "фактору тяжести трудового процесса по результатам СОУТ",
        "% от среднесписочной численности",
        "{heavy_workers} × 100 / {headcount}",
        wording=_HEAVY_ROW,
        also=(Asked(3, "п. 20", _HEAVY_ROW),),
    ),
    Row(
        "heavy_women_share",
        "п. 10",
        "Доля работающих во вредных и (или) опасных условиях труда по фактору тяжести трудового процесса "
        "по результатам СОУТ: в том числе женщин",
        "% от среднесписочной численности женщин",
        "{heavy_women} × 100 / {women}",
        wording=_HEAVY_ROW + SUB + _WOMEN_SUBROW,
        also=(Asked(3, "п. 20", _HEAVY_ROW + SUB + _WOMEN_SUBROW),),
    ),
    Row(
        "declared_share",
        "п. 11",
        "Доля задекларированных рабочих мест от общего количества "
        "рабочих мест с допустимыми и оптимальными условиями труда",
        "%",
        "{declared_workplaces} × 100 / {acceptable_workplaces}",
        not_required="нет рабочих мест с допустимыми и оптимальными условиями труда",
        wording="Указать долю задекларированных рабочих мест от общего количества рабочих мест с допустимыми и "
        "оптимальными условиями труда, нет / %",
        also=(
            Asked(
                3,
                "п. 21",
                "указать долю задекларированных рабочих мест, % от общего количества рабочих мест с оптимальными "
                "и допустимыми условиями труда, %",
            ),
        ),
    ),
    Row(
        "improved_workplaces_share",
        "п. 12",
        "Доля рабочих мест, на которых по результатам "
        "СОУТ были улучшены условия труда, от общего количества рабочих мест с вредными "
        "условиями труда",
        "%",
        "{improved_workplaces} × 100 / {harmful_workplaces}",
        not_required="не требуется: нет рабочих мест с вредными условиями труда",
        wording="Доля рабочих мест, на которых по результатам СОУТ были улучшены условия труда, от общего "
        "количества рабочих мест с вредными условиями труда, не требуется / нет / %",
    ),
    Row(
        "measures_done_share",
        "п. 13",
        "Доля выполнения запланированных мероприятий по улучшению условий и охраны труда",
        "%",
        "{measures_done} × 100 / {measures_planned}",
        not_required="мероприятия не запланированы",
        wording="Наличие соглашения или иного утвержденного плана мероприятий по улучшению условий и охраны "
        "труда, да/ нет" + SUB + "указать долю выполнения запланированных мероприятий, %",
        also=(
            Asked(
                3,
                "п. 16",
                "Наличие соглашения (программы, плана мероприятий) по улучшению условий и охраны труда, да/нет"
                + SUB
                + "уровень его выполнения, % от общего числа запланированных мероприятий",
            ),
        ),
    ),
    Row(
        "expenses_per_worker",
        "п. 14",
        "Объем затрат на мероприятия по улучшению условий и охраны труда на 1 работника в год",
        "тыс. руб.",
        "{expenses} / {headcount}",
        share=False,
        wording=_EXPENSES_ROW,
        also=(Asked(3, "п. 12", _EXPENSES_ROW),),
    ),
    Row(
        "improved_workers_share",
        "п. 15",
        "Доля работников, которым улучшены условия труда до "
        "допустимых, к количеству работников, занятых на работах с вредными условиями труда",
        "%",
        "{improved_workers} × 100 / {harmful_workers}",
        not_required="не требуется: нет работников, занятых на работах с вредными условиями труда",
        wording="Доля работников, которым улучшены условия труда до допустимых, к количеству работников, "
        "занятых на работах с вредными условиями труда, %",
        also=(
            Asked(
                3,
                "п. 22",
                "Доля работников, которым условия труда были улучшены до допустимых в результате модернизации "
                "оборудования, переобучения другим профессиям и иных мероприятий, % от среднесписочной "
                "численности, занятых во вредных условиях труда, указанных в п.19*",
            ),
        ),
    ),
    Row(
        "improved_women_share",
        "п. 15",
        "Доля женщин, которым улучшены условия труда до "
        "допустимых, к количеству женщин, занятых на работах с вредными условиями труда",
        "%",
        "{improved_women} × 100 / {harmful_women}",
        not_required="не требуется: нет женщин, занятых на работах с вредными условиями труда",
        wording="Доля женщин, которым улучшены условия труда до допустимых, к количеству женщин, занятых на "
        "работах с вредными условиями труда, %",
    ),
    Row(
        "improved_heavy_share",
        "п. 16",
        "Доля работников, которым улучшены условия труда по "
        "фактору тяжести трудового процесса до допустимых, к количеству работников, занятых на "
        "работах с вредными условиями труда по данному фактору",
        "%",
        "{improved_heavy_workers} × 100 / {heavy_workers}",
        not_required="не требуется: нет работников, занятых на работах с вредными условиями труда по фактору тяжести",
        wording="Доля работников, которым улучшены условия труда по фактору тяжести трудового процесса до "
        "допустимых, к количеству работников, занятых на работах с вредными условиями труда по данному "
        "фактору, не требуется/нет / %",
    ),
    # The seed's denominator for women here is the workers (not the women) in harmful conditions
    # by this factor; the row follows the seed as written (see the convention «п. 16»).
    Row(
        "improved_heavy_women_share",
        "п. 16",
        "Доля женщин, которым улучшены условия труда по "
        "фактору тяжести трудового процесса до допустимых, к количеству работников, занятых на "
        "работах с вредными условиями труда по данному фактору",
        "%",
        "{improved_heavy_women} × 100 / {heavy_workers}",
        not_required="не требуется: нет работников, занятых на работах с вредными условиями труда по фактору тяжести",
        wording="Доля женщин, которым улучшены условия труда по фактору тяжести трудового процесса до "
        "допустимых, к количеству работников, занятых на работах с вредными условиями труда по данному "
        "фактору, не требуется/нет / %",
    ),
    Row(
        "allowance_share",
        "п. 17",
        "Доля работников, которым за работу во вредных и (или) "
        "опасных условиях труда установлены доплаты, к общему числу работников, указанных в "
        "п. 9",
        "%",
        "{allowance_workers} × 100 / {harmful_workers}",
        not_required="не требуется: нет работников во вредных и (или) опасных условиях труда",
        wording="Доля работников, которым за работу во вредных и (или) опасных условиях труда.установлены "
        "доплаты к общему числу работников, указанных в п. 9, не требуется / нет / %",
    ),
    Row(
        "ppe_provision",
        "п. 19",
        "Обеспеченность работников сертифицированными средствами индивидуальной защиты",
        "% от потребности",
        "{ppe_issued} × 100 / {ppe_required}",
        may_exceed=True,
        not_required="потребности в средствах индивидуальной защиты нет",
        wording="Обеспеченность работников сертифицированными средствами индивидуальной защиты, % от потребности",
        also=(
            Asked(
                3,
                "п. 15",
                "Обеспеченность сертифицированной специальной одеждой, специальной обувью и другими средствами "
                "индивидуальной защиты, % от потребности на год",
            ),
        ),
    ),
    Row(
        "sanitary_provision",
        "п. 20",
        "Обеспеченность санитарно-бытовыми помещениями",
        "% от санитарных норм",
        "{sanitary_actual} × 100 / {sanitary_required}",
        may_exceed=True,
        wording="Обеспеченность санитарно - бытовыми помещениями (гардеробными, душевыми, умывальными комнатами, "
        "комнатами личной гигиены женщин), % от санитарных норм",
    ),
    Row(
        "extinguishers_provision",
        "п. 28",
        "Обеспеченность организации первичными средствами пожаротушения",
        "% от нормы",
        "{extinguishers_actual} × 100 / {extinguishers_required}",
        may_exceed=True,
        wording="Обеспеченность организации первичными средствами пожаротушения, % от нормы",
    ),
    Row(
        "orders_fulfilment",
        "п. 29",
        "Уровень выполнения предписаний органов государственного "
        "надзора и контроля (устраненные нарушения к общему количеству выявленных и подлежащих "
        "устранению нарушений)",
        "%",
        "{violations_fixed} × 100 / {violations}",
        not_required="нарушений, подлежащих устранению, нет",
        wording="Уровень выполнения предписаний органов государственного надзора и контроля, количество "
        "устраненных нарушений, % (устраненные нарушения к общему количеству выявленных и подлежащих "
        "устранению нарушений)",
        also=(
            Asked(
                3,
                "п. 29",
                "Уровень выполнения предписаний органов государственного надзора и контроля, % устраненных от "
                "общего количества выявленных и подлежащих устранению нарушений",
            ),
        ),
    ),
    Row(
        "medical_coverage",
        "п. 30",
        "Уровень охвата работников проведением обязательных предварительных и периодических медицинских осмотров",
        "%",
        "{medical_done} × 100 / {medical_due}",
        not_required="работников, подлежащих медосмотрам, нет",
        wording="Уровень охвата работников проведением обязательных предварительных и периодических медицинских "
        "осмотров, % (количество работников, прошедших медосмотр, к количеству работников, подлежащих "
        "прохождению медосмотрам)",
        also=(
            Asked(
                3,
                "п. 28",
                "Уровень охвата работников проведением обязательных предварительных и периодических медицинских "
                "осмотров, % от количества работников, подлежащих данным осмотрам",
            ),
        ),
    ),
    Row(
        "first_aid_share",
        "п. 31",
        "Доля работников рабочих профессий, которым проведено "
        "ежегодное обучение по оказанию первой помощи пострадавшим",
        "%",
        "{first_aid_trained} × 100 / {first_aid_due}",
        not_required="не требуется: нет работников, которые должны проходить обучение",
        wording="Доля работников рабочих профессий, которым проведено ежегодного обучения по оказанию первой "
        "помощи пострадавшим, не требуется / нет / %",
        also=(
            Asked(
                3,
                "п. 4",
                "Уровень ежегодного обучения работников рабочих профессий оказанию первой помощи пострадавшим, "
                "% / не требуется",
            ),
        ),
    ),
    Row(
        "hiv_measures_share",
        "п. 34",
        "Процент выполнения мероприятий по информированию работников по вопросам ВИЧ-инфекции на рабочих местах",
        "%",
        "{hiv_measures_done} × 100 / {hiv_measures_planned}",
        not_required="мероприятия не запланированы",
        wording="Наличие локального акта с мероприятиями по информированию работников по вопросам ВИЧ-инфекции на "
        "рабочих местах(в пояснительной записке указать данный локальный акт),нет / да" + SUB + "% выполнения "
        "мероприятий",
        also=(
            Asked(
                3,
                "п. 31",
                "Наличие в организации разработанного и утвержденного положения «Информирование работников по "
                "вопросам ВИЧ-инфекции на рабочих местах» да/нет" + SUB + "% выполнения положения (в "
                "пояснительной записке указать выполненные мероприятия)",
            ),
        ),
    ),
    Row(
        "assets_renewal",
        "п. 35",
        "Коэффициент обновления основных фондов организации (в сопоставимых ценах)",
        "%",
        "{assets_commissioned} × 100 / {assets_year_end}",
        may_exceed=True,
        wording="Коэффициент обновления основных фондов организации (в сопоставимых ценах), %",
    ),
    # Приложение № 3: the specialist's work.
    Row(
        "managers_trained_share",
        "п. 3",
        "Уровень обучения и проверки знаний требований охраны труда руководителей и специалистов",
        "% от их общей численности",
        "{managers_trained} × 100 / {managers}",
        not_required="не требуется: руководителей и специалистов нет",
        appendix=3,
        wording=_TRAINING_ROW + SUB + "руководителей и специалистов",
    ),
    Row(
        "blue_collar_trained_share",
        "п. 3",
        "Уровень обучения и проверки знаний требований охраны труда работников рабочих профессий",
        "% от их общей численности",
        "{blue_collar_trained} × 100 / {blue_collar}",
        not_required="не требуется: работников рабочих профессий нет",
        appendix=3,
        wording=_TRAINING_ROW + SUB + "работников рабочих профессий",
    ),
    Row(
        "instructions_provision",
        "п. 7",
        "Обеспеченность инструкциями по охране труда по профессиям и видам работ",
        "%",
        "{instructions_available} × 100 / {instructions_required}",
        not_required="не требуется: нет профессий и видов работ, для которых нужны инструкции",
        appendix=3,
        wording="Обеспеченность инструкциями по охране труда по профессиям и видам работ, %",
    ),
    # Приложение № 4: informing workers on HIV.
    Row(
        "hiv_tested_share",
        "п. 10",
        "Удельный вес работников, прошедших добровольное тестирование на ВИЧ-инфекцию, от общего количества "
        "работников организации",
        "%",
        "{hiv_tested} × 100 / {headcount}",
        appendix=4,
        wording="Удельный вес работников, прошедших добровольное тестирование на ВИЧ- инфекцию, от общего "
        "количества работников организации, %/ нет",
    ),
    Row(
        "hiv_costs_per_worker",
        "п. 15",
        "Материальные затраты на мероприятия по информированию работников о проблемах ВИЧ-инфекции и ее "
        "профилактике в расчете на одного работника",
        "тыс. руб.",
        "{hiv_costs} / {headcount}",
        share=False,
        decimals=3,
        appendix=4,
        wording="Материальные затраты на мероприятия по информированию работников о проблемах ВИЧ-инфекции и ее "
        "профилактике, тыс. рублей" + SUB + "в расчете на одного работника",
    ),
)

_RAWS = {raw.id: raw for raw in RAWS}
_SEVERITY_WITH_FATAL = "{days_lost} / {victims}"


def _raw_input(raw: Raw, period: str) -> Input:
    previous = period == PREVIOUS
    return Input(
        raw.id + (PREV if previous else ""),
        raw.label + (" (предыдущий год)" if previous else ""),
        kind="integer" if raw.integer else "number",
        unit=raw.unit,
        symbol=raw.symbol,
        minimum=0,
        maximum=raw.maximum,
        group=period,
        ref=f"Приложение № {raw.appendix}, {raw.ref}",
    )


INPUTS: tuple[Input, ...] = (
    Input(
        "reporting_year",
        "Отчетный год",
        kind="integer",
        minimum=FIRST_YEAR,
        maximum=LAST_YEAR,
        hint="Только для подписей: предыдущий год — на единицу меньше.",
    ),
    *(_raw_input(raw, REPORTING) for raw in RAWS),
    *(_raw_input(raw, PREVIOUS) for raw in RAWS),
    Input(
        "severity_includes_fatal",
        "Коэффициент тяжести с учётом погибших",
        kind="boolean",
        default=False,
        hint="Выключено: погибшие не входят в знаменатель (соглашение Фонда социального страхования).",
    ),
)


def _row_uses(row: Row, suffix: str) -> tuple[str, ...]:
    # The formula names the raw figures without the year's suffix; both years' outputs use it.
    option = ("severity_includes_fatal",) if row.id == "severity" else ()
    return (*(name + suffix for name in variables(row.formula)), *option)


def _row_outputs(row: Row) -> tuple[Output, ...]:
    variants = (Variant("severity_includes_fatal", True, formula=_SEVERITY_WITH_FATAL),) if row.id == "severity" else ()
    common = {"decimals": row.decimals, "ref": row.refs(), "hint": row.quotes()}
    both = (*_row_uses(row, ""), *_row_uses(row, PREV))
    outputs = [
        Output(
            row.id,
            row.label,
            row.unit,
            formula=row.formula,
            variants=variants,
            group=REPORTING,
            uses=_row_uses(row, ""),
            **common,
        ),
        Output(
            row.id + PREV,
            row.label + " (предыдущий год)",
            row.unit,
            formula=row.formula,
            variants=variants,
            group=PREVIOUS,
            uses=_row_uses(row, PREV),
            **common,
        ),
        Output(
            row.id + "_change",
            row.label + ": изменение",
            "п. п." if row.share else row.unit,
            group="change",
            uses=both,
            **common,
        ),
    ]
    if not row.share:
        outputs.append(
            Output(
                row.id + "_change_percent",
                row.label + ": изменение к предыдущему году",
                "%",
                decimals=1,
                group="change",
                ref=row.refs(),
                uses=both,
            )
        )
    return tuple(outputs)


OUTPUTS: tuple[Output, ...] = tuple(output for row in ROWS for output in _row_outputs(row))

_LABELS = {item.id: item.label for item in INPUTS}


def _label(raw_id: str) -> str:
    return _RAWS[raw_id].label


def _symbol(raw_id: str) -> str:
    return _RAWS[raw_id].symbol


def _period_values(values: Mapping[str, Any], period: str) -> dict[str, Any]:
    suffix = PREV if period == PREVIOUS else ""
    return {raw.id: values[raw.id + suffix] for raw in RAWS}


def _period_name(values: Mapping[str, Any], period: str) -> str:
    year = values["reporting_year"]
    if year is None:
        return "отчетный год" if period == REPORTING else "предыдущий год"
    return f"{year if period == REPORTING else year - 1} год"


def check(values: Mapping[str, Any]) -> list[Message]:
    messages: list[Message] = []
    for period in (REPORTING, PREVIOUS):
        suffix = PREV if period == PREVIOUS else ""
        figures = _period_values(values, period)
        when = _period_name(values, period)
        victims, fatal = figures["victims"], figures["fatal_victims"]
        if victims is not None and fatal is not None and fatal > victims:
            messages.append(
                rejected(
                    f"«{_LABELS['fatal_victims' + suffix]}» ({display.entered(fatal)}) больше, чем "
                    f"«{_LABELS['victims' + suffix]}» ({display.entered(victims)}): погибшие входят в число "
                    "пострадавших",
                    "fatal_victims" + suffix,
                )
            )
        headcount = figures["headcount"]
        if victims is not None and headcount is not None and victims > headcount:
            messages.append(
                warning(
                    f"{when}: пострадавших ({display.entered(victims)}) больше, чем среднесписочная численность "
                    f"работников ({display.entered(headcount)}): проверьте данные",
                    "victims" + suffix,
                )
            )
        for row in ROWS:
            if not row.share or row.may_exceed:
                continue
            numerator, denominator = _share_parts(row)
            part, whole = figures[numerator], figures[denominator]
            if part is not None and whole is not None and part > whole:
                messages.append(
                    warning(
                        f"{when}: «{_label(numerator)}» ({display.entered(part)}) больше, чем «{_label(denominator)}» "
                        f"({display.entered(whole)}): доля «{row.label}» выйдет больше 100{display.PERCENT}",
                        numerator + suffix,
                    )
                )
    return messages


def _share_parts(row: Row) -> tuple[str, str]:
    # Share formulas are all «{part} × 100 / {whole}».
    part, whole = row.formula.replace("{", "").replace("}", "").split(" × 100 / ")
    return part, whole


def _change(output: Output, current: Any, previous: Any) -> Any:
    if isinstance(current, Unavailable) or isinstance(previous, Unavailable):
        return not_computed(output, "нет значения за один из годов")
    return current - previous


def _change_percent(output: Output, current: Any, previous: Any) -> Any:
    if isinstance(current, Unavailable) or isinstance(previous, Unavailable):
        return not_computed(output, "нет значения за один из годов")
    if previous == 0:
        return not_computed(output, "в предыдущем году значение равно нулю")
    return (current - previous) * 100 / previous


def compute(values: Mapping[str, Any]) -> Outcome:
    results: dict[str, Any] = {}
    messages: list[Message] = []
    outputs = {output.id: output for output in OUTPUTS}
    periods = {}
    for period in (REPORTING, PREVIOUS):
        suffix = PREV if period == PREVIOUS else ""
        figures = periods[period] = _period_values(values, period)
        messages += blank_fatal_as_zero(figures, "fatal_victims", ("fatal_frequency" + suffix, "severity" + suffix))
        messages.append(note(severity_note(values["severity_includes_fatal"]), "severity" + suffix))
    for row in ROWS:
        by_period = {}
        for period in (REPORTING, PREVIOUS):
            output = outputs[row.id + (PREV if period == PREVIOUS else "")]
            zero_cause = row.not_required
            figures = periods[period]
            if row.id == "severity":
                zero_cause = severity_zero_cause(figures["victims"], values["severity_includes_fatal"])
            value = rate(output, output.formula_for(values), figures, _label, _symbol, zero_cause)
            by_period[period] = results[output.id] = value
        current, previous = by_period[REPORTING], by_period[PREVIOUS]
        results[row.id + "_change"] = _change(outputs[row.id + "_change"], current, previous)
        if not row.share:
            key = row.id + "_change_percent"
            results[key] = _change_percent(outputs[key], current, previous)
    return Outcome(results, messages)


CONVENTIONS = (
    Convention(
        "Только расчётные строки",
        "Калькулятор считает строки таблицы, которые являются коэффициентами или долями, из "
        "исходных количеств; строки «да/нет» и исходные количества заполняются в таблице как "
        "есть. Пустое поле означает «нет данных», а не ноль — кроме числа пострадавших со "
        "смертельным исходом: для коэффициента тяжести и коэффициента частоты со смертельным "
        "исходом пустое поле считается нулём, и рядом с результатом пишется «погибших: 0 — поле "
        "не заполнено» (соглашение проекта).",
    ),
    Convention(
        "Изменение",
        "Изменение — значение отчетного года минус значение предыдущего: для долей — в "
        "процентных пунктах (п. п.), для коэффициентов — в их единицах и дополнительно в "
        "процентах к предыдущему году (не рассчитывается, если в предыдущем году было 0).",
    ),
    Convention(
        "«Не требуется»",
        "Если знаменатель доли равен нулю (например, нет рабочих мест с вредными условиями "
        "труда), доля не рассчитывается, а объяснение повторяет формулировку таблицы "
        "«не требуется / нет».",
    ),
    Convention(
        "Коэффициент тяжести",
        "По умолчанию погибшие не входят в знаменатель (соглашение Фонда социального "
        "страхования); переключатель включает их.",
        "severity_includes_fatal",
    ),
    Convention(
        "Доля женщин по фактору тяжести (п. 16)",
        "Знаменатель — как в таблице: «к количеству работников, занятых на работах с вредными "
        "условиями труда по данному фактору», то есть всех работников, а не только женщин (в п. 15 "
        "доля женщин считается к количеству женщин). Калькулятор следует тексту Положения.",
    ),
    Convention(
        "Строки Приложений № 3 и 4",
        "Строки, которые Приложение № 3 (работа специалиста по охране труда) повторяет из "
        "Приложения № 2, считаются один раз, и у результата указаны оба пункта. Удельный вес "
        "прошедших тестирование на ВИЧ-инфекцию (Приложение № 4, п. 10) и затраты на одного "
        "работника (п. 15) считаются к среднесписочной численности работников — единственной "
        "численности, которую спрашивает заголовок Приложения № 4 (п. 5); это соглашение проекта.",
    ),
    Convention(
        "Профессиональная заболеваемость",
        "На 1000 работающих, как в таблице конкурса (программа «Нулевой травматизм» считает на 10 000).",
    ),
)

EXAMPLES = (
    Example(
        "two_years",
        "Организация за 2019 и 2018 годы",
        "180 работников (из них 70 женщин) в 2019 году и 175 (68) в 2018-м; два пострадавших в "
        "2019-м и три в 2018-м, погибших нет; заполнены все исходные величины таблицы.",
        {
            "reporting_year": 2019,
            "headcount": 180,
            "women": 70,
            "victims": 2,
            "fatal_victims": 0,
            "days_lost": 46,
            "disease_cases": 0,
            "workplaces": 120,
            "sout_workplaces": 120,
            "sout_workers": 180,
            "harmful_workers": 54,
            "harmful_women": 12,
            "heavy_workers": 20,
            "heavy_women": 4,
            "acceptable_workplaces": 90,
            "declared_workplaces": 45,
            "harmful_workplaces": 30,
            "improved_workplaces": 6,
            "measures_planned": 25,
            "measures_done": 23,
            "expenses": 2700,
            "improved_workers": 9,
            "improved_women": 2,
            "improved_heavy_workers": 5,
            "improved_heavy_women": 1,
            "allowance_workers": 54,
            "ppe_required": 400,
            "ppe_issued": 392,
            "sanitary_required": 8,
            "sanitary_actual": 8,
            "extinguishers_required": 24,
            "extinguishers_actual": 24,
            "violations": 12,
            "violations_fixed": 12,
            "medical_due": 150,
            "medical_done": 150,
            "first_aid_due": 90,
            "first_aid_trained": 81,
            "hiv_measures_planned": 4,
            "hiv_measures_done": 4,
            "assets_commissioned": 5200,
            "assets_year_end": 65000,
            "managers": 30,
            "managers_trained": 30,
            "blue_collar": 150,
            "blue_collar_trained": 141,
            "instructions_required": 40,
            "instructions_available": 38,
            "hiv_tested": 27,
            "hiv_costs": 18,
            "headcount_prev": 175,
            "women_prev": 68,
            "victims_prev": 3,
            "fatal_victims_prev": 0,
            "days_lost_prev": 87,
            "disease_cases_prev": 1,
            "workplaces_prev": 118,
            "sout_workplaces_prev": 80,
            "sout_workers_prev": 120,
            "harmful_workers_prev": 63,
            "harmful_women_prev": 15,
            "heavy_workers_prev": 24,
            "heavy_women_prev": 5,
            "acceptable_workplaces_prev": 55,
            "declared_workplaces_prev": 0,
            "harmful_workplaces_prev": 34,
            "improved_workplaces_prev": 2,
            "measures_planned_prev": 20,
            "measures_done_prev": 16,
            "expenses_prev": 2100,
            "improved_workers_prev": 3,
            "improved_women_prev": 0,
            "improved_heavy_workers_prev": 2,
            "improved_heavy_women_prev": 0,
            "allowance_workers_prev": 60,
            "ppe_required_prev": 390,
            "ppe_issued_prev": 351,
            "sanitary_required_prev": 8,
            "sanitary_actual_prev": 7,
            "extinguishers_required_prev": 24,
            "extinguishers_actual_prev": 20,
            "violations_prev": 9,
            "violations_fixed_prev": 7,
            "medical_due_prev": 140,
            "medical_done_prev": 133,
            "first_aid_due_prev": 88,
            "first_aid_trained_prev": 60,
            "hiv_measures_planned_prev": 3,
            "hiv_measures_done_prev": 2,
            "assets_commissioned_prev": 3100,
            "assets_year_end_prev": 62000,
            "managers_prev": 29,
            "managers_trained_prev": 27,
            "blue_collar_prev": 146,
            "blue_collar_trained_prev": 130,
            "instructions_required_prev": 40,
            "instructions_available_prev": 35,
            "hiv_tested_prev": 14,
            "hiv_costs_prev": 10.5,
        },
    ),
    Example(
        "small_first_year",
        "Небольшой ИП, первый год с данными",
        "12 работников, несчастных случаев не было; за предыдущий год данных нет, поэтому изменение не рассчитывается.",
        {
            "reporting_year": 2019,
            "headcount": 12,
            "women": 5,
            "victims": 0,
            "fatal_victims": 0,
            "days_lost": 0,
            "disease_cases": 0,
            "workplaces": 10,
            "sout_workplaces": 10,
            "sout_workers": 12,
            "harmful_workers": 0,
            "harmful_workplaces": 0,
            "improved_workplaces": 0,
            "improved_workers": 0,
            "medical_due": 12,
            "medical_done": 11,
        },
    ),
)

# The web form (build_tools/calculator_site): sections, state, key results.
LAYOUT = Layout("two_years", summary=(("frequency", "Кч"), ("frequency_prev", "Кч, предыдущий год")))

CALCULATOR = Calculator(
    id="contest",
    title="Показатели для конкурса по охране труда",
    summary=(
        "Расчётные строки таблицы «Показатели, характеризующие состояние охраны труда в "
        "организации (ИП)»: коэффициенты частоты и тяжести, профессиональная заболеваемость и "
        "доли — за отчетный и предыдущий годы, с изменением; расчётные строки Приложений № 3 и 4 "
        "(обучение, инструкции, спецодежда, тестирование на ВИЧ-инфекцию, затраты на одного работника)."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    check=check,
    conventions=CONVENTIONS,
    sources=(
        CONTEST_REGULATION + ", Приложение № 2 "
        "«Показатели, характеризующие состояние охраны труда в организации (ИП)».",
        CONTEST_REGULATION + ", Приложение № 3 «Показатели, характеризующие работу специалиста по охране "
        "труда»: уровень обучения и проверки знаний, обеспеченность инструкциями.",
        CONTEST_REGULATION + ", Приложение № 4 «Показатели, характеризующие работу по информированию "
        "работников по вопросам ВИЧ - инфекции на рабочих местах среди работодателей»: удельный вес "
        "прошедших тестирование, затраты на одного работника.",
    ),
    examples=EXAMPLES,
    layout=LAYOUT,
    groups=(
        Group(REPORTING, "Отчетный год"),
        Group(PREVIOUS, "Предыдущий год"),
        Group("change", "Изменение к предыдущему году"),
    ),
)
