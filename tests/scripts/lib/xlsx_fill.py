#!/usr/bin/env python3
# Fill cells of a sheet of an .xlsx the way a spreadsheet saves them:
#   xlsx_fill.py IN.xlsx OUT.xlsx SHEET CELL=VALUE ...
# Each value is written as an inline string cell (a number when it is one),
# replacing the cell when it exists; the other parts are copied as they are.
import re
import sys
import zipfile
from xml.sax.saxutils import escape


def col_row(ref):
    m = re.match(r"([A-Z]+)([0-9]+)$", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return col, int(m.group(2))


def cell_xml(ref, value):
    if re.match(r"^-?[0-9]+(\.[0-9]+)?$", value):
        return '<c r="%s"><v>%s</v></c>' % (ref, value)
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(value))


def fill(xml, cells):
    for ref, value in cells:
        col, row = col_row(ref)
        # drop the cell as written (self-closing or not)
        xml = re.sub(r'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref, "", xml)
        m = re.search(r'<row r="%d"[^>]*?(/>|>)' % row, xml)
        if not m:
            raise SystemExit("no row %d" % row)
        if m.group(1) == "/>":
            xml = xml[: m.start()] + m.group(0)[:-2] + ">" + "</row>" + xml[m.end():]
            m = re.search(r'<row r="%d"[^>]*?>' % row, xml)
        end = xml.index("</row>", m.end())
        body = xml[m.end():end]
        # keep the cells in column order
        parts = re.findall(r'<c r="[A-Z]+[0-9]+".*?(?:/>|</c>)', body)
        parts.append(cell_xml(ref, value))
        parts.sort(key=lambda p: col_row(re.match(r'<c r="([A-Z]+[0-9]+)"', p).group(1))[0])
        xml = xml[: m.end()] + "".join(parts) + xml[end:]
    return xml


def main():
    src, dst, sheet = sys.argv[1:4]
    cells = [a.split("=", 1) for a in sys.argv[4:]]
    zin = zipfile.ZipFile(src)
    wb = zin.read("xl/workbook.xml").decode()
    rels = zin.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet name="%s" sheetId="[0-9]+" r:id="([^"]+)"' % re.escape(sheet), wb).group(1)
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels)
    if not target:
        target = re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    part = "xl/" + target.group(1).lstrip("/").replace("xl/", "")
    zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == part:
            data = fill(data.decode(), cells).encode()
        zout.writestr(item, data)
    zout.close()


main()
