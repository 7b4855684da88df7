from normcheck.model import Block, Document
from normcheck.reader.plain import document_from_text
from normcheck.structure import analyze
from normcheck.structure.citations import find_bare_citations, find_citations


def one(text: str):
    found = find_citations(text)
    assert len(found) == 1, found
    return found[0]


def test_law_with_one_article() -> None:
    c = one("根据《中华人民共和国合同法》第五十二条的规定")
    assert (c.law, c.articles) == ("中华人民共和国合同法", (52,))
    assert "根据《中华人民共和国合同法》第五十二条的规定"[c.start:c.end] == "《中华人民共和国合同法》第五十二条"


def test_paragraph_and_item() -> None:
    c = one("《中华人民共和国合同法》第五十二条第二款")
    assert (c.articles, c.paragraph, c.item) == ((52,), 2, None)
    c = one("《合同法》第五十二条第（三）项")
    assert (c.articles, c.paragraph, c.item) == ((52,), None, 3)
    c = one("《行政许可法》第十二条第一款第(五)项")
    assert (c.articles, c.paragraph, c.item) == ((12,), 1, 5)


def test_lists_and_ranges_of_articles() -> None:
    assert one("《合同法》第五十二条、第五十四条").articles == (52, 54)
    assert one("《合同法》第五十二条至第五十四条").articles == (52, 53, 54)
    assert one("《合同法》第五十二条和第五十四条").articles == (52, 54)
    assert one("《合同法》第52条").articles == (52,)
    assert one("《XX》第十条至第五条").articles == (10, 5)


def test_bare_titles_and_titles_that_are_not_laws() -> None:
    found = find_citations("依据《中华人民共和国行政许可法》《中华人民共和国行政处罚法》等法律")
    assert [(c.law, c.articles) for c in found] == [("中华人民共和国行政许可法", ()), ("中华人民共和国行政处罚法", ())]
    assert one("《关于进一步加强物业管理的通知》第三条规定").articles == (3,)
    assert one("按照《XX区物业管理办法》执行").articles == ()
    assert one("《A》第三章").articles == ()


def test_title_inside_a_title_is_also_cited() -> None:
    found = find_citations("《关于适用《中华人民共和国合同法》若干问题的解释》")
    assert [c.law for c in found] == ["关于适用《中华人民共和国合同法》若干问题的解释", "中华人民共和国合同法"]


def test_unclosed_title_is_no_citation() -> None:
    assert find_citations("《未闭合的书名") == []


def test_laws_named_without_title_marks() -> None:
    def laws(text: str) -> list[tuple[str, tuple[int, ...]]]:
        return [(c.law, c.articles) for c in find_bare_citations(text)]

    assert laws("根据合同法第五十二条") == [("合同法", (52,))]
    assert laws("依照担保法的规定") == [("担保法", ())]
    assert laws("民法总则第一百八十八条") == [("民法总则", (188,))]
    assert laws("根据道路交通安全法实施条例第十条") == [("道路交通安全法实施条例", (10,))]
    for text in ("根据劳动法律法规", "根据《合同法》第一条", "根据本办法第三条", "违反本办法的规定", "依法第三条"):
        assert laws(text) == [], text


def test_analyze_finds_citations_in_every_block_and_part() -> None:
    doc = Document("x.docx", [
        Block("第一条 根据《中华人民共和国民法典》第五百七十七条，制定本办法。", index=1),
        Block("参见《中华人民共和国担保法》。", part="footnote", index=1),
        Block("违反合同法第五十二条的，依法处理。", index=2),
    ])
    structure = analyze(doc)
    assert [(c.law, c.articles, c.block) for c in structure.citations] == [
        ("中华人民共和国民法典", (577,), 0), ("中华人民共和国担保法", (), 1)]
    assert structure.citations[0].text == "《中华人民共和国民法典》第五百七十七条"
    assert [(c.law, c.articles, c.block) for c in structure.bare_citations] == [("合同法", (52,), 2)]


def test_quoted_law_is_not_also_a_bare_citation() -> None:
    structure = analyze(document_from_text("根据《中华人民共和国合同法》第五十二条的规定"))
    assert len(structure.citations) == 1
    assert structure.bare_citations == []
