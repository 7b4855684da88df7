"""Read a large main document part without holding its whole XML tree: body blocks are walked as they are
parsed and dropped once read.

A long document's XML tree costs about ten times its text in memory; fed to the parser in slices, only
the block being read (plus any block still waiting for a deleted paragraph mark to be merged) is kept.
The result is the same as walking the fully parsed tree. Only plain UTF-8 transitional parts are streamed;
anything the hardened full parse must first rewrite or refuse (Strict namespaces, legacy encodings,
DOCTYPEs) takes the full path.
"""
from __future__ import annotations

import re

from lxml import etree

from normcheck.errors import InputError
from normcheck.reader.package import Package, parse_xml
from normcheck.reader.story import StoryWalker, W

STREAM_MIN_BYTES = 4 << 20
_FEED_BYTES = 1 << 18
_DOCUMENT, _BODY = W + "document", W + "body"
_UTF8_DECL = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["'](?:utf-?8|us-ascii|ascii)["']""",
                        re.IGNORECASE)
_REFUSED = (b"<!DOCTYPE", b"<!ENTITY", b"http://purl.oclc.org/ooxml/")
OTHER_OFFICE = {"xl/": "Excel 工作簿", "ppt/": "PowerPoint 演示文稿"}


def should_stream(data: bytes) -> bool:
    """True for a main part large enough to matter that the full parse would take as it is."""
    if len(data) < STREAM_MIN_BYTES or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"encoding" in data[:200] and _UTF8_DECL.match(data[:200]) is None:
        return False
    return not any(marker in data for marker in _REFUSED)


def check_main_root(root: etree._Element, member: str) -> None:
    if root.tag != _DOCUMENT:
        other = next((label for prefix, label in OTHER_OFFICE.items() if member.startswith(prefix)), None)
        raise InputError("not-a-docx", f"这是 {other}，不是 Word 文档" if other else
                         f"主文档部件 {member} 不是 Word 文档正文")


def stream_body(data: bytes, member: str, package: Package, walker: StoryWalker) -> None:
    """Walk the ``w:body`` of the main part ``data`` into ``walker`` while parsing it."""
    parser = etree.XMLPullParser(events=("start",), tag=(_DOCUMENT, _BODY), resolve_entities=False,
                                 no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
                                 remove_comments=True, remove_pis=True)
    reader = _BodyReader(walker)
    try:
        for offset in range(0, len(data), _FEED_BYTES):
            parser.feed(data[offset:offset + _FEED_BYTES])
            reader.take(parser.read_events())
            reader.read_complete(last_open=True)
        root = parser.close()
        reader.take(parser.read_events())
    except etree.XMLSyntaxError:
        parse_xml(data, member, package)  # raises the full parse's own message for this part
        raise InputError("malformed-xml", f"部件 {member} 不是格式正确的 XML") from None
    check_main_root(root, member)
    reader.read_complete(last_open=False)
    if reader.body is not None:
        walker.end_story()


class _BodyReader:
    """Feeds the complete children of the body to the walker, then detaches them."""

    def __init__(self, walker: StoryWalker) -> None:
        self.walker = walker
        self.body: etree._Element | None = None
        self._next_index = 0
        self._read: list[etree._Element] = []

    def take(self, events: object) -> None:
        for _, element in events:  # type: ignore[attr-defined]
            parent = element.getparent()
            if self.body is None and element.tag == _BODY and parent is not None and parent.getparent() is None:
                self.body = element
                # Paragraph numbers count every w:p of the part in document order, body or not.
                self._next_index = sum(1 for sibling in element.itersiblings(preceding=True)
                                       for _ in sibling.iter(W + "p"))
                self.walker.begin_story()

    def read_complete(self, *, last_open: bool) -> None:
        """Read the body's children that are complete (all but the last while the parser is inside it)."""
        if self.body is None:
            return
        children = list(self.body)
        if last_open:
            children = children[:-1]
        # Blocks already read but kept for a pending merge still lead the body: never read them twice.
        children = children[len(self._read):]
        walker = self.walker
        for child in children:
            self._next_index = walker.register(child, self._next_index)
            walker.block(child)
            self._read.append(child)
            # A block read into a pending merge (deleted paragraph mark) may hold text boxes still to
            # be walked: keep it until the merge is done.
            if not walker.pending:
                for done in self._read:
                    walker.forget(done)
                    # Emptied first, the block detaches without lxml re-homing each of its descendants.
                    done.clear()
                    self.body.remove(done)
                self._read.clear()
