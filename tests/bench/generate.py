"""N valid synthetic cards of the current schema for benchmarks (written outside practices/).

Usage: python -m tests.bench.generate N DIR — varied regions, directions, dates and lengths, the
same cards for the same N on every machine (a fixed seed).
"""

from __future__ import annotations

import random
from pathlib import Path

from build_tools.cards.regions import REGIONS

_ACTIVITIES = (
    "10.71 Производство хлеба и мучных кондитерских изделий, тортов и пирожных недлительного хранения",
    "41.20 Строительство жилых и нежилых зданий",
    "49.41 Деятельность автомобильного грузового транспорта",
    "52.10 Деятельность по складированию и хранению",
    "85.14 Образование среднее общее",
    "86.10 Деятельность больничных организаций",
    "01.11.1 Выращивание зерновых культур",
    "35.11 Производство электроэнергии",
)
_TOPICS = (
    ("Поведенческие аудиты безопасности", "аудит", "organization"),
    ("Экспресс-тесты по охране труда перед сменой", "тест", "organization"),
    ("Наставничество для новых работников", "наставник", "ohs_service"),
    ("Модернизация ограждений станков", "ограждение", "technique"),
    ("Механизация погрузочно-разгрузочных работ", "механизация", "technology"),
    ("Анонимное анкетирование работников", "анкетирование", "ohs_service"),
)
_PARAGRAPH = (
    "Руководители участков еженедельно наблюдают за выполнением работ, обсуждают с работниками "
    "опасные действия и условия и договариваются о безопасных способах работы. Результаты "
    "анализируются службой охраны труда ежемесячно, выявленные опасности включаются в реестр "
    "профессиональных рисков, а меры по их снижению — в план мероприятий по охране труда. "
)


def card_text(number: int, rng: random.Random) -> str:
    topic, word, category = rng.choice(_TOPICS)
    year = rng.choice((2024, 2025, 2026))
    month = rng.randint(1, 10)
    # Lengths vary as real cards' do: from a short note to a long account in stages.
    stages = rng.choice((0, 1, 3, 3, 5))
    body = "\n\n".join(f"## Этап {i}\n\n{_PARAGRAPH * rng.randint(1, 3)}" for i in range(1, stages + 1))
    return f"""---
schema_version: 2
title: "{topic} — практика № {number}"
region: {rng.choice(REGIONS)}
municipality: Муниципальный округ № {number % 50}
date: {year}-{month:02d}-{rng.randint(1, 28):02d}
example: true
organization:
  name: Организация-пример № {number}
  sector: {rng.choice(("budget", "commercial", "entrepreneur"))}
  activity: {rng.choice(_ACTIVITIES)}
  employees: {rng.randint(5, 2000)}
category: [{category}]
summary: >-
  {topic}: {word} снижает число нарушений требований охраны труда. {_PARAGRAPH[:200]}
problem: >-
  {_PARAGRAPH}
why_advanced: >-
  {_PARAGRAPH}
result: >-
  Число пострадавших снизилось с {rng.randint(3, 9)} до {rng.randint(0, 2)} в год.
demand: >-
  {_PARAGRAPH}
replicability: >-
  {_PARAGRAPH}
adoptions: Не выявлено.
source: [direct]
presentation_format: [round_table]
dissemination: [website, training]
challenges: >-
  {_PARAGRAPH}
incentives: >-
  Благодарственное письмо администрации.
golden_rules: [{rng.randint(1, 7)}]
tags: [{word}]
metrics:
  - indicator: frequency
    before: {rng.randint(40, 90) / 10}
    after: {rng.randint(0, 30) / 10}
    period_before: {year - 1}
    period_after: {year}
---

{body}
"""


def generate(target: Path, count: int, seed: int = 1) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for number in range(1, count + 1):
        (target / f"praktika-{number:05d}.md").write_text(card_text(number, rng), encoding="utf-8")
    return target


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        raise SystemExit("usage: python -m tests.bench.generate N DIR")
    print(generate(Path(sys.argv[2]), int(sys.argv[1])))
