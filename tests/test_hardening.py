"""Issue 14: bounded work per request, bombs, files that are not what they seem, one-line errors, settings and
access. Small fixtures and the hashing embedder; speed is measured in bench/redteam.py, never here."""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import copied_settings

from assistant import access
from assistant.cli import main
from assistant.config import load_settings
from assistant.errors import ConfigError, DocumentError, IndexError_, InputError
from assistant.feedback import FeedbackStore, default_path
from assistant.index.embed import HashingEmbedder
from assistant.index.store import read_manifest
from assistant.ingest.catalog import load_catalog
from assistant.ingest.loader import corpus_files, load_corpus
from assistant.ingest.readers import read_file
from assistant.limits import ReadLimits, RequestLimits
from assistant.pipeline import Assistant, history_turns

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PLAN = (CORPUS / "gaoxin_open_highland_14th_fyp.txt").read_text(encoding="utf-8")


@pytest.fixture()
def settings(tmp_path):
    return copied_settings(tmp_path)


@pytest.fixture()
def assistant(settings):
    return Assistant.open(settings, embedder=HashingEmbedder())


# ------------------------------------------------------------------ one budget per request


def test_history_keeps_only_recent_turns_cut_to_the_limit():
    limits = RequestLimits(max_history_turns=3, max_turn_chars=10)
    turns = history_turns([{"question": f"问题{i}" * 20, "answer": "答" * 50} for i in range(9)], limits)
    assert len(turns) == 3 and turns[0][0].startswith("问题6") and all(len(q) == 10 and len(a) == 10 for q, a in turns)
    messages = [m for i in range(9) for m in ({"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": "a"})]
    assert [q for q, _ in history_turns(messages, limits)] == ["q6", "q7", "q8"]


@pytest.mark.parametrize("history,match", [(5, "must be a list"), ("那渝中区呢", "must be a list"),
                                           ([3.5j], "item 1"), ([{"question": ["x"]}], "question must be a string"),
                                           ([{"question": "q", "answer": {"a": 1}}], "answer must be a string")])
def test_history_of_the_wrong_shape_is_one_clear_error(history, match):
    with pytest.raises(InputError, match=match):
        history_turns(history)


@pytest.mark.parametrize("question", [42, ["高新区"], True, {"q": 1}])
def test_question_of_the_wrong_type_says_so(assistant, question):
    with pytest.raises(InputError, match="must be a string"):
        assistant.ask(question)


def test_question_is_measured_after_normalisation(assistant):
    assert assistant.check_question("  高新区 " + " " * 5000 + "外资？")  # blanks collapse: within the limit
    with pytest.raises(InputError, match="no readable text"):
        assistant.ask("\x00\x07<b></b>")
    with pytest.raises(InputError, match="问题过长.*max_question_chars"):
        assistant.ask("哪" * 2001)


@pytest.mark.parametrize("docs", [5, [1, 2], {"gaoxin": 1}, [None]])
def test_docs_of_the_wrong_type_says_so(assistant, docs):
    with pytest.raises(InputError, match="docs must be a list of plan ids"):
        assistant.ask("高新区外资", docs=docs)


def test_search_k_must_be_in_range(assistant):
    for k in (-1, 0, 101, True, "5"):
        with pytest.raises(InputError, match="k must be"):
            assistant.search("高新区", k)


def test_over_the_time_budget_the_answer_is_retrieval_only_and_says_so(settings):
    a = Assistant.open(replace(settings, answer_budget_s=0.0), embedder=HashingEmbedder())
    a.ask("高新区外资")  # the first question after opening loads dictionaries: not budgeted
    ans = a.ask("高新区2025年外贸进出口总额目标是多少？")
    assert ans.refused and "时间预算" in ans.answer and "time budget" in ans.answer and ans.related
    normal = Assistant.open(settings, embedder=HashingEmbedder()).ask("高新区2025年外贸进出口总额目标是多少？")
    assert "时间预算" not in normal.answer


def test_resolved_follow_up_chain_is_bounded(assistant):
    from assistant.answer.understand import RESOLVED_CHARS, understand

    history = [("高新区2025年外贸进出口总额目标是多少？" + "，具体情况" * 300, "x")] + [("那渝中区呢？", "y")] * 7
    q = understand("增加了多少？", history, [d.meta for d in assistant.documents], assistant.tokenizer.tag)
    assert len(q.resolved) <= RESOLVED_CHARS


# ------------------------------------------------------------------ bombs


