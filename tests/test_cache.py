"""The load cache gives exactly what loading the files gives, and never stale data.

Every test compares with :func:`store.load_folder` on the same files, and
counts how often a file is really parsed, so a cache that is not used, or
used when it must not be, fails.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from samenwerk_tui import cache
from samenwerk_tui.cache import cache_folder, cache_path, load_folder_cached
from samenwerk_tui.content import Checklist
from samenwerk_tui.store import FolderLoad, load_folder

EXAMPLE = Path(__file__).resolve().parent.parent / "sessions"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the cache had to parse, in order."""
    calls: list[str] = []
    real = cache.parse_session

    def counting(path, data, content=None):  # type: ignore[no-untyped-def]
        calls.append(path.name)
        return real(path, data, content)

    monkeypatch.setattr(cache, "parse_session", counting)
    return calls


@pytest.fixture
def folder(tmp_path: Path, make_session) -> Path:  # type: ignore[no-untyped-def]
    """Three example sessions, one with a question the checklist lacks, one newer format, one broken file."""
    target = tmp_path / "sessies"
    target.mkdir()
    for path in sorted(EXAMPLE.glob("*q4*.toml")):
        shutil.copy(path, target / path.name)
    make_session('[vragen."bestaat.niet"]\nscore = 2\n', name="onbekend.toml", folder=target, ronde="2026-Q3")
    make_session(name="nieuwer.toml", folder=target, formaat=99, organisatie="Politie")
    (target / "kapot.toml").write_text('formaat = 1\nfase = "begin"\n[ronde\n', encoding="utf-8")
    return target


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def summary(load: FolderLoad) -> tuple[list, list]:  # type: ignore[type-arg]
    sessions = [(loaded.path, loaded.session, loaded.digest, loaded.warnings, loaded.read_only_reason) for loaded in load.sessions]
    return sessions, load.problems


def score(load: FolderLoad, name: str, question_id: str) -> object:
    [loaded] = [loaded for loaded in load.sessions if loaded.path.name == name]
    return loaded.session.score(question_id)


def test_first_and_second_load_equal_loading_the_files(folder, content, cache_dir, parses):
    expected = summary(load_folder(folder, content))
    assert expected[1], "the broken file must be among the problems"
    assert any(loaded_warnings for *_, loaded_warnings, _ in expected[0])
    assert summary(load_folder_cached(folder, content, cache_dir=cache_dir)) == expected
    assert len(parses) == 6
    assert summary(load_folder_cached(folder, content, cache_dir=cache_dir)) == expected
    assert len(parses) == 6, "the second load must come from the cache"


def test_the_progress_is_reported_for_every_file(folder, content, cache_dir):
    for _ in range(2):
        seen: list[tuple[int, int]] = []
        load_folder_cached(folder, content, progress=lambda done, total, seen=seen: seen.append((done, total)), cache_dir=cache_dir)
        assert seen == [(number, 6) for number in range(1, 7)]


def test_a_changed_file_with_the_same_size_and_mtime_is_parsed_again(folder, content, cache_dir, parses):
    name = "horecateam-lindendal--2026-q4--gemeente-lindendal-coordinator-horecatoezicht.toml"
    path = folder / name
    before = load_folder_cached(folder, content, cache_dir=cache_dir)
    assert score(before, name, "visie.2") == 4
    status = path.stat()
    data = path.read_bytes()
    changed = data.replace(b'[vragen."visie.2"]\nscore = 4', b'[vragen."visie.2"]\nscore = 2', 1)
    assert changed != data and len(changed) == len(data)
    path.write_bytes(changed)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size and path.stat().st_mtime_ns == status.st_mtime_ns
    parses.clear()

    after = load_folder_cached(folder, content, cache_dir=cache_dir)

    assert parses == [name]
    assert score(after, name, "visie.2") == 2
    assert summary(after) == summary(load_folder(folder, content))


