"""The datatrove pipeline step: findings in each document's metadata, error documents dropped if asked."""

from __future__ import annotations

import json

from dataset_fixtures import generated_dataset

from newslint.api import lint_records
from newslint.config import Config

from datatrove.data import Document  # in the test extra: this test must run, never skip
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from newslint.integrations.datatrove import NewslintFilter


def documents() -> list[Document]:
    docs = []
    for r in generated_dataset(30, seed=4):
        meta = {k: v for k, v in r.items() if k not in ("id", "text")}
        docs.append(Document(text=r["text"], id=r["id"], metadata=meta))
    docs[2].text += "\n\nAdvertisement"  # NL301: an error
    docs[5].metadata["authors"] = ["Daniel Ferreira"]
    docs[7].text = "Too short."  # NL204: an error
    return docs


def test_annotates_every_document_with_the_findings_of_lint_records():
    docs = documents()
    cfg = Config(select=["NL1", "NL2", "NL3"])
    step = NewslintFilter(cfg)
    out = list(step.run(iter(docs)))
    assert len(out) == len(docs)
    for doc in out:
        record = {**{k: v for k, v in doc.metadata.items() if k != "newslint"}, "text": doc.text, "id": doc.id}
        want = [(v.code, v.severity, v.message, v.field) for v in lint_records([record], cfg)]
        assert [(f["code"], f["severity"], f["message"], f["field"]) for f in doc.metadata["newslint"]] == want
    assert [f["code"] for f in out[2].metadata["newslint"] if f["severity"] == "error"] == ["NL301"]
    assert all(f["code"] != "NL201" for f in out[5].metadata["newslint"])
    assert step.stats["NL301"].total == 1


def test_drops_documents_with_errors_to_the_exclusion_writer(tmp_path):
    docs = documents()
    src = tmp_path / "in"
    src.mkdir()
    with open(src / "docs.jsonl", "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"text": d.text, "id": d.id, "metadata": d.metadata}) + "\n")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(src), compression=None),
            NewslintFilter(Config(select=["NL2", "NL3"]), drop_errors=True,
                           exclusion_writer=JsonlWriter(str(tmp_path / "rejected"), compression=None)),
            JsonlWriter(str(tmp_path / "clean"), compression=None),
        ],
        tasks=2, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    kept = [json.loads(line) for f in sorted((tmp_path / "clean").glob("*.jsonl")) for line in open(f, encoding="utf-8")]
    rejected = [json.loads(line) for f in sorted((tmp_path / "rejected").glob("*.jsonl")) for line in open(f, encoding="utf-8")]
    cfg = Config(select=["NL2", "NL3"])
    errors = {d.id: [v.code for v in lint_records([{**d.metadata, "text": d.text, "id": d.id}], cfg) if v.severity == "error"]
              for d in docs}
    assert {d["id"]: d["metadata"]["filter_reason"] for d in rejected} == {k: v[0] for k, v in errors.items() if v}
    assert {docs[2].id, docs[7].id} <= {d["id"] for d in rejected}
    assert len(kept) == len(docs) - len(rejected)
    assert all(all(f["severity"] != "error" for f in d["metadata"]["newslint"]) for d in kept)
    assert any(d["metadata"]["newslint"] for d in kept)  # warnings stay as annotations


def test_dataset_rules_do_not_run_in_a_step():
    docs = documents()
    docs.append(Document(text=docs[0].text, id="copy", metadata=dict(docs[0].metadata)))
    out = list(NewslintFilter(Config(select=["NL6"])).run(iter(docs)))
    assert all(d.metadata["newslint"] == [] for d in out)
