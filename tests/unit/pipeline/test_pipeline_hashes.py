from __future__ import annotations

from pathlib import Path

from clams.upload.hashes import SentHashes, default_state_dir


def test_remembered_hashes_survive_a_save_and_load(state_dir: Path) -> None:
    # Given a hash remembered for one queue and saved
    hashes = SentHashes.load(state_dir, "https://queue/a")
    hashes.remember("ABC123", "h1")
    hashes.save()
    # When the state is loaded again
    again = SentHashes.load(state_dir, "https://queue/a")
    # Then the row counts as unchanged only with the same hash
    assert again.unchanged("ABC123", "h1")
    assert not again.unchanged("ABC123", "h2")


def test_each_target_has_its_own_state(state_dir: Path) -> None:
    # Given a hash remembered for queue a
    hashes = SentHashes.load(state_dir, "https://queue/a")
    hashes.remember("ABC123", "h1")
    hashes.save()
    # When queue b's state is loaded
    other = SentHashes.load(state_dir, "https://queue/b")
    # Then nothing is known about it
    assert not other.unchanged("ABC123", "h1")


def test_an_unreadable_state_means_everything_is_sent(state_dir: Path) -> None:
    # Given a corrupt state file
    hashes = SentHashes.load(state_dir, "q")
    state_dir.mkdir()
    hashes.path.write_text("{not json")
    # When it is loaded
    loaded = SentHashes.load(state_dir, "q")
    # Then it knows nothing (and so sends everything)
    assert not loaded.unchanged("ABC123", "h1")


def test_the_state_dir_comes_from_the_environment_when_set() -> None:
    assert default_state_dir({"CLAMS_STATE_DIR": "/tmp/x"}) == Path("/tmp/x")
    assert default_state_dir({}) == Path.home() / ".clams"
