#!/usr/bin/env python3
"""Print a workbook's sheets as tab-separated rows, read with zipfile and ElementTree only.

  xlsx_dump.py FILE.xlsx            every sheet: "== NAME", then its rows
  xlsx_dump.py FILE.xlsx --meta     sheet names, hidden columns, frozen panes,
                                    data validations (sqref, type, list) and charts

Cells: shared and inline strings as text, numbers as written ("3", "2.5").
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def sheets(z):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("pr:Relationship", NS)}
    for s in wb.find("m:sheets", NS):
        rid = s.get("{%s}id" % NS["r"])
        yield s.get("name"), "xl/" + target[rid].lstrip("/").removeprefix("xl/")


def strings(z):
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])) for si in sst.findall("m:si", NS)]


def rows(z, path, sst):
    ws = ET.fromstring(z.read(path))
    for row in ws.find("m:sheetData", NS).findall("m:row", NS):
        cells = {}
        for c in row.findall("m:c", NS):
            t = c.get("t")
            v = c.find("m:v", NS)
            if t == "s":
                val = sst[int(v.text)]
            elif t == "inlineStr":
                val = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
            else:
                val = v.text if v is not None else ""
                if val and re.fullmatch(r"-?\d+\.0+", val):
                    val = val.split(".")[0]
            cells[col_index(c.get("r"))] = val
        width = max(cells) + 1 if cells else 0
        yield [cells.get(i, "") for i in range(width)]


def meta(z):
    for name, path in sheets(z):
        ws = ET.fromstring(z.read(path))
        print("sheet", name)
        for col in ws.iter("{%s}col" % NS["m"]):
            if col.get("hidden") == "1":
                print("  hidden", col.get("min"), col.get("max"))
        for pane in ws.iter("{%s}pane" % NS["m"]):
            print("  frozen", pane.get("topLeftCell"), pane.get("state"))
        for dv in ws.iter("{%s}dataValidation" % NS["m"]):
            f = dv.find("m:formula1", NS)
            print("  validation", dv.get("sqref"), dv.get("type"), f.text if f is not None else "")
    for n in z.namelist():
        if n.startswith("xl/charts/chart"):
            x = z.read(n).decode()
            print("chart", n, " ".join(re.findall(r"<c:f>([^<]*)</c:f>", x)))


def main():
    z = zipfile.ZipFile(sys.argv[1])
    if "--meta" in sys.argv:
        meta(z)
        return
    sst = strings(z)
    for name, path in sheets(z):
        print("==", name)
        for r in rows(z, path, sst):
            print("\t".join(r))


main()
