"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.cli import execute
from calculators.declarations import Input
from calculators.engine import run
from calculators.registry import CALCULATORS, get
from calculators.zero_injury import progress
from tests.calculators.helpers import accepted, assert_strict_json

JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["1 250,5", "-0", "1e308", "1e-320", "NaN", "inf", "12", "0,0"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


def _plausible(item: Input) -> st.SearchStrategy[Any]:
    """Values a form could send for ``item``, within or just outside its bounds."""
    if item.kind == "boolean":
        return st.booleans()
    if item.kind == "choice":
        return st.sampled_from([c.value for c in item.choices]) | st.none()
    if item.kind == "text":
        return st.text(max_size=40)
    if item.kind == "table":
        row = st.fixed_dictionaries({}, optional={c.id: _plausible(c) for c in item.columns})
        return st.lists(row, min_size=0, max_size=4)
    low = item.minimum if item.minimum is not None else -1e9
    high = item.maximum if item.maximum is not None else 1e9
    if item.kind == "integer":
        return st.integers(min_value=int(low), max_value=int(high)) | st.none()
    return (
        st.floats(min_value=low, max_value=high, allow_subnormal=True)
        | st.integers(min_value=int(low), max_value=int(high))
        | st.sampled_from([0, 0.0, 5e-324, high])
        | st.none()
    )


def _inputs(calculator_id: str, junk: bool) -> st.SearchStrategy[dict[str, Any]]:
    items = get(calculator_id).inputs
    values = {item.id: (JUNK if junk else _plausible(item)) for item in items}
    return st.fixed_dictionaries({}, optional=values)


CALCULATOR_IDS = st.sampled_from(sorted(CALCULATORS))


def _check_result(calculator_id: str, raw: Any) -> None:
    result = run(get(calculator_id), raw)
    data = result.to_json()
    assert_strict_json(data)
    assert set(data) == {o.id for o in get(calculator_id).outputs} | {"messages"}
    kinds = {m["kind"] for m in data["messages"]}
    assert ("rejected" in kinds) == result.refused
    # Refused as a whole: nothing computed; a refused field alone blanks only its outputs.
    if not result.accepted:
        assert all(data[output.id] is None for output in get(calculator_id).outputs)
    for message in data["messages"]:
        assert message["text"]
    # Every null output of an accepted input is explained.
    if result.accepted:
        explained = {m.get("output") for m in data["messages"] if m["kind"] == "unavailable"}
        for output in get(calculator_id).outputs:
            if output.kind == "number" and data[output.id] is None:
                assert output.id in explained, output.id


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_junk_input_gives_strict_json(data: st.DataObject) -> None:
    calculator_id = data.draw(CALCULATOR_IDS)
    raw = data.draw(_inputs(calculator_id, junk=True) | JUNK)
    _check_result(calculator_id, raw)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_plausible_input_gives_finite_results(data: st.DataObject) -> None:
    calculator_id = data.draw(CALCULATOR_IDS)
    _check_result(calculator_id, data.draw(_inputs(calculator_id, junk=False)))


@settings(max_examples=100)
@given(st.data())
def test_command_line_exit_status_is_0_or_2(data: st.DataObject) -> None:
    calculator_id = data.draw(CALCULATOR_IDS)
    raw = data.draw(_inputs(calculator_id, junk=True))
    status, text = execute(["run", calculator_id, "--input", json.dumps(raw)])
    assert status in (0, 2)
    assert_strict_json(json.loads(text))


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.one_of(
        st.integers(min_value=1, max_value=10**8),
        st.floats(min_value=0.5, max_value=1e8),
    ),
)
def test_more_victims_never_lowers_frequency(a: int, b: int, headcount: float) -> None:
    fewer, more = sorted((a, b))
    low = accepted("coefficients", {"victims": fewer, "headcount": headcount})["frequency"]
    high = accepted("coefficients", {"victims": more, "headcount": headcount})["frequency"]
    assert high >= low


VALUE = st.floats(min_value=0, max_value=1e9) | st.integers(min_value=0, max_value=10**9)


@given(VALUE, VALUE, st.sampled_from(["lower", "higher"]))
def test_progress_is_100_when_current_equals_plan(base: float, plan: float, better: str) -> None:
    row = {"name": "Показатель", "better": better, "base": base, "plan": plan, "current": plan}
    data = accepted("zero_injury", {"indicators": [row]})
    assert data["indicators"][0]["progress"] == 100.0