def test_a_touched_file_with_the_same_bytes_comes_from_the_cache(folder, content, cache_dir, parses):
    expected = summary(load_folder_cached(folder, content, cache_dir=cache_dir))
    path = next(folder.glob("*gemeente*.toml"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    parses.clear()
    assert summary(load_folder_cached(folder, content, cache_dir=cache_dir)) == expected
    assert parses == []


def test_a_fixed_broken_file_and_a_removed_file_are_never_served_from_the_cache(folder, content, cache_dir, make_session):
    first = load_folder_cached(folder, content, cache_dir=cache_dir)
    assert any(problem.path.name == "kapot.toml" for problem in first.problems)
    make_session(name="kapot.toml", folder=folder, organisatie="Omgevingsdienst")
    (folder / "onbekend.toml").unlink()

    load = load_folder_cached(folder, content, cache_dir=cache_dir)

    names = [loaded.path.name for loaded in load.sessions]
    assert "kapot.toml" in names and "onbekend.toml" not in names
    assert load.problems == []
    assert summary(load) == summary(load_folder(folder, content))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"not a pickle at all",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),
        lambda data: pickle.dumps("some other key") + data,
    ],
    ids=["empty", "garbage", "truncated", "last-byte", "wrong-key"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(folder, content, cache_dir, parses, damage):
    expected = summary(load_folder_cached(folder, content, cache_dir=cache_dir))
    location = cache_path(folder, cache_dir)
    location.write_bytes(damage(location.read_bytes()))
    parses.clear()

    assert summary(load_folder_cached(folder, content, cache_dir=cache_dir)) == expected
    assert len(parses) == 6
    parses.clear()
    assert summary(load_folder_cached(folder, content, cache_dir=cache_dir)) == expected
    assert parses == [], "the damaged cache must have been replaced by a good one"


class _Trap:
    """Unpickled, it would create a file: a cache file must never run code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (open, (str(self.marker), "w"))


def test_a_cache_file_that_would_run_code_is_refused(folder, content, cache_dir, tmp_path, parses):
    expected = summary(load_folder_cached(folder, content, cache_dir=cache_dir))
    location = cache_path(folder, cache_dir)
    marker = tmp_path / "ran"
    key = cache.cache_key(folder, content)
    location.write_bytes(pickle.dumps(key) + pickle.dumps({"x": _Trap(marker)}))
    parses.clear()

    assert summary(load_folder_cached(folder, content, cache_dir=cache_dir)) == expected
    assert not marker.exists()
    assert len(parses) == 6


def test_other_content_invalidates_the_cache(folder, content: Checklist, cache_dir, parses):
    load_folder_cached(folder, content, cache_dir=cache_dir)
    meta = content.checklist.meta.model_copy(update={"version": "2"})
    other = Checklist(checklist=content.checklist.model_copy(update={"meta": meta}), knowledge=content.knowledge, source="elders")
    parses.clear()

    load = load_folder_cached(folder, other, cache_dir=cache_dir)

    assert len(parses) == 6
    assert summary(load) == summary(load_folder(folder, other))
    assert any("andere inhoud" in warning.message for loaded in load.sessions for warning in loaded.warnings)


def test_another_version_of_samenwerk_invalidates_the_cache(folder, content, cache_dir, parses, monkeypatch):
    load_folder_cached(folder, content, cache_dir=cache_dir)
    monkeypatch.setattr(cache, "__version__", "99.0")
    parses.clear()
    load_folder_cached(folder, content, cache_dir=cache_dir)
    assert len(parses) == 6


def test_changed_validation_code_invalidates_the_cache(folder, content, cache_dir, parses, monkeypatch):
    load_folder_cached(folder, content, cache_dir=cache_dir)
    real = cache._code_fingerprint
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: real() + "-model.py-changed")
    parses.clear()
    load_folder_cached(folder, content, cache_dir=cache_dir)
    assert len(parses) == 6


PACKAGE = Path(cache.__file__).resolve().parent
DECIDING_MODULES = sorted(
    ["model.py", *(f"{package}/{module.name}" for package in ("store", "toml") for module in (PACKAGE / package).glob("*.py"))]
)


@pytest.mark.parametrize("module", DECIDING_MODULES)
def test_a_change_in_any_module_that_decides_what_a_file_loads_to_changes_the_cache_key(module, monkeypatch):
    before = cache._code_fingerprint()
    changed = PACKAGE / module
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: real(path) + b"\n# changed\n" if path == changed else real(path))
    assert cache._code_fingerprint() != before


def test_each_folder_has_its_own_cache(folder, content, cache_dir, tmp_path, parses):
    copy = tmp_path / "kopie"
    shutil.copytree(folder, copy)
    load_folder_cached(folder, content, cache_dir=cache_dir)
    parses.clear()
    load = load_folder_cached(copy, content, cache_dir=cache_dir)
    assert len(parses) == 6
    assert all(loaded.path.parent == copy for loaded in load.sessions)
    assert cache_path(folder, cache_dir) != cache_path(copy, cache_dir)


def test_an_unwritable_cache_folder_only_costs_the_cache(folder, content, tmp_path):
    blocked = tmp_path / "geen-map"
    blocked.write_text("a file where the cache folder should be")
    expected = summary(load_folder(folder, content))
    assert summary(load_folder_cached(folder, content, cache_dir=blocked)) == expected


def test_the_cache_lives_in_the_user_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "samenwerk"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    assert cache_folder() == tmp_path / "thuis" / ".cache" / "samenwerk"


def test_caches_of_folders_long_unused_are_pruned(folder, content, cache_dir, tmp_path):
    cache_dir.mkdir()
    stale = cache_dir / "sessions-0123.pickle"
    recent = cache_dir / "sessions-4567.pickle"
    for path in (stale, recent):
        path.write_bytes(b"x")
    old = stale.stat().st_mtime - (cache.PRUNE_AFTER_DAYS + 1) * 86400
    os.utime(stale, (old, old))
    load_folder_cached(folder, content, cache_dir=cache_dir)
    assert not stale.exists() and recent.exists() and cache_path(folder, cache_dir).exists()


def test_a_damaged_entry_is_parsed_again_and_the_others_still_come_from_the_cache(folder, content, cache_dir, parses):
    expected = summary(load_folder_cached(folder, content, cache_dir=cache_dir))
    location = cache_path(folder, cache_dir)
    key = cache.cache_key(folder, content)
    entries = cache._read_cache(location, key)
    name = next(name for name, entry in entries.items() if entry.session is not None)
    entries[name].session = entries[name].session[:-20]
    cache._write_cache(location, key, entries)
    parses.clear()

    assert summary(load_folder_cached(folder, content, cache_dir=cache_dir)) == expected
    assert parses == [name]


def _crafted_entries(folder, content, cache_dir):  # type: ignore[no-untyped-def]
    """The cache's own entries with one session swapped for one that never passed validation.

    Only allowed classes (the session models) and plain values: bytes the old
    allow-list of the unpickler accepted.
    """
    from samenwerk_tui.model import Answer

    load_folder_cached(folder, content, cache_dir=cache_dir)
    key = cache.cache_key(folder, content)
    entries = cache._read_cache(cache_path(folder, cache_dir), key)
    name = "horecateam-lindendal--2026-q4--gemeente-lindendal-coordinator-horecatoezicht.toml"
    session = pickle.loads(entries[name].session)
    hostile = "\x1b]0;overgenomen\x07[@click=app.quit]klik[/]"
    session.answers["visie.2"] = Answer.model_construct(score=9, note=hostile)
    entries[name].session = pickle.dumps(session)
    return key, entries, name


def _rows(entries):  # type: ignore[no-untyped-def]
    return {name: (e.size, e.mtime_ns, e.digest, e.session, e.problems, e.read_only_reason) for name, e in entries.items()}


def test_a_crafted_cache_file_in_the_old_format_never_reaches_the_screen(folder, content, cache_dir, parses):
    key, entries, name = _crafted_entries(folder, content, cache_dir)
    location = cache_path(folder, cache_dir)
    location.write_bytes(pickle.dumps(key) + pickle.dumps(_rows(entries)))
    parses.clear()

    load = load_folder_cached(folder, content, cache_dir=cache_dir)

    assert score(load, name, "visie.2") == 4
    assert summary(load) == summary(load_folder(folder, content))
    assert len(parses) == 6


def test_a_cache_file_signed_with_another_key_is_refused(folder, content, cache_dir, parses):
    key, entries, name = _crafted_entries(folder, content, cache_dir)
    location = cache_path(folder, cache_dir)
    cache._write_cache(location, key, entries, secret=b"k" * cache.KEY_SIZE)
    assert location.read_bytes().startswith(cache.MAGIC)
    parses.clear()

    load = load_folder_cached(folder, content, cache_dir=cache_dir)

    assert score(load, name, "visie.2") == 4
    assert all("\x1b" not in loaded.session.answer("visie.2").note for loaded in load.sessions)
    assert len(parses) == 6


def test_a_cache_file_with_its_signature_copied_from_another_is_refused(folder, content, cache_dir, parses):
    key, entries, name = _crafted_entries(folder, content, cache_dir)
    location = cache_path(folder, cache_dir)
    genuine = location.read_bytes()
    cache._write_cache(location, key, entries, secret=b"k" * cache.KEY_SIZE)
    forged = location.read_bytes()
    start = len(cache.MAGIC) + 32
    location.write_bytes(genuine[:start] + forged[start:])
    parses.clear()

    assert score(load_folder_cached(folder, content, cache_dir=cache_dir), name, "visie.2") == 4
    assert len(parses) == 6


def test_the_cache_key_is_private_and_kept_outside_the_cache_folder(folder, content, cache_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    load_folder_cached(folder, content, cache_dir=cache_dir)
    key_file = tmp_path / "config" / "samenwerk" / cache.KEY_NAME
    assert key_file.stat().st_size == cache.KEY_SIZE
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert not any(path.name == cache.KEY_NAME for path in cache_dir.rglob("*"))
    assert cache.cache_secret() == key_file.read_bytes()


def test_a_key_others_can_read_is_not_used_and_loading_still_works(folder, content, cache_dir, parses, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    key_file = tmp_path / "config" / "samenwerk" / cache.KEY_NAME
    key_file.parent.mkdir(parents=True)
    key_file.write_bytes(b"s" * cache.KEY_SIZE)
    key_file.chmod(0o644)
    expected = summary(load_folder(folder, content))

    for _ in range(2):
        assert summary(load_folder_cached(folder, content, cache_dir=cache_dir)) == expected
    assert len(parses) == 12, "without a trustworthy key nothing comes from a cache"
    assert not cache_path(folder, cache_dir).exists()
