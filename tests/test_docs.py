"""Docs that are tested: every command is documented, and docs/cli.md is current."""

from pathlib import Path

from sitrep.cli import main
from sitrep.cli.reference import reference, walk

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_in_the_readme_cli_reference():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## CLI reference", 1)[1].split("\n## ", 1)[0]
    missing = [path for path, _ in walk(main) if f"`{path}" not in section]
    assert not missing, f"commands missing from README's CLI reference: {missing}"


def test_docs_cli_md_is_generated_from_help():
    from click.testing import CliRunner

    CliRunner().invoke(main, ["ingest", "--help"])  # help options are cached on first use
    current = (ROOT / "docs" / "cli.md").read_text()
    assert current == reference(), "docs/cli.md is stale: run python -m sitrep.cli.reference > docs/cli.md"


def test_every_command_has_help_text():
    for path, ctx in walk(main):
        assert (ctx.command.help or "").strip(), f"{path} has no help text"


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text().split("\n## ", 1)[0]
    assert "make demo" in head and "make test" in head