@given(
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=0, max_value=1000),
)
def test_more_is_better_mirrors_less_is_better(base: int, plan: int, current: int) -> None:
    # Mirroring the values around 1000 turns a «more is better» indicator into a «less is
    # better» one; the formula must give the same E_i for both.
    higher = {"name": "Доля", "better": "higher", "base": base, "plan": plan, "current": current}
    lower = {
        "name": "Частота",
        "better": "lower",
        "base": 1000 - base,
        "plan": 1000 - plan,
        "current": 1000 - current,
    }
    data = accepted("zero_injury", {"indicators": [higher, lower]})
    first, second = (row["progress"] for row in data["indicators"])
    assert first == second


@given(VALUE, VALUE, VALUE, VALUE, st.sampled_from(["lower", "higher"]))
def test_progress_never_drops_when_current_improves(
    base: float, plan: float, first: float, second: float, better: str
) -> None:
    worse, better_value = sorted((first, second), reverse=(better == "lower"))
    # Improvement in the declared direction; the plan on the side of improvement.
    if (better == "lower" and plan > base) or (better == "higher" and plan < base):
        base, plan = plan, base
    assert progress(base, plan, better_value, better) >= progress(base, plan, worse, better)


# ---- economics --------------------------------------------------------------------------------

# Up to 10^9 rubles scaled by up to 10^6: within the calculator's bound of 10^15 rubles.
RUBLES = st.integers(min_value=0, max_value=10**9) | st.floats(min_value=0, max_value=1e9)
POSITIVE_RUBLES = st.integers(min_value=1, max_value=10**9) | st.floats(min_value=0.01, max_value=1e9)
SCALE = st.sampled_from([0.001, 0.5, 3, 1000, 1e6]) | st.floats(min_value=1e-3, max_value=1e3)


@settings(max_examples=200)
@given(st.data())
def test_economics_totals_are_never_negative(data: st.DataObject) -> None:
    result = accepted("economics", data.draw(_inputs("economics", junk=False)))
    for output in get("economics").outputs:
        assert result[output.id] is None or result[output.id] >= 0, output.id


@given(POSITIVE_RUBLES, POSITIVE_RUBLES, SCALE)
def test_rop_does_not_depend_on_the_currency_unit(benefits: float, costs: float, k: float) -> None:
    # Rubles or thousands of rubles, per company or per employee: the same ratio.
    rop = accepted("economics", {"prevention_benefits": benefits, "prevention_costs": costs})["rop"]
    scaled = accepted("economics", {"prevention_benefits": benefits * k, "prevention_costs": costs * k})["rop"]
    assert math.isclose(rop, scaled, rel_tol=1e-12)


@given(st.lists(RUBLES, min_size=1, max_size=6), st.lists(RUBLES, min_size=1, max_size=6), SCALE)
def test_rop_by_lines_does_not_depend_on_the_currency_unit(benefits: list, costs: list, k: float) -> None:
    cost_ids = [item.id for item in get("economics").inputs if item.id.startswith("cost_")]
    benefit_ids = [item.id for item in get("economics").inputs if item.id.startswith("benefit_")]
    raw = {**dict(zip(cost_ids, costs, strict=False)), **dict(zip(benefit_ids, benefits, strict=False))}
    rop = accepted("economics", raw)["rop"]
    scaled = accepted("economics", {key: value * k for key, value in raw.items()})["rop"]
    if rop is None:
        assert scaled is None  # zero costs stay zero costs
    else:
        assert math.isclose(rop, scaled, rel_tol=1e-12)


@given(RUBLES, POSITIVE_RUBLES, SCALE)
def test_payback_does_not_depend_on_the_currency_unit(investment: float, savings: float, k: float) -> None:
    years = accepted("economics", {"investment": investment, "annual_savings": savings})["payback_years"]
    scaled = accepted("economics", {"investment": investment * k, "annual_savings": savings * k})["payback_years"]
    assert math.isclose(years, scaled, rel_tol=1e-12, abs_tol=1e-300)


@given(st.dictionaries(st.sampled_from(["fines", "downtime_costs", "other_losses", "day_cost"]), RUBLES, min_size=1))
def test_losses_grow_with_every_category(raw: dict) -> None:
    # Adding a loss in any category never lowers the total.
    base = accepted("economics", {**raw, "days_lost": 10})["total_losses"]
    more = accepted("economics", {**raw, "days_lost": 10, "equipment_damage": 1})["total_losses"]
    assert more >= base
