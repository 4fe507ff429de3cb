"""The extraction entry point: runs every extractor over a parsed document."""

from claims.extract.attributes import attribute_claims
from claims.extract.comparisons import comparison_claims, sentence_benchmarks
from claims.extract.lists import list_claims
from claims.extract.model_index import front_matter_licence_claims, model_index_claims
from claims.extract.prose import DocumentContext, document_sentences
from claims.extract.sentences import score_claims
from claims.extract.settings import benchmark_settings
from claims.extract.tables import key_value_claims, table_claims
from claims.extract.text_tables import text_table_claims
from claims.extract.types import ExtractedClaim, Extraction, UnattributedFigure
from claims.parse.types import ParsedDocument
from claims.setting import Setting


def _context_before(doc: ParsedDocument, index: int) -> str:
    """Text of the blocks before `index` back to (and including) the nearest heading."""
    parts: list[str] = []
    for j in range(index - 1, max(-1, index - 6), -1):
        block = doc.blocks[j]
        if block.kind == "table":
            continue
        parts.append(block.text)
        if block.kind == "heading":
            break
    return " ".join(reversed(parts))


def _text_after(doc: ParsedDocument, index: int) -> str:
    """The document as written just after a table (its footnotes), up to the next heading."""
    end = doc.blocks[index].end
    for block in doc.blocks[index + 1 : index + 4]:
        if block.kind in ("heading", "table"):
            break
        end = block.end
    return doc.text[doc.blocks[index].end : end]


def claims_extract(document: ParsedDocument) -> list[ExtractedClaim]:
    """Every claim the document makes, each with its verbatim quote and offsets."""
    return document_extract(document).claims


def document_extract(document: ParsedDocument) -> Extraction:
    """The claims a document makes and the score-like figures that did not become claims."""
    claims = [*model_index_claims(document), *front_matter_licence_claims(document)]
    unattributed: list[UnattributedFigure] = []
    table_models: list[str] = []
    quiet_tables: list[int] = []
    for i, block in enumerate(document.blocks):
        if block.kind == "table":
            result = table_claims(
                document.text, block, _context_before(document, i), _text_after(document, i)
            )
            claims.extend(result.claims)
            table_models.extend(result.models)
            unattributed.extend(result.unattributed)
            if not result.claims:
                quiet_tables.append(i)
    flat_claims, flat_models, flat_blocks = text_table_claims(document, unattributed)
    claims.extend(flat_claims)
    listed = list_claims(document)
    claims.extend(listed.claims)
    unattributed.extend(listed.unattributed)
    flat_blocks |= listed.blocks
    table_models.extend(flat_models)
    ctx = DocumentContext(document, table_models)
    for i in quiet_tables:
        claims.extend(key_value_claims(document.text, document.blocks[i], ctx.subject))
    sentences = document_sentences(ctx, skip=flat_blocks)
    previous_block = -1
    carried: list[str] = []
    carried_settings: dict[str, Setting] = {}
    done: list = []
    # The models the block named before this sentence, each once, in order; kept as the block
    # is read (recounting every earlier sentence per sentence made a long block quadratic).
    named_before: dict[str, None] = {}
    for sentence in sentences:
        if sentence.block_index != previous_block:
            previous_block = sentence.block_index
            carried = []
            carried_settings = {}
            done = []
            named_before = {}
        topic = ctx.topic(sentence.block_index, done)
        claims.extend(
            score_claims(
                document.text,
                sentence,
                topic,
                carried,
                unattributed,
                carried_settings=carried_settings,
            )
        )
        claims.extend(
            comparison_claims(
                document.text,
                sentence,
                topic,
                carried,
                ctx.subject,
                passage_models=tuple(named_before),
            )
        )
        claims.extend(attribute_claims(document.text, ctx, sentence, topic))
        benchmarks = sentence_benchmarks(sentence)
        if benchmarks:
            carried = benchmarks
            carried_settings = benchmark_settings(sentence.text, sentence.benchmarks)
        done.append(sentence)
        named_before.update((m.name, None) for m in sentence.models if m.kind == "model")
    return Extraction(claims=_dedupe(claims), unattributed=unattributed)


def _dedupe(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    seen: set[tuple] = set()
    out = []
    for c in claims:
        key = (
            c.kind,
            c.model,
            c.benchmark,
            c.value,
            c.attribute,
            c.attribute_value,
            c.other_model,
            c.relation,
            c.start,
            c.end,
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
