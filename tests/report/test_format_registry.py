"""One registry of report formats: the command line, the configuration file and the renderer read it."""
from __future__ import annotations

import importlib

import click

from normcheck import config, report
from normcheck.cli import cli


def test_the_command_line_and_the_configuration_offer_the_registered_formats() -> None:
    option = next(p for p in cli.params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == report.FORMATS == tuple(report.REGISTRY) == config.FORMATS


def test_each_format_names_its_module_and_what_it_shows() -> None:
    for name, fmt in report.REGISTRY.items():
        assert fmt.name == name and callable(importlib.import_module(fmt.module).render)
    assert report.BINARY_FORMATS == {"opinion"}
    assert report.CHECKLIST_FORMATS == {"text", "json", "html", "opinion"}
