"""The contribution paths on GitHub ask the card's questions and their files parse."""

from __future__ import annotations

import yaml

from build_tools.cards.schema import card_schema, enum_labels, official_fields
from build_tools.cards.schema_messages import FREE_ANSWERS
from build_tools.contribution.issue_form import FORM_PATH, issue_form_yaml
from tests.sites import REPO


def test_issue_form_is_generated_from_the_schema() -> None:
    committed = (REPO / FORM_PATH).read_text(encoding="utf-8")
    assert committed == issue_form_yaml(), "обновите: python -m build_tools issue-form"


def test_issue_form_asks_every_question_of_the_card() -> None:
    form = yaml.safe_load((REPO / FORM_PATH).read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    labels = [item["attributes"].get("label", "") for item in form["body"] if item["type"] != "markdown"]
    markdown = " ".join(item["attributes"]["value"] for item in form["body"] if item["type"] == "markdown")
    for field in official_fields()[1:]:
        assert f"{field.number}. {field.label}" in labels, field.label
    assert official_fields()[0].label in markdown
    for key in card_schema()["properties"]["organization"]["required"]:
        assert fields[f"organization_{key}"]["validations"]["required"] is True
    assert fields["title"]["validations"]["required"] is True
    # A foreign practice may have no region: the question is asked, not required.
    assert fields["region"]["validations"]["required"] is False
    # Version 2: every field of the card beyond the 13 questions is asked too.
    for key in ("country", "introduced", "example", "co_organizers", "sources", "metrics", "cost_amount", "tags"):
        assert key in fields, key
    for field in official_fields()[1:]:
        if field.key in FREE_ANSWERS:
            assert "«нет сведений»" in fields[field.key]["attributes"]["description"], field.key
    assert fields["category"]["attributes"]["options"] == list(enum_labels("category").values())
    for key in ("source", "presentation_format", "dissemination"):
        assert fields[key]["attributes"]["options"] == list(enum_labels(key).values())


def test_workflows_and_hooks_parse() -> None:
    for path in [
        *(REPO / ".github" / "workflows").glob("*.yml"),
        REPO / ".pre-commit-config.yaml",
        REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml",
    ]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("build_tools validate --format github" in step for step in steps)
    assert any("make test" in step for step in steps)
