"""The Thai catalogue: our strings plus supplements, compiled into one catalogue per domain.

Sources (all .po, all in git):

* ``prongsai/locale/<lang>/LC_MESSAGES/<domain>.po``: our own strings, extracted from our code by
  ``manage.py update_catalogue`` (Django's makemessages with our ignore list).
* ``prongsai/locale_src/<lang>/<domain>/*.po``: supplements: Thai for the msgids of Wagtail (and of Django,
  django-taggit) that their own Thai catalogues lack or translate badly. makemessages never touches them,
  so re-extracting our strings cannot mark them obsolete.

``compile_catalogues`` merges them (supplements in name order, then ours; a later one wins) into
``prongsai/locale/<lang>/LC_MESSAGES/<domain>.mo``, which Django merges over every app's catalogue because
the directory is in LOCALE_PATHS. The admin's JavaScript strings come from the ``djangojs`` domain through
Wagtail's JavaScriptCatalog, which also reads LOCALE_PATHS. polib writes the .mo files, so running the site
needs no gettext binaries; extraction and the completeness check do (Debian's ``gettext``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages

DOMAINS = ("django", "djangojs")
LANGUAGE = "th"
PLURAL_FORMS = {"th": "nplurals=1; plural=0;"}

# Directory or file names makemessages skips when it extracts our strings. "locale" keeps every string in
# LOCALE_PATHS[0] even if an app grows a locale/ directory of its own.
EXTRACT_IGNORE = [
    ".venv",
    "node_modules",
    "var",
    "tests",
    "migrations",
    "locale",
    "locale_src",
    "docs",
    "bench",
    "scripts",
    "test-results",
    "conftest.py",
    "setup.py",
]

# Wagtail apps staff use (paths inside the wagtail package; "" is wagtail itself). Every msgid of their
# English catalogues must have Thai, from Wagtail's Thai catalogues or from ours.
WAGTAIL_REQUIRED_APPS = (
    "",
    "admin",
    "documents",
    "images",
    "snippets",
    "users",
    "sites",
    "embeds",
    "search",
    "locales",
    "contrib/settings",
    "contrib/forms",
    "contrib/redirects",
)

Key = tuple[str, str]  # (msgctxt or "", msgid)


def entry_key(entry: polib.POEntry | polib.MOEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid)


def describe(key: Key) -> str:
    context, msgid = key
    return f"[{context}] {msgid!r}" if context else repr(msgid)


def default_locale_dir() -> Path:
    return Path(settings.LOCALE_PATHS[0])


def default_supplement_dir() -> Path:
    return Path(settings.PACKAGE_DIR) / "locale_src"


def default_source_root() -> Path:
    return Path(settings.BASE_DIR)


def our_po_path(locale_dir: Path, domain: str, language: str = LANGUAGE) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


def supplement_po_paths(supplement_dir: Path, domain: str, language: str = LANGUAGE) -> list[Path]:
    return sorted((supplement_dir / language / domain).glob("*.po"))


def load_catalogue(path: Path) -> polib.POFile | None:
    return polib.pofile(str(path), wrapwidth=0) if path.exists() else None


def translated_keys(catalogue: polib.POFile | polib.MOFile | None) -> set[Key]:
    if catalogue is None:
        return set()
    return {entry_key(e) for e in catalogue.translated_entries() if e.msgid}


# --- Compiling ------------------------------------------------------------------------------------------


def merged_catalogue(sources: Iterable[Path], language: str = LANGUAGE) -> polib.POFile | None:
    """The translated entries of `sources` in one catalogue; a later source wins for the same msgid."""
    merged = polib.POFile(wrapwidth=0)
    entries: dict[Key, polib.POEntry] = {}
    found = False
    for path in sources:
        catalogue = load_catalogue(path)
        if catalogue is None:
            continue
        found = True
        for entry in catalogue.translated_entries():
            entries[entry_key(entry)] = entry
    if not found:
        return None
    merged.metadata = {
        "Project-Id-Version": "prongsai",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
    }
    for key in sorted(entries):
        merged.append(entries[key])
    return merged


def compile_catalogues(*, locale_dir: Path, supplement_dir: Path, languages: Iterable[str] = (LANGUAGE,)) -> list[Path]:
    """Write `<locale_dir>/<lang>/LC_MESSAGES/<domain>.mo` for each domain; return the files that changed."""
    changed: list[Path] = []
    for language in languages:
        for domain in DOMAINS:
            catalogue = merged_catalogue(
                [*supplement_po_paths(supplement_dir, domain, language), our_po_path(locale_dir, domain, language)],
                language,
            )
            if catalogue is None:
                continue
            mo_path = our_po_path(locale_dir, domain, language).with_suffix(".mo")
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=mo_path.parent, suffix=".mo.tmp", delete=False) as tmp:
                tmp_path = Path(tmp.name)
            try:
                catalogue.save_as_mofile(str(tmp_path))
                if mo_path.exists() and mo_path.read_bytes() == tmp_path.read_bytes():
                    continue
                tmp_path.replace(mo_path)
                changed.append(mo_path)
            finally:
                tmp_path.unlink(missing_ok=True)
    return changed


# --- Extracting -----------------------------------------------------------------------------------------


class _MakeMessagesInto(makemessages.Command):
    """Django's makemessages, writing every file's strings into one locale directory of our choice.

    Fuzzy matching is off: a guessed translation of a new msgid is more often wrong than right, and an
    untranslated entry is what the check and the translator look for.
    """

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    def __init__(self, target: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target = str(target)

    def find_files(self, root: str) -> list[Any]:
        files = super().find_files(root)
        self.locale_paths = [self.target]
        self.default_locale_path = self.target
        for translatable in files:
            translatable.locale_dir = self.target
        return files


def run_makemessages(
    *, source_root: Path, target: Path, domain: str, language: str = LANGUAGE, no_obsolete: bool = True
) -> Path:
    """Extract the msgids of the code under `source_root` into `<target>/<lang>/LC_MESSAGES/<domain>.po`.

    An existing file there is merged (translations kept), as makemessages does.
    """
    target.mkdir(parents=True, exist_ok=True)
    po_path = our_po_path(target, domain, language)
    before = po_path.read_text(encoding="utf-8") if po_path.exists() else None
    command = _MakeMessagesInto(target)
    with contextlib.chdir(source_root):
        call_command(
            command,
            locale=[language],
            domain=domain,
            ignore_patterns=list(EXTRACT_IGNORE),
            no_obsolete=no_obsolete,
            add_location="file",
            no_wrap=True,
            verbosity=0,
        )
    # msgmerge stamps a new POT-Creation-Date on every run; keep the file as it was when nothing else changed.
    if (
        before is not None
        and po_path.exists()
        and _without_pot_date(po_path.read_text(encoding="utf-8")) == (_without_pot_date(before))
    ):
        po_path.write_text(before, encoding="utf-8")
    return po_path


def _without_pot_date(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:'))


def fix_header(path: Path, language: str = LANGUAGE) -> None:
    """Give a freshly made catalogue a usable header (makemessages leaves placeholders and a fuzzy flag)."""
    catalogue = load_catalogue(path)
    if catalogue is None:
        return
    wanted = {
        "Project-Id-Version": "prongsai",
        "Language": language,
        "Language-Team": "Thai",
        "Last-Translator": "Prongsai <prongsai@localhost>",
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
    }
    if catalogue.metadata.get("PO-Revision-Date", "").startswith("YEAR"):
        catalogue.metadata["PO-Revision-Date"] = catalogue.metadata.get("POT-Creation-Date", "")
    if catalogue.metadata_is_fuzzy or any(catalogue.metadata.get(k) != v for k, v in wanted.items()):
        catalogue.metadata.update(wanted)
        catalogue.metadata_is_fuzzy = False
        catalogue.header = "Prongsai: Thai translations of our own strings. Edit msgstr; re-run update_catalogue."
        catalogue.save()


def extract_keys(*, source_root: Path, domain: str, language: str = LANGUAGE) -> set[Key]:
    """The msgids (with context) our code under `source_root` uses, extracted into a scratch directory."""
    with tempfile.TemporaryDirectory(prefix="prongsai-messages-") as scratch:
        po_path = run_makemessages(source_root=source_root, target=Path(scratch), domain=domain, language=language)
        catalogue = load_catalogue(po_path)
        return {entry_key(e) for e in catalogue if not e.obsolete} if catalogue else set()


# --- Wagtail coverage -----------------------------------------------------------------------------------


def _wagtail_root() -> Path:
    import wagtail

    return Path(wagtail.__file__).parent


def wagtail_required_keys(domain: str) -> set[Key]:
    """Every msgid of the English catalogues of the Wagtail apps staff use."""
    keys: set[Key] = set()
    for app in WAGTAIL_REQUIRED_APPS:
        path = _wagtail_root() / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        catalogue = load_catalogue(path)
        if catalogue is not None:
            keys |= {entry_key(e) for e in catalogue if not e.obsolete and e.msgid}
    return keys


def _app_catalogue(locale_root: Path, domain: str, language: str) -> polib.POFile | polib.MOFile | None:
    base = locale_root / language / "LC_MESSAGES" / domain
    if base.with_suffix(".po").exists():
        return polib.pofile(str(base.with_suffix(".po")))
    if base.with_suffix(".mo").exists():
        return polib.mofile(str(base.with_suffix(".mo")))
    return None


def installed_keys(domain: str, language: str = LANGUAGE) -> set[Key]:
    """msgids with a translation in the catalogues Django loads besides ours, as Django would load them."""
    if domain == "djangojs":
        # Wagtail's JavaScriptCatalog reads wagtail.admin's catalogue (and LOCALE_PATHS, i.e. ours).
        roots = [_wagtail_root() / "admin" / "locale"]
    else:
        import django

        roots = [Path(django.__file__).parent / "conf" / "locale"]
        roots += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    keys: set[Key] = set()
    for root in roots:
        keys |= translated_keys(_app_catalogue(root, domain, language))
    return keys


# --- Checking -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    kind: str  # "untranslated" | "fuzzy" | "not in catalogue" | "Wagtail msgid without Thai"
    where: str
    key: Key

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: {describe(self.key)}"


def catalogue_problems(
    *,
    locale_dir: Path,
    supplement_dir: Path,
    source_root: Path | None,
    check_wagtail: bool = True,
    language: str = LANGUAGE,
) -> list[Problem]:
    """Everything that keeps the Thai catalogue from being complete.

    * an untranslated or fuzzy entry in our catalogue or in the Wagtail supplement;
    * a msgid our code (under `source_root`) uses that is missing from our catalogue;
    * a msgid of a Wagtail app staff use that has Thai neither in Wagtail's catalogues nor in ours.
    """
    problems: list[Problem] = []
    ours: dict[str, set[Key]] = {}
    for domain in DOMAINS:
        paths = [our_po_path(locale_dir, domain, language), *supplement_po_paths(supplement_dir, domain, language)]
        catalogues = {path: load_catalogue(path) for path in paths}
        ours[domain] = set()
        for path, catalogue in catalogues.items():
            if catalogue is None:
                continue
            where = _relative(path)
            problems += [Problem("fuzzy", where, entry_key(e)) for e in catalogue.fuzzy_entries()]
            problems += [Problem("untranslated", where, entry_key(e)) for e in catalogue.untranslated_entries()]
            ours[domain] |= translated_keys(catalogue)

        if source_root is not None:
            our_catalogue = catalogues[our_po_path(locale_dir, domain, language)]
            present = {entry_key(e) for e in our_catalogue if not e.obsolete} if our_catalogue else set()
            where = _relative(our_po_path(locale_dir, domain, language))
            for key in sorted(extract_keys(source_root=source_root, domain=domain, language=language) - present):
                problems.append(Problem("not in catalogue (run manage.py update_catalogue)", where, key))

        if check_wagtail:
            missing = wagtail_required_keys(domain) - installed_keys(domain, language) - ours[domain]
            where = _relative(supplement_dir / language / domain / "wagtail.po")
            problems += [Problem("Wagtail msgid without Thai", where, key) for key in sorted(missing)]
    return problems


def _relative(path: Path) -> str:
    try:
        relative = os.path.relpath(path, settings.BASE_DIR)
        return str(path) if relative.startswith("..") else relative
    except ValueError:
        return str(path)
