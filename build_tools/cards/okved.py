"""ОКВЭД 2 sections (A–U): the catalogue facet derived from an activity code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    letter: str
    name: str
    first: int  # first two-digit class of the section
    last: int


SECTIONS: tuple[Section, ...] = (
    Section("A", "Сельское, лесное хозяйство, охота, рыболовство и рыбоводство", 1, 3),
    Section("B", "Добыча полезных ископаемых", 5, 9),
    Section("C", "Обрабатывающие производства", 10, 33),
    Section("D", "Обеспечение электрической энергией, газом и паром; кондиционирование воздуха", 35, 35),
    Section(
        "E",
        "Водоснабжение; водоотведение, организация сбора и утилизации отходов, деятельность по ликвидации загрязнений",
        36,
        39,
    ),
    Section("F", "Строительство", 41, 43),
    Section("G", "Торговля оптовая и розничная; ремонт автотранспортных средств и мотоциклов", 45, 47),
    Section("H", "Транспортировка и хранение", 49, 53),
    Section("I", "Деятельность гостиниц и предприятий общественного питания", 55, 56),
    Section("J", "Деятельность в области информации и связи", 58, 63),
    Section("K", "Деятельность финансовая и страховая", 64, 66),
    Section("L", "Деятельность по операциям с недвижимым имуществом", 68, 68),
    Section("M", "Деятельность профессиональная, научная и техническая", 69, 75),
    Section("N", "Деятельность административная и сопутствующие дополнительные услуги", 77, 82),
    Section(
        "O",
        "Государственное управление и обеспечение военной безопасности; социальное обеспечение",
        84,
        84,
    ),
    Section("P", "Образование", 85, 85),
    Section("Q", "Деятельность в области здравоохранения и социальных услуг", 86, 88),
    Section("R", "Деятельность в области культуры, спорта, организации досуга и развлечений", 90, 93),
    Section("S", "Предоставление прочих видов услуг", 94, 96),
    Section(
        "T",
        "Деятельность домашних хозяйств как работодателей; недифференцированная деятельность "
        "частных домашних хозяйств по производству товаров и оказанию услуг для собственного "
        "потребления",
        97,
        98,
    ),
    Section("U", "Деятельность экстерриториальных организаций и органов", 99, 99),
)

SECTION_BY_LETTER = {section.letter: section for section in SECTIONS}


def split_activity(activity: str) -> tuple[str, str]:
    """``"49.41 Деятельность …"`` → ``("49.41", "Деятельность …")``."""
    code, _, name = activity.strip().partition(" ")
    return code, name.strip()


def section_of(code: str) -> Section | None:
    """The section of an ОКВЭД 2 code, or None when its class belongs to no section."""
    try:
        group = int(code[:2])
    except ValueError:
        return None
    return next((s for s in SECTIONS if s.first <= group <= s.last), None)
