"""Commands that grow the corpus: ``add``, ``extract``, ``review``, ``evaluate``, ``effort``."""

from __future__ import annotations

import sys
from pathlib import Path

from .project import add_corpus_option


def _run_add(args) -> int:
    from ..corpus.ingest import add_document

    report = add_document(args.path, args.corpus_dir, doc_id=args.doc_id, title=args.title,
                          published=args.date, publisher=args.publisher, url=args.url)
    for doc in report.documents:
        missing = f" (not stated: {', '.join(doc.missing)})" if doc.missing else ""
        verb = "added" if doc.status == "added" else "unchanged, already in the corpus as"
        print(f"{doc.path}: {verb} {doc.doc_id}{missing}")
    return 0


def add_add_options(p) -> None:
    p.description = ("Add a document to the corpus. What FILE's <name>.source.yaml (beside it) "
                     "says of it goes into meta.yaml; the options below override it and the text.")
    p.add_argument("path", metavar="FILE|DIR")
    add_corpus_option(p)
    p.add_argument("--doc-id", default=None, help="the document id (default: NNN_<title-slug>)")
    p.add_argument("--title", default=None, help="the document's headline")
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="its publication date")
    p.add_argument("--publisher", default=None, help="who published it")
    p.add_argument("--url", default=None, help="where it was published")
    p.set_defaults(func=_run_add)


def _run_extract(args) -> int:
    from ..corpus.reader import read_document, read_registry
    from ..extract.pipeline import extract_document, write_annotations

    corpus_dir = Path(args.corpus_dir)
    document = read_document(corpus_dir / args.doc_id)
    result = extract_document(document, read_registry(corpus_dir / "registry.yaml"))
    path = write_annotations(result.annotations, args.output or corpus_dir / args.doc_id / "draft.yaml")
    a = result.annotations
    print(f"{path}: {len(a.mentions)} mentions, {len(a.events)} events, {len(a.claims)} claims,"
          f" {len(result.proposals)} proposed entities")
    return 0


def add_extract_options(p) -> None:
    p.add_argument("doc_id", metavar="DOC-ID")
    add_corpus_option(p)
    p.add_argument("--output", default=None, help="default: corpus/<doc>/draft.yaml")
    p.set_defaults(func=_run_extract)


def _run_review(args) -> int:
    from ..corpus.reader import read_registry
    from ..extract.review import accept_proposal, merge_proposal, reject_proposal, review_items

    corpus_dir = Path(args.corpus_dir)
    if args.no_alias and not args.merge:
        from .values import UsageError

        raise UsageError("--no-alias goes with --merge",
                         hint="ashraf-kg review DOC-ID --merge NEW_ID INTO_ID --no-alias")
    if args.accept is not None:
        print(f"added {accept_proposal(corpus_dir, args.doc_id, args.accept)} to the registry")
        return 0
    if args.reject is not None:
        print(f"rejected {reject_proposal(corpus_dir, args.doc_id, args.reject)}; the registry is unchanged")
        return 0
    if args.merge:
        aliases = merge_proposal(corpus_dir, args.doc_id, *args.merge, add_spellings=not args.no_alias)
        print(f"merged {args.merge[0]} into {args.merge[1]}; aliases: {', '.join(aliases) or '(none)'}")
        return 0
    items = review_items(corpus_dir, args.doc_id, read_registry(corpus_dir / "registry.yaml"))
    if not items:  # silence would read as a failure to look
        print(f"{args.doc_id}: no proposed entities to review")
    for item in items:
        p = item.proposal
        match = (f"possible match {item.candidate} ({item.score:.0f})" if item.candidate
                 else "new entity")
        print(f"{item.number:3}  {p.id:40} {p.type:18} {p.label!r}: {match}")
    return 0


def add_review_options(p) -> None:
    p.add_argument("doc_id", metavar="DOC-ID")
    add_corpus_option(p)
    action = p.add_mutually_exclusive_group()
    action.add_argument("--accept", type=int, metavar="N",
                        help="add proposal N to the registry (numbers stay as listed after each step)")
    action.add_argument("--merge", nargs=2, metavar=("NEW_ID", "INTO_ID"),
                        help="add proposal NEW_ID's spellings to registry entity INTO_ID")
    action.add_argument("--reject", type=int, metavar="N",
                        help="drop proposal N: it names nothing (the registry is not touched)")
    p.add_argument("--no-alias", action="store_true",
                   help="with --merge: keep INTO_ID's aliases as they are")
    p.set_defaults(func=_run_review)


def _run_evaluate(args) -> int:
    from ..extract.evaluate import evaluate_corpus, format_scores

    scores = evaluate_corpus(args.corpus_dir, args.doc_ids,
                             held_out_registry=args.held_out_registry)
    sys.stdout.write(format_scores(scores, fmt=args.format, details=not args.summary))
    return 0


def add_evaluate_options(p) -> None:
    p.add_argument("doc_ids", nargs="*", metavar="DOC-ID")
    add_corpus_option(p)
    p.add_argument("--format", choices=("table", "markdown", "json"), default="table",
                   help="table: per document and micro, with misses; markdown: F1 per document "
                        "and micro; json: everything")
    p.add_argument("--summary", action="store_true", help="leave out misses and false alarms")
    p.add_argument("--held-out-registry", action="store_true",
                   help="extract each document with a registry stripped of the spellings "
                        "only that document uses (measures the rules, not the registry)")
    p.set_defaults(func=_run_evaluate)


def _run_effort(args) -> int:
    from ..extract.effort import format_effort, measure_corpus_effort, update_effort_page

    efforts = measure_corpus_effort(args.corpus_dir, args.doc_ids)
    if args.update:
        update_effort_page(args.update, efforts)
        print(f"{args.update}: tables of {len(efforts)} documents")
        return 0
    sys.stdout.write(format_effort(efforts, fmt=args.format))
    return 0


def add_effort_options(p) -> None:
    p.add_argument("doc_ids", nargs="*", metavar="DOC-ID",
                   help="default: every document with both files")
    p.add_argument("--corpus-dir", default="corpus")
    p.add_argument("--format", choices=("markdown", "table", "json"), default="table")
    p.add_argument("--update", metavar="PAGE", default=None,
                   help="rewrite the generated tables of a Markdown page (docs/curation-effort.md)")
    p.set_defaults(func=_run_effort)
