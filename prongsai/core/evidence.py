"""Evidence without coupling: which public URL answers which disclosure topic.

OIT item codes change every year, so the framework tags each item with stable topics
(``complaint_channel``, ``integrity_measures_results``…). A domain app answers topics
by shipping an ``evidence.py`` module with a function::

    def evidence_for(organization, fiscal_year) -> dict[str, list[tuple[str, str]]]:
        '''topic -> [(title, url), ...] for this organization and BE fiscal year.'''

Apps are discovered at first use, as Django discovers ``admin.py``. The disclosure
tracker asks this registry; it never imports the domains.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule

EvidenceProvider = Callable[[Any, int], dict[str, list[tuple[str, str]]]]


@dataclass(frozen=True)
class ProducedEvidence:
    topic: str
    title: str
    url: str
    app_label: str


_providers: dict[str, EvidenceProvider] | None = None


def evidence_providers() -> dict[str, EvidenceProvider]:
    """app label -> its evidence_for function, for every installed app that has one."""
    global _providers
    if _providers is None:
        found: dict[str, EvidenceProvider] = {}
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "evidence"):
                module = import_module(f"{config.name}.evidence")
                provider = getattr(module, "evidence_for", None)
                if callable(provider):
                    found[config.label] = provider
        _providers = found
    return _providers


def produced_evidence(*, organization: Any, fiscal_year: int) -> dict[str, list[ProducedEvidence]]:
    """Every topic the platform answers by itself for this organization and year."""
    result: dict[str, list[ProducedEvidence]] = {}
    for label, provider in evidence_providers().items():
        for topic, links in provider(organization, fiscal_year).items():
            for title, url in links:
                result.setdefault(topic, []).append(ProducedEvidence(topic, title, url, label))
    return result
