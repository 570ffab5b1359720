"""The marks of a PDF/X-4 file, for `--color cmyk`: what a print shop's preflight looks
for besides the colours themselves (ISO 15930-7).

- An output intent (/OutputIntents in the catalog, /S /GTS_PDFX) naming the printing
  condition (/OutputConditionIdentifier FOGRA39) with the ICC profile embedded as its
  /DestOutputProfile: the colours are meant for that press and paper.
- XMP metadata with pdfxid:GTS_PDFXVersion "PDF/X-4", the same title, author, subject,
  creator, producer and dates as the document information, pdf:Trapped False, and a
  document and version ID (derived from the metadata, so rebuilding gives the same bytes).
- A TrimBox on every page: the page itself where the print-shop output set none.
- /Trapped /False in the document information (reportlab writes it by default).

reportlab writes none of these itself: they are added to its document before it is
formatted (the catalog takes extra entries as attributes; a page's boxes likewise).
"""

from __future__ import annotations

import hashlib
import uuid
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFStreamFilterZCompress,
    PDFString,
)

from . import cmyk

VERSION = "PDF/X-4"
_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{subject}</rdf:li>
   </rdf:Alt></dc:description>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def mark(doc, stamp) -> None:
    """Give reportlab's document `doc` (canvas._doc) an output intent and PDF/X-4
    metadata; call it once the title and the other information are set."""
    catalog = doc.Catalog
    # extra catalog keys are written when listed (an instance's list, not the class's)
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([_output_intent(doc)])
    catalog.Metadata = _metadata(doc.info, stamp)


def trim_every_page(doc) -> None:
    """A TrimBox on each page that has none: the page itself (call it before formatting)."""
    for page in doc.Pages.pages:
        if getattr(page, "TrimBox", None) is None:
            page.TrimBox = PDFArray([0, 0, page.pagewidth, page.pageheight])


def _output_intent(doc) -> PDFDictionary:
    profile = PDFStream(
        PDFDictionary({"N": 4}), cmyk.profile_bytes(), filters=[PDFStreamFilterZCompress()]
    )
    return PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFX"),
            "OutputConditionIdentifier": PDFString(cmyk.CONDITION),
            "OutputCondition": PDFString(cmyk.CONDITION_INFO),
            "RegistryName": PDFString("http://www.color.org"),
            "Info": PDFString(cmyk.CONDITION_INFO),
            "DestOutputProfile": doc.Reference(profile),
        }
    )


def _metadata(info, stamp) -> PDFStream:
    """The XMP packet, uncompressed (a preflight reads it as text)."""
    values = {
        "title": info.title,
        "author": info.author,
        "subject": info.subject,
        "creator": info.creator,
        "producer": info.producer,
    }
    seed = "\n".join([*values.values(), str(stamp.t)]).encode()
    document_id = uuid.UUID(bytes=hashlib.md5(seed, usedforsecurity=False).digest())
    xmp = _XMP.format(
        **{key: escape(str(value)) for key, value in values.items()},
        date=_xmp_date(stamp),
        document_id=document_id,
        version=VERSION,
    )
    dictionary = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    return PDFStream(dictionary, xmp.encode("utf-8"), filters=[])


def _xmp_date(stamp) -> str:
    """The creation date of the document information, as XMP writes dates."""
    year, month, day, hour, minute, second = stamp.YMDhms
    sign = "-" if stamp.dhh < 0 else "+"
    offset = f"{sign}{abs(stamp.dhh):02d}:{abs(stamp.dmm):02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{offset}"
