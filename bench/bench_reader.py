#!/usr/bin/env python3
"""Benchmark the .docx reader against a bare zipfile + lxml ``w:t`` loop on the same generated corpus.

The corpus is generated from a seed: normative documents written the way Word writes them (runs split by
revision ids with full run properties, automatic numbering for chapters/articles/items, a table, tracked
insertions and deletions, header and footer, a styles part of realistic size). Three sizes: small (~2 pages),
medium (~10 pages), large (~60 pages). Everything is written under ``bench/out/`` (or ``--out``).

    python bench/bench_reader.py --count 40 --repeat 3
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_T = f"{{{W_NS}}}t"
SIZES = {"small": 2, "medium": 10, "large": 60}
CHARS_PER_PAGE = 620
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS = (f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"

SUBJECTS = ["停车", "物业", "养犬", "燃气", "供热", "农贸市场", "户外广告", "建筑垃圾", "共享单车", "老旧小区改造"]
CLAUSES = ["为了规范{s}管理，维护公共秩序，保障公民、法人和其他组织的合法权益", "根据《中华人民共和国行政许可法》等法律、法规",
           "区{s}主管部门负责本区{s}工作的统筹协调和监督管理", "街道办事处应当配合做好辖区内{s}相关工作",
           "经营者应当在经营场所显著位置公示收费标准和投诉电话", "任何单位和个人不得擅自占用公共区域",
           "违反本办法规定的，由有关部门依法予以处理", "有关部门应当建立健全举报投诉处理机制",
           "本办法所称{s}，是指在本区行政区域内从事相关活动的行为", "鼓励社会力量参与{s}设施建设和运营",
           "相关部门应当于每年十二月三十一日前报送年度工作情况", "对符合条件的给予不超过五万元的资金补助"]


def _rpr(rng: random.Random) -> str:
    size = rng.choice(("32", "32", "30", "28"))
    return (f'<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:hint="eastAsia"/>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>')


def _runs(text: str, rng: random.Random, revisions: bool) -> str:
    """Split ``text`` into 2-6 runs as Word does after editing; sometimes a tracked insertion or deletion."""
    cuts = sorted(rng.sample(range(1, max(len(text), 2)), min(rng.randint(1, 5), max(len(text) - 1, 1))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)]) if text[a:b]]
    out = []
    for piece in pieces:
        rsid = f"{rng.getrandbits(32):08X}"
        run = f'<w:r w:rsidR="{rsid}">{_rpr(rng)}<w:t xml:space="preserve">{piece}</w:t></w:r>'
        roll = rng.random() if revisions else 1.0
        if roll < 0.05:
            run = f'<w:ins w:id="{rng.randint(1, 9999)}" w:author="起草人" w:date="2024-03-01T09:00:00Z">{run}</w:ins>'
        elif roll < 0.08:
            out.append(f'<w:del w:id="{rng.randint(1, 9999)}" w:author="审核人" w:date="2024-03-02T09:00:00Z">'
                       f'<w:r>{_rpr(rng)}<w:delText>已删除的表述</w:delText></w:r></w:del>')
        out.append(run)
    if rng.random() < 0.2:
        out.insert(1, '<w:proofErr w:type="gramStart"/>')
    return "".join(out)


def _para(text: str, rng: random.Random, *, num: tuple[int, int] | None = None, style: str = "",
          revisions: bool = True) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += '<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>'
    return (f'<w:p w:rsidR="{rng.getrandbits(32):08X}" w:rsidRDefault="00A1B2C3"><w:pPr>{props}{_rpr(rng)}</w:pPr>'
            f"{_runs(text, rng, revisions)}</w:p>")


def _table(rng: random.Random) -> str:
    rows = []
    for i in range(rng.randint(4, 9)):
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>'
                        f'{_para(rng.choice(["收费项目", "标准", "依据", str(i + 1), "每小时2元"]), rng, revisions=False)}'
                        "</w:tc>" for _ in range(4))
        rows.append(f"<w:tr>{cells}</w:tr>")
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(4))
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'


def generate_body(pages: int, rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    parts = [_para(f"前进区人民政府关于印发《前进区{subject}管理办法》的通知", rng, style="Title", revisions=False),
             _para(f"前政规〔2024〕{rng.randint(1, 20)}号", rng, revisions=False),
             _para("各街道办事处，区政府各部门：", rng)]
    chars, chapter = 0, 0
    budget = pages * CHARS_PER_PAGE
    while chars < budget:
        if chapter == 0 or rng.random() < 0.12:
            chapter += 1
            parts.append(_para(rng.choice(["总则", "管理职责", "监督检查", "法律责任", "附则"]), rng, num=(1, 0),
                               style="Chapter"))
        text = "，".join(rng.choice(CLAUSES).format(s=subject) for _ in range(rng.randint(1, 3))) + "。"
        parts.append(_para(text, rng, num=(1, 1)))
        chars += len(text)
        for _ in range(rng.choice((0, 0, 0, 2, 3))):
            item = rng.choice(CLAUSES).format(s=subject) + "；"
            parts.append(_para(item, rng, num=(1, 2)))
            chars += len(item)
        if rng.random() < 0.03:
            parts.append(_table(rng))
    parts.append(_para("前进区人民政府", rng, revisions=False))
    parts.append(_para("2024年3月1日", rng, revisions=False))
    return "".join(parts)


def _styles(rng: random.Random) -> str:
    latent = "".join(f'<w:lsdException w:name="heading {i}" w:uiPriority="9" w:qFormat="1"/>' for i in range(1, 200))
    styles = ['<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
              ('<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
               '<w:pPr><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr></w:style>'),
              ('<w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="章"/><w:basedOn w:val="Normal"/>'
               '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>')]
    styles += [f'<w:style w:type="character" w:customStyle="1" w:styleId="C{i}"><w:name w:val="c{i}"/>{_rpr(rng)}'
               "</w:style>" for i in range(120)]
    return f'{DECL}<w:styles {NS}><w:latentStyles w:count="376">{latent}</w:latentStyles>{"".join(styles)}</w:styles>'


NUMBERING = (
    f'{DECL}<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="space"/>'
    '<w:lvlText w:val="第%1章"/><w:lvlJc w:val="center"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlRestart w:val="0"/>'
    '<w:suff w:val="space"/><w:lvlText w:val="第%2条"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
    '<w:lvlText w:val="（%3）"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def write_docx(path: Path, body: str, rng: random.Random) -> None:
    parts = {
        "[Content_Types].xml": (
            f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{CT}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{CT}.styles+xml"/>'
            f'<Override PartName="/word/numbering.xml" ContentType="{CT}.numbering+xml"/>'
            f'<Override PartName="/word/header1.xml" ContentType="{CT}.header+xml"/>'
            f'<Override PartName="/word/footer1.xml" ContentType="{CT}.footer+xml"/></Types>'),
        "_rels/.rels": (f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
                        "</Relationships>"),
        "word/_rels/document.xml.rels": (
            f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/header" Target="header1.xml"/>'
            f'<Relationship Id="rId4" Type="{REL}/footer" Target="footer1.xml"/></Relationships>'),
        "word/document.xml": (f'{DECL}<w:document {NS}><w:body>{body}<w:sectPr><w:headerReference w:type="default" '
                              'r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/>'
                              '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'),
        "word/styles.xml": _styles(rng),
        "word/numbering.xml": NUMBERING,
        "word/header1.xml": f"{DECL}<w:hdr {NS}>{_para('前进区人民政府文件', rng, revisions=False)}</w:hdr>",
        "word/footer1.xml": f"{DECL}<w:ftr {NS}>{_para('— 1 —', rng, revisions=False)}</w:ftr>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def generate_corpus(out: Path, count: int, seed: int, sizes: list[str]) -> dict[str, list[Path]]:
    corpus: dict[str, list[Path]] = {}
    for size in sizes:
        folder = out / "corpus" / size
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(f"{seed}-{size}")
        corpus[size] = []
        for i in range(count):
            path = folder / f"{size}-{i:04d}.docx"
            write_docx(path, generate_body(SIZES[size], rng), rng)
            corpus[size].append(path)
    return corpus


def bare_loop(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return len("".join(t.text or "" for t in root.iter(W_T)))


def full_reader(path: Path) -> int:
    from normcheck.reader import read_path

    return sum(len(b.text) for b in read_path(path).blocks)


def reader_and_structure(path: Path) -> int:
    from normcheck.reader import read_path
    from normcheck.structure import analyze

    doc = read_path(path)
    analyze(doc)
    return len(doc.blocks)


def measure(fn: Callable[[Path], int], files: list[Path], repeat: int) -> float:
    """Best-of-``repeat`` wall time for one pass over ``files``, in seconds."""
    fn(files[0])  # import and warm caches outside the timing
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in files:
            fn(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=30, help="documents per size (default 30)")
    parser.add_argument("--seed", type=int, default=2024, help="corpus seed (default 2024)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes, best one kept (default 3)")
    parser.add_argument("--sizes", default="small,medium,large", help="comma-separated: small,medium,large")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out",
                        help="output folder for the corpus and results.json (default bench/out)")
    parser.add_argument("--no-structure", action="store_true", help="skip the reader+structure column")
    args = parser.parse_args(argv)
    sizes = [s for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown or args.count < 1 or args.repeat < 1:
        parser.error(f"bad --sizes/--count/--repeat: {unknown or ''}")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    corpus = generate_corpus(args.out, args.count, args.seed, sizes)
    runners: dict[str, Callable[[Path], int]] = {"bare w:t loop": bare_loop, "read_path": full_reader}
    if not args.no_structure:
        runners["read_path+analyze"] = reader_and_structure
    results = []
    header = f"{'size':<7} {'KB/doc':>7} " + " ".join(f"{name:>26}" for name in runners) + f" {'ratio':>7}"
    print(header)
    print(f"{'':<7} {'':>7} " + " ".join(f"{'docs/s     MB/s':>26}" for _ in runners) + f" {'':>7}")
    for size, files in corpus.items():
        total_mb = sum(f.stat().st_size for f in files) / 1e6
        row = {"size": size, "docs": len(files), "kb_per_doc": round(total_mb * 1000 / len(files), 1)}
        cells = []
        for name, fn in runners.items():
            seconds = measure(fn, files, args.repeat)
            row[name] = {"docs_per_s": round(len(files) / seconds, 1), "mb_per_s": round(total_mb / seconds, 2),
                         "ms_per_doc": round(1000 * seconds / len(files), 3)}
            cells.append(f"{row[name]['docs_per_s']:>15.1f} {row[name]['mb_per_s']:>10.2f}")
        ratio = row["bare w:t loop"]["docs_per_s"] / row["read_path"]["docs_per_s"]
        row["read_path_cost_vs_bare"] = round(ratio, 2)
        results.append(row)
        print(f"{size:<7} {row['kb_per_doc']:>7} " + " ".join(f"{c:>26}" for c in cells) + f" {ratio:>6.2f}x")
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"ratio = read_path time / bare loop time; results in {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