def _docx(path: Path, xml: bytes, members: int = 0) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
        for i in range(members):
            z.writestr(f"customXml/item{i}.xml", "<a/>")
    return path


def test_docx_over_the_member_limit_is_refused_before_parsing(tmp_path):
    path = _docx(tmp_path / "m.docx", b"<w/>", members=30)
    with pytest.raises(DocumentError, match="number of parts.*found 32.*limit is 20.*max_zip_members"):
        read_file(path, ReadLimits(max_zip_members=20))


def test_docx_unpacking_to_too_much_xml_is_refused(tmp_path):
    path = _docx(tmp_path / "bomb.docx", b"<w:p>" + b"a" * (3 * 1024 * 1024) + b"</w:p>")
    assert path.stat().st_size < 100_000
    with pytest.raises(DocumentError, match="unpacked XML.*limit is 2.*max_xml_mb"):
        read_file(path, ReadLimits(max_xml_mb=2))
    with pytest.raises(DocumentError, match="unpacked size.*limit is 1.*max_unpacked_mb"):
        read_file(path, ReadLimits(max_unpacked_mb=1))


def test_docx_whose_directory_lies_about_sizes_is_still_caught_while_inflating(tmp_path):
    path = _docx(tmp_path / "liar.docx", b"a" * (3 * 1024 * 1024))
    data = bytearray(path.read_bytes())
    cd = data.rfind(b"PK\x01\x02")  # the last central-directory entry: word/document.xml
    data[cd + 24:cd + 28] = (10).to_bytes(4, "little")  # declared uncompressed size: 10 bytes
    lh = data.find(b"PK\x03\x04", 30)
    data[lh + 22:lh + 26] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as z:
        assert sum(i.file_size for i in z.infolist()) < 100
    with pytest.raises(DocumentError):  # either the limit or the damaged part, never a 3 MB parse
        read_file(path, ReadLimits(max_xml_mb=1))


def test_text_pages_and_chunks_have_limits(tmp_path, settings):
    from tests.docgen import plan_to_pdf

    txt = tmp_path / "long.txt"
    txt.write_text(PLAN, encoding="utf-8")
    with pytest.raises(DocumentError, match="characters of text.*max_text_chars"):
        read_file(txt, ReadLimits(max_text_chars=1000))
    pdf = plan_to_pdf(PLAN[:3000], tmp_path / "p.pdf")
    with pytest.raises(DocumentError, match="number of PDF pages.*max_pdf_pages"):
        read_file(pdf, ReadLimits(max_pdf_pages=0))
    a = Assistant.open(replace(settings, max_chunks_per_plan=5), embedder=HashingEmbedder())
    with pytest.raises(DocumentError, match="passages for the index.*max_chunks_per_plan.*Split the plan"):
        a.add_document(PLAN.replace("高新区", "蓝莓区").encode(), "copy.txt")
    assert not [p for p in settings.uploads_dir.glob("*") if not p.name.startswith(".")]


def test_upload_quota_list_and_delete(settings):
    a = Assistant.open(replace(settings, upload_quota_files=1), embedder=HashingEmbedder())
    text = "第一章 总则\n一、目标\n推进蓝莓产业发展，到2025年蓝莓产量达到100吨。\n"
    a.add_document(text.encode(), "blueberry.txt", user="alice")
    with pytest.raises(InputError, match="upload quota.*upload_quota_files"):
        a.add_document(text.replace("蓝莓", "草莓").encode(), "strawberry.txt", user="alice")
    a.add_document(text.replace("蓝莓", "草莓").encode(), "strawberry.txt", user="bob")
    assert [(u.doc_id, u.user) for u in a.uploads()] == [("blueberry", "alice"), ("strawberry", "bob")]
    with pytest.raises(InputError, match="another user"):
        a.remove_document("blueberry", user="bob")
    a.remove_document("blueberry", user="alice")
    assert "blueberry" not in a.doc_ids and [u.doc_id for u in a.uploads()] == ["strawberry"]
    assert "blueberry" not in {c.doc_id for c in a.retriever.chunks}
    assert main(["uploads", "--corpus", str(settings.corpus), "--index", str(settings.index),
                 "--model", "hashing"]) == 0


def test_upload_size_message_agrees_with_the_setting(settings):
    from assistant.uploads import check_upload

    with pytest.raises(InputError, match=r"the limit is 20 MB \(setting max_upload_mb\)"):
        check_upload("big.txt", 20 * 1024 * 1024 + 1, 20 * 1024 * 1024)


