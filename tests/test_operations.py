"""The preflight's fast content-stream reader against pypdf's, operator by operator."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from generator.check.operations import OTHER, Unreadable, operations

READ = {b"cm", b"w", b"cs", b"CS", b"gs", b"Do", b"rg", b"k", b"g"}


def _same(fast_operands: list, slow_operands) -> bool:
    if len(fast_operands) != len(slow_operands):
        return False
    for fast, slow in zip(fast_operands, slow_operands, strict=True):
        if fast is OTHER:
            continue
        if isinstance(fast, float):
            if abs(fast - float(slow)) > 1e-9:
                return False
        elif fast != str(slow):
            return False
    return True


def _streams(pdf):
    reader = PdfReader(pdf)
    for page in reader.pages:
        yield page.get_contents(), reader
        for xobject in (page.get("/Resources", {}).get("/XObject") or {}).values():
            form = xobject.get_object()
            if form.get("/Subtype") == "/Form":
                yield form, reader


def test_every_stream_of_the_kit_reads_as_pypdf_reads_it(built):
    pdfs = sorted((built / "output" / "open").glob("*.pdf"))
    assert len(pdfs) == 17
    compared = 0
    for pdf in pdfs:
        for content, reader in _streams(pdf):
            fast = list(operations(content.get_data()))
            slow = ContentStream(content, reader).operations
            assert [op for _, op in fast] == [op for _, op in slow], pdf.name
            for (fast_operands, op), (slow_operands, _) in zip(fast, slow, strict=True):
                if op in READ:
                    assert _same(fast_operands, slow_operands), (pdf.name, op)
                    compared += 1
    assert compared > 1000


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"1 0 0 1 10 20 cm", [([1.0, 0.0, 0.0, 1.0, 10.0, 20.0], b"cm")]),
        (b"(a \\(escaped\\) w string) Tj 0.5 w", [([OTHER], b"Tj"), ([0.5], b"w")]),
        (b"[(W) 120 (ord)] TJ /Im0 Do", [([OTHER], b"TJ"), (["/Im0"], b"Do")]),
        (
            b"/Span <</ActualText (x) /Lang (nl)>> BDC EMC",
            [(["/Span", OTHER], b"BDC"), ([], b"EMC")],
        ),
        (b"<48656c6c6f> Tj % a comment w\n.25 -3. Td", [([OTHER], b"Tj"), ([0.25, -3.0], b"Td")]),
        (b"T* 0 Tc d0", [([], b"T*"), ([0.0], b"Tc"), ([], b"d0")]),
    ],
)
def test_operators_and_operands(data, expected):
    assert list(operations(data)) == expected


@pytest.mark.parametrize(
    "data", [b"(never closed Tj", b"(a (nested) w) Tj", b"BI /W 1 /H 1 ID \x00\xff EI"]
)
def test_streams_left_to_pypdf(data):
    with pytest.raises(Unreadable):
        list(operations(data))
