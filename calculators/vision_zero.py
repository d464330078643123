"""Vision Zero self-assessment: the 36 measures of seed 003 by golden rule.

Each measure is answered «выполняется» (1), «выполняется частично» (0,5) or «не выполняется» (0).
The main figure is the share of all 36 measures, an unanswered measure counting as not implemented;
beside it, the share of the answered ones and how many are unanswered.
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
    Layout,
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
        "Мероприятия без ответа в долях правил",
        kind="choice",
        default="no",
        choices=(
            Choice("no", "считать невыполненными, как в общей доле"),
            Choice("skip", "не учитывать (доля правила — среди мероприятий с ответом)"),
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

_MEASURE_IDS = tuple(measure_id(measure) for measure in MEASURES)

OUTPUTS: tuple[Output, ...] = (
    *(
        Output(
            rule_id(rule.number),
            f"Правило {rule.number}. {rule.rule}",
            "%",
            decimals=1,
            group=str(rule.number),
            hint=f"Раздел {rule.number} перечня мероприятий: {rule.section}",
            uses=(*(measure_id(m) for m in MEASURES if m.rule == rule.number), "unanswered"),
        )
        for rule in RULES
    ),
    Output(
        "overall",
        "Общая доля выполнения мероприятий (из всех 36)",
        "%",
        decimals=1,
        hint="Мероприятие без ответа считается невыполненным.",
        uses=(*_MEASURE_IDS, "overall_by"),
    ),
    Output(
        "overall_answered",
        "Доля выполнения среди мероприятий с ответом",
        "%",
        decimals=1,
        uses=(*_MEASURE_IDS, "overall_by"),
    ),
    Output("unanswered_count", "Мероприятий без ответа", "из 36", decimals=0, uses=_MEASURE_IDS),
    Output("answered", "Мероприятий с ответом", "из 36", decimals=0, uses=_MEASURE_IDS),
    Output(
        "unanswered_measures",
        "Номера мероприятий без ответа",
        kind="list",
        decimals=0,
        uses=_MEASURE_IDS,
    ),
)

GROUPS = tuple(
    Group(str(rule.number), f"{rule.number}. {rule.section}", f"Золотое правило {rule.number}: {rule.rule}")
    for rule in RULES
)


def _share(doubles: list[int], counted: int) -> float:
    # Doubled scores: yes = 2, partly = 1; the share is Σ / 2 / counted × 100.
    return sum(doubles) * 50 / counted


def compute(values: Mapping[str, Any]) -> Outcome:
    count_unanswered_as_no = values["unanswered"] == "no"
    by_rules = values["overall_by"] == "rules"
    results: dict[str, Any] = {}
    messages: list[Message] = []
    unanswered = [m.number for m in MEASURES if values[measure_id(m)] is None]
    # Per rule: doubled scores of the answered measures and the number of its measures.
    scores = {
        rule.number: [_DOUBLE_SCORE[a] for m in MEASURES if m.rule == rule.number if (a := values[measure_id(m)])]
        for rule in RULES
    }
    sizes = {rule.number: sum(1 for m in MEASURES if m.rule == rule.number) for rule in RULES}
    for rule in RULES:
        answered = scores[rule.number]
        if not answered:
            results[rule_id(rule.number)] = Unavailable(
                f"«Правило {rule.number}»: не рассчитывается — нет ответов по мероприятиям раздела «{rule.section}»"
            )
            continue
        counted = sizes[rule.number] if count_unanswered_as_no else len(answered)
        results[rule_id(rule.number)] = _share(answered, counted)
    answered_count = len(MEASURES) - len(unanswered)
    if answered_count == 0:
        reason = "не рассчитывается — нет ни одного ответа"
        results["overall"] = Unavailable(f"«Общая доля выполнения мероприятий»: {reason}")
        results["overall_answered"] = Unavailable(f"«Доля выполнения среди мероприятий с ответом»: {reason}")
    elif by_rules:
        # Each rule weighs the same: the mean of the rules' shares (over all its measures, and
        # over its answered ones among the rules with an answer).
        results["overall"] = sum(_share(scores[n], sizes[n]) for n in sizes) / len(sizes)
        answered_rules = [n for n in sizes if scores[n]]
        results["overall_answered"] = sum(_share(scores[n], len(scores[n])) for n in answered_rules) / len(
            answered_rules
        )
    else:
        every = [score for rule_scores in scores.values() for score in rule_scores]
        results["overall"] = _share(every, len(MEASURES))
        results["overall_answered"] = _share(every, answered_count)
    results["answered"] = answered_count
    results["unanswered_count"] = len(unanswered)
    results["unanswered_measures"] = unanswered
    if unanswered:
        listed = ", ".join(str(number) for number in unanswered)
        messages.append(
            note(
                f"Нет ответа по мероприятиям {listed}: в общей доле они считаются невыполненными.",
                "unanswered_measures",
            )
        )
    return Outcome(results, messages)


CONVENTIONS = (
    Convention(
        "Баллы ответов",
        "«Выполняется» — 1, «выполняется частично» — 0,5, «не выполняется» — 0. Доля — сумма "
        "баллов, делённая на число мероприятий, × 100 %.",
    ),
    Convention(
        "Мероприятия без ответа",
        "Главная цифра — доля из всех 36 мероприятий: мероприятие без ответа считается "
        "невыполненным (0 баллов), ведь подтверждения его выполнения нет. Рядом — доля среди "
        "мероприятий с ответом и число мероприятий без ответа. В долях правил мероприятия без "
        "ответа по умолчанию тоже невыполненные; переключатель считает долю правила только среди "
        "мероприятий с ответом. Пока нет ни одного ответа, доли не рассчитываются.",
        "unanswered",
    ),
    Convention(
        "Общая доля",
        "По умолчанию — по мероприятиям, каждое равноценно (в разделах от 4 до 6 мероприятий, "
        "поэтому большие разделы весят больше); вариант — среднее долей семи правил, каждое "
        "правило равноценно.",
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

# The web form (build_tools/calculator_site): sections, state, key results.
LAYOUT = Layout("checklist", store="local", summary=(("overall", "Общая доля, %"),), extras=("weak_rules",))

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
    layout=LAYOUT,
    groups=GROUPS,
)