# ------------------------------------------------------------------ files that are not what they seem


def test_symlinks_and_paths_outside_the_folder_are_refused(tmp_path, caplog):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(PLAN, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容：口令是一二三。", encoding="utf-8")
    (corpus / "link.txt").symlink_to(secret)
    (corpus / "inner.txt").symlink_to(corpus / "plan.txt")
    assert [p.name for p in corpus_files(corpus)] == ["plan.txt"]
    assert "symlink" in caplog.text and "link.txt" in caplog.text


def test_catalog_of_the_wrong_shape_is_a_config_error_and_one_short_name_is_one_name(tmp_path):
    (tmp_path / "catalog.toml").write_text('document = "oops"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="list of.*document"):
        load_catalog(tmp_path)
    (tmp_path / "catalog.toml").write_text('[[document]]\nid = "a"\nfile = "a.txt"\nshort_names = "蓝莓区"\n',
                                           encoding="utf-8")
    assert load_catalog(tmp_path)["a.txt"].short_names == ("蓝莓区",)
    (tmp_path / "catalog.toml").write_text('[[document]]\nid = "a"\nfile = "a.txt"\nshort_names = [1]\n',
                                           encoding="utf-8")
    with pytest.raises(ConfigError, match="short_names"):
        load_catalog(tmp_path)


@pytest.mark.parametrize("manifest", ["[]", "3", '{"model": []}', '{"files": {"a": 1}}'])
def test_manifest_that_is_json_but_not_the_right_object_is_rebuilt(settings, manifest):
    a = Assistant.open(settings, embedder=HashingEmbedder())
    (a.built.path / "manifest.json").write_text(manifest, encoding="utf-8")
    assert read_manifest(settings.index_dir) is None
    b = Assistant.open(settings, embedder=HashingEmbedder())  # no AttributeError: a fresh build
    assert b.build_id != a.build_id and b.ask("高新区外资").answer
    (b.built.path / "manifest.json").write_text("[]", encoding="utf-8")
    assert main(["build", "--force", "--corpus", str(settings.corpus), "--index", str(settings.index),
                 "--model", "hashing"]) == 0


def test_killed_builds_temp_folder_is_removed_at_the_next_build(settings):
    from assistant.index.indexer import build_index

    Assistant.open(settings, embedder=HashingEmbedder())
    stale = settings.index_dir / "builds" / ".tmp-killed"
    stale.mkdir()
    (stale / "vectors.npy").write_bytes(b"x" * 1000)
    build_index(settings.sources, settings.index_dir, HashingEmbedder(), force=True)
    assert not stale.exists()


def test_read_only_index_folder_serves_the_current_build(settings, monkeypatch, caplog):
    from assistant.index import indexer
    from assistant.index.store import IndexReadOnly

    a = Assistant.open(settings, embedder=HashingEmbedder())
    (settings.corpus / "new.txt").write_text(PLAN.replace("高新区", "蓝莓区"), encoding="utf-8")  # now stale

    def read_only(*args, **kwargs):
        raise IndexReadOnly(f"索引目录不可写 / the index folder {settings.index_dir} is read-only")

    monkeypatch.setattr(indexer, "build_index", read_only)
    b = Assistant.open(settings, embedder=HashingEmbedder())
    assert b.build_id == a.build_id and "read-only" in caplog.text and "serving the current build" in caplog.text
    shutil.rmtree(settings.index_dir)
    with pytest.raises(IndexError_, match="read-only"):
        Assistant.open(settings, embedder=HashingEmbedder())


def test_build_lock_on_an_unwritable_folder_says_read_only(tmp_path):
    from assistant.index.store import IndexReadOnly, build_lock

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(IndexReadOnly, match="read-only"), build_lock(blocker / "index"):
        pass


# ------------------------------------------------------------------ CLI batch: a bad line never loses the rest


def test_batch_bad_lines_are_one_error_each_and_the_rest_is_answered(settings, tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    lines = [b'{"id": 1, "question": "\xff\xfe\xfa"}', b"\xff\xfe not utf-8",
             b'{"id": 2, "question": "q", "history": 5}', b'{"id": 3, "question": ' + b"[" * 100_000 + b"]" * 100_000
             + b"}", b'{"id": 4, "question": 7}', b'["not", "an", "object"]',
             '{"id": 5, "question": "高新区2025年外贸进出口总额目标是多少？"}'.encode()]
    batch.write_bytes(b"\n".join(lines) + b"\n")
    code = main(["ask", "--batch", str(batch), "--corpus", str(settings.corpus), "--index", str(settings.index),
                 "--model", "hashing", "--json"])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and len(out) == 7
    assert "UTF-8" in out[0]["error"] and "UTF-8" in out[1]["error"]
    assert "history must be a list" in out[2]["error"] and "nested too deeply" in out[3]["error"]
    assert "must be a string" in out[4]["error"] and "JSON object" in out[5]["error"]
    assert out[6]["id"] == 5 and "error" not in out[6]


def test_search_k_negative_is_rejected_on_the_command_line(capsys):
    assert main(["search", "高新区", "-k", "-1"]) == 2
    assert "-k must be between 1 and 100" in capsys.readouterr().err


# ------------------------------------------------------------------ settings and access


def test_data_dir_is_the_one_root_and_finer_settings_override(tmp_path):
    s = load_settings(tmp_path / "none.toml", env={"ASSISTANT_DATA_DIR": str(tmp_path / "d")})
    assert s.uploads_dir == tmp_path / "d" / "uploads" and s.index_dir == tmp_path / "d" / "index"
    assert s.feedback_path == tmp_path / "d" / "feedback.sqlite" and s.gradio_temp_dir == tmp_path / "d" / "gradio-tmp"
    assert default_path({"ASSISTANT_DATA_DIR": str(tmp_path / "d")}) == tmp_path / "d" / "feedback.sqlite"
    finer = load_settings(tmp_path / "none.toml", env={"ASSISTANT_DATA_DIR": str(tmp_path / "d"),
                                                       "ASSISTANT_UPLOADS": str(tmp_path / "u")})
    assert finer.uploads_dir == tmp_path / "u"
    assert default_path({"ASSISTANT_DATA_DIR": "x", "ASSISTANT_FEEDBACK": str(tmp_path / "f.db")}) == tmp_path / "f.db"


def test_feedback_is_attributed_and_an_old_store_gains_the_column(tmp_path):
    import sqlite3

    path = tmp_path / "fb.sqlite"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, question "
                "TEXT NOT NULL, answer TEXT NOT NULL, helpful INTEGER NOT NULL, comment TEXT NOT NULL DEFAULT '', "
                "citations_json TEXT NOT NULL DEFAULT '[]')")
    old.commit()
    old.close()
    store = FeedbackStore(path)
    store.add("q", "a", True, user="alice")
    assert store.recent(1)[0].user == "alice"


def test_passwords_are_hashed_and_checked(tmp_path, monkeypatch):
    users = tmp_path / "users.toml"
    access.save_user(users, "alice", "correct horse")
    text = users.read_text()
    assert "correct horse" not in text and "pbkdf2_sha256$" in text and (users.stat().st_mode & 0o077) == 0
    auth = access.authenticator(access.load_users(users))
    assert auth("alice", "correct horse") and not auth("alice", "wrong") and not auth("bob", "correct horse")
    with pytest.raises(InputError, match="8 characters"):
        access.save_user(users, "bob", "short")
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("another secret\n"))
    assert main(["user", "add", "carol", "--users", str(users), "--password-stdin"]) == 0
    assert access.authenticator(access.load_users(users))("carol", "another secret")


def test_loopback_and_client_gate():
    assert access.is_loopback("127.0.0.1") and access.is_loopback("::1") and access.is_loopback("localhost")
    assert not access.is_loopback("0.0.0.0") and not access.is_loopback("192.168.1.5")
    gate = access.ClientGate(1)
    assert gate.enter("a") and not gate.enter("a") and gate.enter("b")
    gate.leave("a")
    assert gate.enter("a")


def test_empty_folder_and_discard_stay_inside(tmp_path):
    folder = tmp_path / "gradio-tmp"
    (folder / "abc").mkdir(parents=True)
    (folder / "abc" / "plan.txt").write_text("x")
    outside = tmp_path / "keep.txt"
    outside.write_text("keep")
    (folder / "link").symlink_to(outside)
    access.discard_upload(outside, folder)
    assert outside.exists()
    access.discard_upload(folder / "abc" / "plan.txt", folder)
    assert not (folder / "abc").exists()
    assert access.empty_folder(folder) == 1 and outside.exists() and not list(folder.iterdir())


def test_load_corpus_skips_nothing_silently(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "p.txt").write_text(PLAN, encoding="utf-8")
    skipped: list[str] = []
    assert len(load_corpus(corpus, skipped=skipped)) == 1 and not skipped
