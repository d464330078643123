"""Economics of occupational safety: what injuries cost a year, and what prevention returns.

Seeds 000 and 001 ask that best practice be spread together with «экономика труда»: the losses
caused by injuries and poor conditions, and the return on investment in safety. Every figure
here is the user's own (from the organisation's documents, named in each field's hint): the
calculator adds no wage, tariff, fine or multiplier of its own.

- Losses of a year by category, their total, per victim, per 1,000 workers and as a share of
  the wage fund.
- Return on prevention (ROP) = annual benefits of prevention / annual costs of prevention, the
  ratio of the international ISSA study (2011); costs and benefits may be given by lines in the
  study's categories.
- Simple payback = one-time investment / annual savings.

``practice_effects`` computes the «экономический эффект» of a practice card (model v2: ``cost``
and money ``metrics`` before and after) with this same calculator, for the card page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from calculators.coefficients import MAX_DAYS, MAX_PEOPLE
from calculators.declarations import (
    Alternative,
    Calculator,
    Convention,
    Example,
    Input,
    Layout,
    Outcome,
    Output,
    Section,
)
from calculators.display import number
from calculators.engine import run
from calculators.formulas import evaluate
from calculators.messages import Message, note, warning
from calculators.rates import not_computed, rate
from calculators.sources import (
    BEST_PRACTICE_LETTER,
    DGUV_RETURN_ON_PREVENTION_REPORT,
    ISSA_RETURN_ON_PREVENTION,
    METHODICAL_EXPLANATIONS,
)

# A bound against typos, not a figure: far above any organisation's annual turnover (the
# contest calculator uses the same bound, 10^12 thousand rubles).
MAX_RUBLES = 1_000_000_000_000_000
RUBLES = "руб."


def _money(id: str, label: str, hint: str, symbol: str = "") -> Input:
    return Input(id, label, unit=RUBLES, hint=hint, symbol=symbol, minimum=0, maximum=MAX_RUBLES)


# ---- losses of a year ------------------------------------------------------------------------

LOSS_INPUTS: tuple[Input, ...] = (
    Input(
        "days_lost",
        "Дни нетрудоспособности пострадавших и заболевших за год",
        kind="integer",
        unit="дней",
        symbol="D",
        minimum=0,
        maximum=MAX_DAYS,
        hint="Сумма дней временной нетрудоспособности по несчастным случаям на производстве и "
        "профессиональным заболеваниям. Где взять: листки нетрудоспособности (электронные "
        "больничные) пострадавших, табель учёта рабочего времени, для несчастных случаев — "
        "форма 7-травматизм.",
    ),
    _money(
        "day_cost",
        "Стоимость одного рабочего дня",
        "Сколько организация теряет за один неотработанный день одного работника. Где взять: "
        "бухгалтерия или планово-экономическая служба — средний дневной заработок вместе с "
        "начисленными на него страховыми взносами либо выработка (выручка или добавленная "
        "стоимость) на одного работника в день. Калькулятор никакой величины не подставляет: "
        "укажите в выводах, что выбрали.",
        "Сдн",
    ),
    _money(
        "employer_payments",
        "Выплаты работодателя сверх обязательного социального страхования",
        "Только то, что организация платит из своих средств: выплаты и доплаты по "
        "коллективному договору, компенсации, суммы по решениям суда и мировым соглашениям, "
        "оплата лечения. Пособия и страховые выплаты Социального фонда России сюда не входят. "
        "Где взять: бухгалтерия, коллективный договор, решения суда.",
        "Вр",
    ),
    _money(
        "replacement_costs",
        "Замена отсутствующих: сверхурочные, временный персонал",
        "Оплата сверхурочной работы и совмещения, временный персонал, подбор и обучение замены "
        "на время отсутствия пострадавших. Где взять: бухгалтерия (расчётные ведомости), "
        "кадровая служба.",
        "Зм",
    ),
    _money(
        "equipment_damage",
        "Повреждённое оборудование, инструмент и материалы",
        "Ремонт или списание оборудования, инструмента, сырья и продукции, повреждённых при "
        "несчастных случаях. Где взять: акты о несчастном случае на производстве (форма Н-1, "
        "обстоятельства), акты списания и дефектные ведомости, бухгалтерия.",
        "Об",
    ),
    _money(
        "downtime_costs",
        "Простой производства",
        "Оплата времени простоя и потери выпуска из-за остановки работ после несчастных случаев "
        "(без дней, уже учтённых в стоимости потерянного рабочего времени). Где взять: "
        "производственная служба (журналы простоев), бухгалтерия.",
        "Пр",
    ),
    _money(
        "investigation_costs",
        "Расследование и административные расходы",
        "Рабочее время членов комиссий по расследованию, экспертизы, услуги юристов, "
        "командировки, оформление документов. Где взять: бухгалтерия, приказы о создании "
        "комиссий и материалы расследования.",
        "Рс",
    ),
    _money(
        "fines",
        "Штрафы",
        "Административные штрафы, уплаченные организацией за год за нарушения требований "
        "охраны труда. Сумма — из постановления о назначении административного наказания (в "
        "нём названа статья КоАП РФ, для охраны труда — статья 5.27.1). Калькулятор размеры "
        "штрафов не подставляет: они зависят от состава нарушения и меняются законом.",
        "Ш",
    ),
    _money(
        "tariff_surcharge",
        "Надбавка к страховому тарифу",
        "Сколько организация заплатила за год сверх тарифа из-за надбавки к страховому тарифу "
        "на страхование от несчастных случаев на производстве и профессиональных заболеваний: "
        "начисленные взносы минус взносы по тому же тарифу без надбавки. Где взять: уведомление "
        "Социального фонда России о размере страхового тарифа (тариф и надбавка), раздел 2 "
        "формы ЕФС-1 (начисленные взносы), бухгалтерия.",
        "Нт",
    ),
    _money(
        "other_losses",
        "Прочие потери",
        "Всё, что не вошло в статьи выше и подтверждается документами, например неустойки по "
        "договорам из-за срыва сроков. Где взять: бухгалтерия, договорная служба.",
        "Пп",
    ),
)

BASE_INPUTS: tuple[Input, ...] = (
    Input(
        "victims",
        "Число пострадавших и заболевших",
        kind="integer",
        unit="человек",
        symbol="T",
        minimum=0,
        maximum=MAX_PEOPLE,
        hint="Пострадавшие при несчастных случаях на производстве (акты формы Н-1, форма "
        "7-травматизм) и работники с впервые выявленным профессиональным заболеванием (акты о "
        "случае профессионального заболевания) — те, к кому относятся потери выше.",
    ),
    Input(
        "headcount",
        "Среднесписочная численность работников",
        unit="человек",
        symbol="P",
        minimum=0,
        maximum=MAX_PEOPLE,
        hint="За тот же год. Где взять: кадровая служба или бухгалтерия.",
    ),
    _money(
        "wage_fund",
        "Фонд оплаты труда за год",
        "Начисленная оплата труда всех работников за тот же год. Где взять: бухгалтерия.",
        "ФОТ",
    ),
)

# ---- return on prevention ---------------------------------------------------------------------

PREVENTION_INPUTS: tuple[Input, ...] = (
    _money(
        "prevention_costs",
        "Годовые затраты на профилактику",
        "Всё, что организация потратила за год на охрану труда: СИЗ, медицинские осмотры, "
        "обучение, специальная оценка условий труда, служба охраны труда, технические меры. Где "
        "взять: бухгалтерия, отчёт о выполнении плана мероприятий по охране труда. Если не "
        "заполнено, берётся сумма строк затрат.",
        "Зп",
    ),
    _money(
        "prevention_benefits",
        "Годовая выгода от профилактики",
        "Выгода организации за тот же год в рублях: меньше потерь от несчастных случаев (итог "
        "потерь до и после), меньше простоев и брака, снижение надбавки или скидка к страховому "
        "тарифу. Это ваша оценка — запишите, из чего она сложилась. Если не заполнено, берётся "
        "сумма строк выгод.",
        "Вп",
    ),
)

# The lines follow the cost and benefit categories of the ISSA study and of its German
# predecessor (protective equipment, OSH service and occupational medicine, training,
# medical check-ups, technical investment; avoided disruptions, less scrap and rework,
# motivation, image), with the project's «прочие» lines and the line for lower injury losses.
COST_LINES: tuple[Input, ...] = (
    _money(
        "cost_ppe",
        "Средства индивидуальной защиты",
        "Приобретение, стирка и ремонт СИЗ. Где взять: бухгалтерия, личные карточки учёта выдачи СИЗ.",
    ),
    _money(
        "cost_service",
        "Служба охраны труда и организация работы",
        "Оплата специалистов по охране труда или договор со сторонней организацией, "
        "уполномоченные, документация, специальная оценка условий труда. Где взять: "
        "бухгалтерия, штатное расписание, договоры.",
    ),
    _money(
        "cost_medical",
        "Медицинские осмотры и медицинское обеспечение",
        "Предварительные и периодические медицинские осмотры, предсменные осмотры, аптечки, "
        "здравпункт. Где взять: договоры с медицинскими организациями, бухгалтерия.",
    ),
    _money(
        "cost_training",
        "Обучение по охране труда",
        "Обучение и проверка знаний, стажировки, учебные материалы и тренажёры. Где взять: "
        "договоры с учебными центрами, бухгалтерия.",
    ),
    _money(
        "cost_technical",
        "Технические меры безопасности",
        "Ограждения, блокировки, вентиляция, освещение, модернизация оборудования ради "
        "безопасности — расходы этого года или годовая доля крупных вложений. Где взять: "
        "бухгалтерия, инвестиционный план.",
    ),
    _money(
        "cost_other",
        "Прочие затраты на профилактику",
        "Например, конкурсы и поощрения за безопасную работу. Где взять: бухгалтерия.",
    ),
)

BENEFIT_LINES: tuple[Input, ...] = (
    _money(
        "benefit_losses",
        "Снижение потерь от несчастных случаев и профзаболеваний",
        "Разница итогов потерь за год до и после мер (раздел потерь этого калькулятора за два "
        "года), снижение надбавки или скидка к страховому тарифу.",
    ),
    _money(
        "benefit_disruptions",
        "Предотвращённые сбои и простои",
        "Стоимость простоев, аварий и срывов сроков, которых удалось избежать. Где взять: "
        "производственная служба (журналы простоев до и после), бухгалтерия.",
    ),
    _money(
        "benefit_quality",
        "Меньше брака и переделок",
        "Стоимость брака и переделок до и после. Где взять: служба качества, бухгалтерия.",
    ),
    _money(
        "benefit_staff",
        "Мотивация и удержание работников",
        "Меньше текучести и невыходов: расходы на подбор и обучение новых работников до и "
        "после. Где взять: кадровая служба, бухгалтерия.",
    ),
    _money(
        "benefit_image",
        "Репутация организации",
        "Только выгода, выраженная в рублях: например, контракты, для которых заказчик "
        "требовал показатели безопасности. Где взять: коммерческая служба.",
    ),
    _money(
        "benefit_other",
        "Прочие выгоды",
        "Выгоды, не вошедшие в строки выше и подтверждаемые документами.",
    ),
)

# ---- payback --------------------------------------------------------------------------------

PAYBACK_INPUTS: tuple[Input, ...] = (
    _money(
        "investment",
        "Единовременные вложения",
        "Стоимость внедрения меры (практики): оборудование, монтаж, проект, обучение при "
        "внедрении. Где взять: договоры, счета, смета проекта, бухгалтерия.",
        "И",
    ),
    _money(
        "annual_savings",
        "Годовая экономия",
        "На сколько в год меньше потери и расходы после внедрения: разница итогов потерь за год "
        "до и после (раздел потерь этого калькулятора), снижение надбавки к страховому тарифу, "
        "меньше простоев. Это ваша оценка — запишите, из чего она сложилась.",
        "Э",
    ),
)

INPUTS: tuple[Input, ...] = (
    *LOSS_INPUTS,
    *BASE_INPUTS,
    *PREVENTION_INPUTS,
    *COST_LINES,
    *BENEFIT_LINES,
    *PAYBACK_INPUTS,
)

LOSS_IDS = tuple(item.id for item in LOSS_INPUTS)
TOTAL_FORMULA = (
    "{days_lost} × {day_cost} + {employer_payments} + {replacement_costs} + {equipment_damage}"
    " + {downtime_costs} + {investigation_costs} + {fines} + {tariff_surcharge} + {other_losses}"
)

OUTPUTS: tuple[Output, ...] = (
    Output(
        "lost_time_cost",
        "Стоимость потерянного рабочего времени",
        unit=RUBLES,
        symbol="Пв",
        formula="{days_lost} × {day_cost}",
    ),
    Output(
        "total_losses",
        "Потери от травматизма и профзаболеваний за год",
        unit=RUBLES,
        symbol="П",
        formula=TOTAL_FORMULA,
    ),
    Output(
        "losses_per_victim",
        "Потери на одного пострадавшего (заболевшего)",
        unit="руб. на 1 человека",
        symbol="Пт",
        formula="{total_losses} / {victims}",
    ),
    Output(
        "losses_per_1000",
        "Потери в расчёте на 1000 работников",
        unit="руб. на 1000 работников",
        symbol="П1000",
        formula="{total_losses} × 1000 / {headcount}",
    ),
    Output(
        "losses_wage_share",
        "Потери в процентах от фонда оплаты труда",
        unit="% ФОТ",
        symbol="Дфот",
        formula="{total_losses} × 100 / {wage_fund}",
    ),
    Output(
        "rop",
        "Отдача от профилактики (ROP)",
        unit="руб. выгоды на 1 руб. затрат",
        symbol="ROP",
        formula="{prevention_benefits} / {prevention_costs}",
    ),
    Output(
        "payback_years",
        "Срок окупаемости вложений",
        unit="лет",
        symbol="Ток",
        formula="{investment} / {annual_savings}",
        alternatives=(Alternative("мес.", 12, 1),),
    ),
)

_INPUTS = {item.id: item for item in INPUTS}
_OUTPUTS = {item.id: item for item in OUTPUTS}

ZERO_CAUSES = {
    "losses_per_victim": "нет пострадавших и заболевших (число равно нулю)",
    "rop": "годовые затраты на профилактику равны нулю",
    "payback_years": "годовая экономия равна нулю: вложения не окупаются",
}
NO_LOSSES = "не заполнено ни одно поле потерь"


def _label(field_id: str) -> str:
    if field_id in _INPUTS:
        return _INPUTS[field_id].label
    return _OUTPUTS[field_id].label


def _symbol(field_id: str) -> str:
    item = _INPUTS.get(field_id) or _OUTPUTS[field_id]
    return item.symbol or item.id


def _rubles(value: float) -> str:
    return f"{number(value, 2)} {RUBLES}"


def _quoted(ids: Iterable[str]) -> str:
    return ", ".join(f"«{_label(item)}»" for item in ids)


def _lines_sum(values: Mapping[str, Any], lines: tuple[Input, ...]) -> int | float | None:
    """The sum of the filled lines, or None when no line is filled."""
    filled = [values[line.id] for line in lines if values[line.id] is not None]
    if not filled:
        return None
    total: int | float = 0
    for value in filled:
        total += value
    return total


def effective_values(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Message]]:
    """The inputs with the documented fallbacks, the total of losses, and a note per fallback.

    A blank loss category counts as 0 once any category is filled; the annual costs and
    benefits of prevention, when blank, are the sums of their lines.
    """
    effective = dict(values)
    notes: list[Message] = []
    filled = [item for item in LOSS_IDS if values[item] is not None]
    if filled:
        blank = [item for item in LOSS_IDS if values[item] is None]
        for item in blank:
            effective[item] = 0
        if blank:
            shown = [item for item in blank if item not in ("days_lost", "day_cost")]
            names = _quoted(shown)
            if "days_lost" in blank and "day_cost" in blank:
                names = ", ".join(filter(None, (f"«{_label('lost_time_cost')}»", names)))
            elif "days_lost" in blank or "day_cost" in blank:
                names = ", ".join(filter(None, (f"«{_label('lost_time_cost')}» (заполнено не всё)", names)))
            several = len(blank) - ("days_lost" in blank and "day_cost" in blank) > 1
            text = (
                f"Не заполнены статьи потерь: {names} — в итог они вошли как 0."
                if several
                else f"Не заполнена статья потерь {names} — в итог она вошла как 0."
            )
            notes.append(note(text, "total_losses"))
        effective["total_losses"] = evaluate(TOTAL_FORMULA, effective)
    else:
        effective["total_losses"] = None
    for total_id, lines, kind in (
        ("prevention_costs", COST_LINES, "затрат"),
        ("prevention_benefits", BENEFIT_LINES, "выгод"),
    ):
        summed = _lines_sum(values, lines)
        if values[total_id] is None and summed is not None:
            effective[total_id] = summed
            notes.append(
                note(
                    f"«{_label(total_id)}» не заполнено: взята сумма строк {kind} ({_rubles(summed)}).",
                    "rop",
                )
            )
    return effective, notes


def formula_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """What the shown formulas substitute: sums written to the kopeck.

    The results are computed from the unrounded sums; only the substitution text («П / T =
    800 000 / 3») shows the total to the kopeck, so that a sum of amounts with kopecks does
    not print binary noise (0,30000000000000004).
    """
    effective, _ = effective_values(values)
    for key in ("total_losses", "prevention_costs", "prevention_benefits"):
        if isinstance(effective[key], float):
            effective[key] = round(effective[key], 2)
    return effective


def check(values: Mapping[str, Any]) -> list[Message]:
    messages: list[Message] = []
    days, day_cost = values["days_lost"], values["day_cost"]
    if (days is None) != (day_cost is None):
        missing = "day_cost" if day_cost is None else "days_lost"
        messages.append(
            warning(
                f"Заполнено только одно из полей {_quoted(('days_lost', 'day_cost'))}: стоимость "
                "потерянного рабочего времени не рассчитывается и в итог потерь не входит",
                missing,
            )
        )
    for total_id, lines, kind in (
        ("prevention_costs", COST_LINES, "затрат"),
        ("prevention_benefits", BENEFIT_LINES, "выгод"),
    ):
        summed = _lines_sum(values, lines)
        given = values[total_id]
        if given is not None and summed is not None and summed != given:
            messages.append(
                warning(
                    f"Сумма строк {kind} ({_rubles(summed)}) не равна полю «{_label(total_id)}» "
                    f"({_rubles(given)}): в расчёте используется поле",
                    total_id,
                )
            )
    return messages


def compute(values: Mapping[str, Any]) -> Outcome:
    effective, messages = effective_values(values)
    results: dict[str, Any] = {}
    lost_time = _OUTPUTS["lost_time_cost"]
    # From the raw values: a blank day or day cost leaves this figure uncomputed (not 0).
    results[lost_time.id] = rate(lost_time, lost_time.formula, values, _label, _symbol)
    total = effective["total_losses"]
    results["total_losses"] = not_computed(_OUTPUTS["total_losses"], NO_LOSSES) if total is None else total
    for output_id in ("losses_per_victim", "losses_per_1000", "losses_wage_share"):
        output = _OUTPUTS[output_id]
        if total is None:
            results[output_id] = not_computed(output, f"нет итога потерь за год: {NO_LOSSES}")
        else:
            cause = ZERO_CAUSES.get(output_id)
            results[output_id] = rate(output, output.formula, effective, _label, _symbol, cause)
    for output_id in ("rop", "payback_years"):
        output = _OUTPUTS[output_id]
        results[output_id] = rate(output, output.formula, effective, _label, _symbol, ZERO_CAUSES[output_id])
    return Outcome(results, messages)


ISSA_FIGURE = (
    "Исследование Международной ассоциации социального обеспечения (МАСО, ISSA) с "
    "германскими страховщиками DGUV и BG ETEM (сводка результатов — 2011 год) получило "
    "отношение выгод к затратам 2,2: на каждый рубль (евро) годовых затрат на охрану труда — "
    "2,2 выгоды. Число получено из интервью в компаниях — около 300 компаний в 15 странах, в том "
    "числе в России: компании сами оценивали в деньгах свои затраты на профилактику и выгоды "
    "от неё. Это ориентир для разговора, а не норматив и не множитель: он не измерен по "
    "бухгалтерским данным, не гарантирует такой отдачи конкретной организации и не подставляется "
    "в расчёт — калькулятор считает отдачу только по вашим числам."
)

CONVENTIONS = (
    Convention(
        "Только ваши числа",
        "Калькулятор не подставляет ни стоимость рабочего дня, ни тарифы, ни размеры штрафов, ни "
        "множители: каждую величину вводит пользователь из документов своей организации, а "
        "подсказка у поля говорит, где её взять.",
    ),
    Convention(
        "Период",
        "Один календарный год: потери, затраты, выгоды и экономия — за год, численность и фонд "
        "оплаты труда — за тот же год.",
    ),
    Convention(
        "Незаполненные статьи потерь",
        "Незаполненная статья считается нулём и в итог не входит (на странице сказано, какие "
        "статьи пусты). Стоимость потерянного рабочего времени считается, только когда заполнены "
        "и дни, и стоимость дня. Если не заполнено ни одно поле потерь, итог не рассчитывается.",
    ),
    Convention(
        "Стоимость рабочего дня",
        "Источники не устанавливают, как оценивать день отсутствия работника; это соглашение "
        "проекта — выбор за пользователем: средний дневной заработок с начисленными страховыми "
        "взносами (сколько организация платит за неотработанный день) или выработка на одного "
        "работника в день (сколько организация недополучает). Назовите выбранный способ в выводах.",
    ),
    Convention(
        "Выплаты сверх социального страхования",
        "Пособия и страховые выплаты, которые выплачивает Социальный фонд России, — не потери "
        "организации: учитывается только то, что организация платит из своих средств.",
    ),
    Convention(
        "Потери на человека и на фонд оплаты труда",
        "Потери на одного пострадавшего — итог, делённый на число пострадавших и заболевших; на "
        "1000 работников — итог × 1000 / среднесписочная численность; доля фонда оплаты труда — "
        "итог × 100 / ФОТ.",
    ),
    Convention(
        "Отдача от профилактики (ROP)",
        "ROP — отношение годовой выгоды от профилактики к годовым затратам на неё, как в "
        "исследовании МАСО «The return on prevention» (return on prevention — отношение "
        "выгоды от профилактики к её затратам). ROP больше 1 — выгода больше затрат. Затраты и "
        "выгоды — за один и тот же год; крупные единовременные вложения удобнее оценивать "
        "отдельно, сроком окупаемости.",
    ),
    Convention(
        "Строки затрат и выгод",
        "Строки повторяют категории исследования МАСО и его германского предшественника (СИЗ, "
        "служба охраны труда и медицинское обеспечение, обучение, технические меры; "
        "предотвращённые сбои, меньше брака и переделок, мотивация работников, репутация); "
        "строки «прочие» и «снижение потерь от несчастных случаев» добавлены проектом. Если "
        "общая сумма не заполнена, берётся сумма строк; если заполнены и сумма, и строки, "
        "используется сумма, а расхождение показывается.",
    ),
    Convention("Что означает 2,2 из исследования МАСО", ISSA_FIGURE),
    Convention(
        "Срок окупаемости",
        "Простой срок окупаемости: единовременные вложения, делённые на годовую экономию, без "
        "дисконтирования и инфляции; экономия считается одинаковой каждый год. Это соглашение "
        "проекта — для решения о крупных вложениях нужен расчёт с дисконтированием.",
    ),
    Convention(
        "Деление на ноль",
        "Если знаменатель равен нулю или не заполнен, показатель не рассчитывается: результат "
        "«—» (null) с объяснением, а не 0 и не бесконечность.",
    ),
)

_WORKSHOP = {
    "days_lost": 75,
    "day_cost": 4000,
    "employer_payments": 150000,
    "replacement_costs": 60000,
    "equipment_damage": 90000,
    "downtime_costs": 120000,
    "investigation_costs": 25000,
    "tariff_surcharge": 40000,
    "other_losses": 15000,
    "victims": 3,
    "headcount": 340,
    "wage_fund": 204000000,
    "prevention_costs": 500000,
    "prevention_benefits": 900000,
    "investment": 1200000,
    "annual_savings": 800000,
}

EXAMPLES = (
    Example(
        "workshop",
        "Предприятие за год: потери, отдача, окупаемость",
        "Условные числа. 340 работников, трое пострадавших, 75 дней нетрудоспособности, день "
        "оценён в 4000 руб.; штрафов не было (поле пустое). Затраты на охрану труда за год — "
        "500 000 руб., выгода по оценке организации — 900 000 руб.; новая мера стоит 1 200 000 "
        "руб. и экономит 800 000 руб. в год.",
        _WORKSHOP,
    ),
    Example(
        "lines",
        "Затраты и выгоды по строкам",
        "Условные числа. Общие суммы не заполнены — берутся суммы строк; годовая экономия от "
        "новой меры пока равна нулю.",
        {
            "cost_ppe": 120000,
            "cost_service": 180000,
            "cost_medical": 60000,
            "cost_training": 40000,
            "cost_technical": 100000,
            "benefit_losses": 400000,
            "benefit_disruptions": 300000,
            "benefit_quality": 150000,
            "benefit_staff": 100000,
            "investment": 300000,
            "annual_savings": 0,
        },
    ),
    Example(
        "no_victims",
        "Год без пострадавших",
        "Условные числа. Несчастных случаев не было, но организация платит надбавку к страховому "
        "тарифу: потери есть, а потерь на одного пострадавшего нет.",
        {"tariff_surcharge": 30000, "victims": 0, "headcount": 85, "wage_fund": 51000000},
    ),
)

# The web form (build_tools/calculator_site): sections, state, key results.
LAYOUT = Layout(
    "flat",
    inputs=(
        Section(
            "Потери за год по статьям",
            (
                "days_lost",
                "day_cost",
                "employer_payments",
                "replacement_costs",
                "equipment_damage",
                "downtime_costs",
                "investigation_costs",
                "fines",
                "tariff_surcharge",
                "other_losses",
            ),
        ),
        Section("Для расчёта на человека и на фонд оплаты труда", ("victims", "headcount", "wage_fund")),
        Section("Отдача от профилактики за год", ("prevention_costs", "prevention_benefits")),
        Section(
            "Затраты на профилактику по строкам (если общая сумма не известна)",
            ("cost_ppe", "cost_service", "cost_medical", "cost_training", "cost_technical", "cost_other"),
        ),
        Section(
            "Выгода от профилактики по строкам (если общая сумма не известна)",
            (
                "benefit_losses",
                "benefit_disruptions",
                "benefit_quality",
                "benefit_staff",
                "benefit_image",
                "benefit_other",
            ),
        ),
        Section("Окупаемость вложений", ("investment", "annual_savings")),
    ),
    outputs=(
        Section(
            "Потери за год",
            ("lost_time_cost", "total_losses", "losses_per_victim", "losses_per_1000", "losses_wage_share"),
            conventions=("Только ваши числа",),
        ),
        Section("Отдача от профилактики", ("rop",), conventions=("Что означает 2,2 из исследования МАСО",)),
        Section("Окупаемость", ("payback_years",), conventions=("Срок окупаемости",)),
    ),
    summary=(("total_losses", "Потери, руб."), ("rop", "ROP"), ("payback_years", "Окупаемость, лет")),
)

CALCULATOR = Calculator(
    id="economics",
    title="Экономика охраны труда: потери и отдача от профилактики",
    summary=(
        "Потери организации от несчастных случаев и профессиональных заболеваний за год по "
        "статьям (всего, на одного пострадавшего, на 1000 работников, в процентах от ФОТ), "
        "отдача от профилактики (ROP) и срок окупаемости вложений — по вашим числам."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    check=check,
    conventions=CONVENTIONS,
    sources=(
        METHODICAL_EXPLANATIONS + " и " + BEST_PRACTICE_LETTER + ": на обучающих и "
        "разъяснительных мероприятиях освещать вопросы экономики труда — «экономические потери, "
        "обусловленные производственным травматизмом и ненадлежащими условиями труда, и "
        "повышение производительности труда в результате инвестиций в безопасность».",
        ISSA_RETURN_ON_PREVENTION + ": ROP — отношение выгоды от профилактики к затратам на неё; "
        "2,2 — по оценкам затрат и выгод, которые дали в интервью около 300 компаний из 15 стран "
        "(в том числе России); для отдельных прямых мер (медицинские осмотры, обучение) — выше.",
        DGUV_RETURN_ON_PREVENTION_REPORT + ": итоговый отчёт того же исследования (19 стран), "
        "категории затрат и выгод.",
        "Кодекс Российской Федерации об административных правонарушениях, статья 5.27.1: штрафы "
        "за нарушение требований охраны труда. Размеры штрафов в калькулятор не внесены — сумма "
        "берётся из постановления по делу.",
    ),
    examples=EXAMPLES,
    layout=LAYOUT,
    formula_values=formula_values,
    # Blank annual costs or benefits of prevention are the sums of their lines (effective_values).
    fallbacks={
        "prevention_costs": tuple(line.id for line in COST_LINES),
        "prevention_benefits": tuple(line.id for line in BENEFIT_LINES),
    },
)


# ---- the «экономический эффект» of a practice card (card model v2) --------------------------

# A money unit a card may give a free metric: rubles, thousands or millions, optionally per year.
_MONEY_UNIT = re.compile(
    r"(?:(?P<scale>тыс|млн)\.?\s*)?(?:руб(?:\.|лей|ля|ль|ли)?|р\.|₽)"
    r"\s*(?P<annual>(?:/|в|за)\s*год)?\.?"
)
_SCALES = {None: 1, "тыс": 1_000, "млн": 1_000_000}
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class PracticeEffect:
    """The economic effect of one money metric of a card; ``None`` values come with a reason."""

    metric: str  # the metric's name as the card gives it
    # Before and after in rubles (the unit's thousands or millions multiplied out).
    before: float
    after: float
    # Rubles a year the practice saves: before − after; None when the metric is not annual.
    annual_savings: float | None
    cost: float
    payback_years: float | None
    # Russian explanations: why a value is None, which convention produced a figure.
    messages: tuple[str, ...]
    # The query string that opens the economics calculator with the card's numbers.
    calculator_query: str


def money_scale(unit: Any) -> tuple[float, bool] | None:
    """(rubles per unit, per year?) for a money unit («руб.», «тыс. руб./год»); None otherwise."""
    if not isinstance(unit, str):
        return None
    text = " ".join(unit.lower().replace("ё", "е").split())
    match = _MONEY_UNIT.fullmatch(text)
    if match is None:
        return None
    return _SCALES[match.group("scale")], match.group("annual") is not None


def _is_year(period: Any) -> bool:
    if isinstance(period, bool):
        return False
    if isinstance(period, int):
        return 1000 <= period <= 9999
    return isinstance(period, str) and _YEAR.fullmatch(period.strip()) is not None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _plain(value: float) -> str:
    """A number as the calculator's form reads it back: «800000», «1250.5»."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def economic_effect(name: str, cost: float, before: float, after: float, annual: bool) -> PracticeEffect:
    """The effect of a practice that cost ``cost`` rubles on a money indicator (rubles).

    The indicator is read as a loss or an expense, so less is better: the annual savings are
    ``before − after`` (when ``annual``: both values are for a year), and the payback is
    computed by the economics calculator itself (``investment / annual_savings``), with its
    messages.
    """
    messages: list[str] = []
    savings: float | None = None
    payback: float | None = None
    query: dict[str, Any] = {"investment": cost}
    if not annual:
        messages.append(
            "Годовая экономия и срок окупаемости не рассчитываются: показатель не за год (укажите "
            "периоды «до» и «после» годами или единицу «руб. в год»)."
        )
    else:
        savings = before - after
        if savings < 0:
            messages.append(
                f"Показатель вырос на {_rubles(-savings)}: экономии нет, срок окупаемости не рассчитывается."
            )
        else:
            query["annual_savings"] = savings
            result = run(CALCULATOR, {"investment": cost, "annual_savings": savings})
            payback = result.values["payback_years"]
            messages.extend(m.text for m in result.messages if m.output == "payback_years" or m.kind == "rejected")
    return PracticeEffect(
        metric=name,
        before=before,
        after=after,
        annual_savings=savings,
        cost=cost,
        payback_years=payback,
        messages=tuple(messages),
        calculator_query=urlencode({key: _plain(value) for key, value in query.items()}),
    )


def practice_effects(cost: Mapping[str, Any] | None, metrics: Iterable[Any]) -> list[PracticeEffect]:
    """The economic effect of a card (model v2) for each of its money metrics.

    ``cost`` is the card's ``cost`` (``{amount, year, note}``), ``metrics`` its ``metrics``.
    A money metric is a free metric (``name``) whose ``unit`` is rubles («руб.», «тыс. руб.»,
    «млн руб.», optionally «в год» / «/год»). It is annual when its unit says so or when both
    ``period_before`` and ``period_after`` are single years. Empty when the card has no cost
    or no money metric: there is no effect to show.
    """
    if not isinstance(cost, Mapping) or not _number(cost.get("amount")) or cost["amount"] < 0:
        return []
    effects = []
    for metric in metrics:
        if not isinstance(metric, Mapping) or not isinstance(metric.get("name"), str):
            continue
        scale = money_scale(metric.get("unit"))
        before, after = metric.get("before"), metric.get("after")
        if scale is None or not _number(before) or not _number(after):
            continue
        factor, per_year = scale
        annual = per_year or (_is_year(metric.get("period_before")) and _is_year(metric.get("period_after")))
        effects.append(economic_effect(metric["name"], cost["amount"], before * factor, after * factor, annual))
    return effects
