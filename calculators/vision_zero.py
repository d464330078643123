"""Vision Zero self-assessment: the 36 measures of seed 003 by golden rule.

Each measure is answered «выполняется» (1), «выполняется частично» (0,5) or «не выполняется» (0);
the share of a rule is the sum of its scores over the number of its answered measures × 100 %.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calculators.declarations import (
    Calculator,
    Choice,
    Convention,
    Example,
    Group,
    Input,
    Outcome,
    Output,
)
from calculators.messages import Message, Unavailable, note
from calculators.sources import ZERO_INJURY_RECOMMENDATIONS
from calculators.vision_zero_measures import MEASURES, RULES, Measure

ANSWERS = (
    Choice("yes", "выполняется"),
    Choice("partly", "выполняется частично"),
    Choice("no", "не выполняется"),
)
# Scores doubled (yes = 2, partly = 1) so that sums stay integers and each share is one division.
_DOUBLE_SCORE = {"yes": 2, "partly": 1, "no": 0}


def measure_id(measure: Measure) -> str:
    return f"measure_{measure.number}"


def rule_id(number: int) -> str:
    return f"rule_{number}"


INPUTS: tuple[Input, ...] = (
    *(
        Input(
            measure_id(measure),
            f"{measure.number}. {measure.text}",
            kind="choice",
            choices=ANSWERS,
            hint=f"Срок исполнения по типовой программе: {measure.term}",
            group=str(measure.rule),
            ref=f"Перечень мероприятий, п. {measure.number}",
        )
        for measure in MEASURES
    ),
    Input(
        "unanswered",
        "Мероприятия без ответа",
        kind="choice",
        default="skip",
        choices=(
            Choice("skip", "не учитывать в долях (показываются списком)"),
            Choice("no", "считать невыполненными"),
        ),
    ),
    Input(
        "overall_by",
        "Общая доля",
        kind="choice",
        default="measures",
        choices=(
            Choice("measures", "по всем мероприятиям (каждое мероприятие равноценно)"),
            Choice("rules", "среднее долей семи правил (каждое правило равноценно)"),
        ),
    ),
)

OUTPUTS: tuple[Output, ...] = (
    *(
        Output(
            rule_id(rule.number),
            f"Правило {rule.number}. {rule.rule}",
            "%",
            decimals=1,
            group=str(rule.number),
            hint=f"Раздел {rule.number} перечня мероприятий: {rule.section}",
        )
        for rule in RULES
    ),
    Output("overall", "Общая доля выполнения мероприятий", "%", decimals=1),
    Output("answered", "Мероприятий с ответом", "из 36", decimals=0),
    Output(
        "unanswered_measures",
        "Номера мероприятий без ответа",
        kind="list",
        decimals=0,
    ),
)

GROUPS = tuple(
    Group(str(rule.number), f"{rule.number}. {rule.section}", f"Золотое правило {rule.number}: {rule.rule}")
    for rule in RULES
)


def compute(values: Mapping[str, Any]) -> Outcome:
    count_unanswered_as_no = values["unanswered"] == "no"
    results: dict[str, Any] = {}
    messages: list[Message] = []
    unanswered = [m.number for m in MEASURES if values[measure_id(m)] is None]
    shares: list[float] = []
    total_double, total_counted = 0, 0
    for rule in RULES:
        answers = [values[measure_id(m)] for m in MEASURES if m.rule == rule.number]
        counted = [a for a in answers if a is not None or count_unanswered_as_no]
        double = sum(_DOUBLE_SCORE[a] for a in counted if a is not None)
        total_double += double
        total_counted += len(counted)
        if counted:
            share = double * 50 / len(counted)
            shares.append(share)
            results[rule_id(rule.number)] = share
        else:
            results[rule_id(rule.number)] = Unavailable(
                f"«Правило {rule.number}»: не рассчитывается — нет ответов по мероприятиям раздела «{rule.section}»"
            )
    if values["overall_by"] == "rules":
        missing = len(RULES) - len(shares)
        if shares and missing:
            messages.append(
                note(
                    f"Общая доля — среднее по {len(shares)} правилам из 7: по остальным нет ответов.",
                    "overall",
                )
            )
        results["overall"] = sum(shares) / len(shares) if shares else None
    else:
        results["overall"] = total_double * 50 / total_counted if total_counted else None
    if results["overall"] is None:
        results["overall"] = Unavailable(
            "«Общая доля выполнения мероприятий»: не рассчитывается — нет ни одного ответа"
        )
    results["answered"] = len(MEASURES) - len(unanswered)
    results["unanswered_measures"] = unanswered
    if unanswered:
        how = "считаются невыполненными" if count_unanswered_as_no else "не учитываются в долях"
        listed = ", ".join(str(number) for number in unanswered)
        messages.append(note(f"Нет ответа по мероприятиям {listed}: {how}.", "unanswered_measures"))
    return Outcome(results, messages)


CONVENTIONS = (
    Convention(
        "Баллы ответов",
        "«Выполняется» — 1, «выполняется частично» — 0,5, «не выполняется» — 0. Доля правила — "
        "сумма баллов его мероприятий, делённая на число мероприятий с ответом, × 100 %.",
    ),
    Convention(
        "Мероприятия без ответа",
        "По умолчанию не входят ни в числитель, ни в знаменатель и перечисляются отдельно; "
        "переключатель делает их невыполненными (0 баллов).",
        "unanswered",
    ),
    Convention(
        "Общая доля",
        "По умолчанию — по всем мероприятиям с ответом, каждое равноценно (в разделах от 4 до 6 "
        "мероприятий, поэтому большие разделы весят больше); вариант — среднее долей правил, "
        "каждое правило равноценно.",
        "overall_by",
    ),
    Convention(
        "Разделы и правила",
        "Семь разделов перечня мероприятий типовой программы соответствуют по порядку семи "
        "«золотым правилам» п. 3.1: раздел 1 — правилу 1 и т. д.",
    ),
)


def _answers(pattern: str) -> dict[str, str]:
    codes = {"y": "yes", "p": "partly", "n": "no"}
    return {
        measure_id(measure): codes[letter] for measure, letter in zip(MEASURES, pattern, strict=True) if letter in codes
    }


EXAMPLES = (
    Example(
        "small_company",
        "Небольшая организация",
        "Руководство вовлечено, оценка рисков налажена, а обучение и мотивация отстают; по двум "
        "мероприятиям ответа нет.",
        _answers("yyypnyyypyyyppnyyyyn-yyyyppnynp-npyn"),
    ),
)

CALCULATOR = Calculator(
    id="vision_zero",
    title="Самооценка по семи «золотым правилам» Vision Zero",
    summary=(
        "36 мероприятий типовой программы «Нулевой травматизм» в семи разделах — по одному на "
        "«золотое правило»: доля выполнения по каждому правилу и в целом."
    ),
    inputs=INPUTS,
    outputs=OUTPUTS,
    compute=compute,
    conventions=CONVENTIONS,
    sources=(
        ZERO_INJURY_RECOMMENDATIONS + ": п. 3.1 «Семь „Золотых правил“ концепции "
        "„Нулевого травматизма“», перечень мероприятий программы (Приложение 2).",
    ),
    examples=EXAMPLES,
    groups=GROUPS,
)
