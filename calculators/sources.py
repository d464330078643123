"""The normative documents the calculators cite; each calculator adds the part it uses."""

from __future__ import annotations

ZERO_INJURY_RECOMMENDATIONS = (
    "Методические рекомендации по разработке и внедрению в организациях Краснодарского края "
    "программы «Нулевой травматизм» (утверждены краевой межведомственной комиссией по охране "
    "труда 26 сентября 2019 года, протокол № 3)"
)

CONTEST_REGULATION = (
    "Положение о проведении конкурса «Лучшая организация работы по охране труда в "
    "муниципальном районе «Чернышевский район»» (постановление администрации МР "
    "«Чернышевский район» Забайкальского края от 05.02.2020 № 49)"
)

# Seeds 000 and 001: the two methodical texts that ask for «экономика труда» at seminars.
METHODICAL_EXPLANATIONS = (
    "Методические разъяснения по организации передового опыта по улучшению условий и охраны "
    "труда (подготовлены для администрации Чугуевского муниципального округа)"
)
BEST_PRACTICE_LETTER = (
    "Информация по разъяснению внедрения и распространения передового опыта работы по улучшению "
    "условий и охраны труда в организациях (обращение к руководителям организаций и специалистам "
    "по охране труда)"
)

# The international «return on prevention» study: the 2011 summary and the 2013 final report.
ISSA_RETURN_ON_PREVENTION = (
    "Bräunig D., Kohstall T. (научные руководители). The return on prevention: Calculating the "
    "costs and benefits of investments in occupational safety and health in companies. Summary "
    "of results. — Женева: Международная ассоциация социального обеспечения (МАСО, ISSA), 2011. "
    "Проект МАСО, Германского социального страхования от несчастных случаев (DGUV) и отраслевого "
    "страховщика BG ETEM"
)
DGUV_RETURN_ON_PREVENTION_REPORT = (
    "Bräunig D., Kohstall T. Calculating the International Return on Prevention for Companies: "
    "Costs and Benefits of Investments in Occupational Safety and Health. Final report, version "
    "2, February 2013. — Берлин: DGUV, 2013 (DGUV Report 1/2013e)"
)
