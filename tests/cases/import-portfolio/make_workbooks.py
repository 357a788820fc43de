# Writes edited.xlsx and stale.xlsx: the sheets Portfolio (Japanese headings, shared and
# inline strings, numbers) and About (organization, framework) as a spreadsheet program
# saves them. stale.xlsx has the version A-1 had before its last change, newer.xlsx a
# workbook format this cdcf does not read.
import zipfile

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
HEADS = ["番号", "サービス", "カテゴリ", "推奨レベル", "割り当て", "チーム", "委託先",
         "インソース 現状", "インソース あるべき姿", "アウトソース 現状", "アウトソース あるべき姿",
         "メモ", "版"]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def book(path, version, fmt="cdcf-workbook 1"):
    strings = HEADS + ["A-1", "リスク管理", "A", "アドバンスド", "インソース", "SOC", "見直し <済>"]
    idx = {s: i for i, s in enumerate(strings)}
    cols = "ABCDEFGHIJKLM"
    row1 = "".join('<c r="%s1" t="s"><v>%d</v></c>' % (cols[i], i) for i in range(13))
    row2 = ('<c r="A2" t="s"><v>{A-1}</v></c><c r="B2" t="s"><v>{リスク管理}</v></c>'
            '<c r="C2" t="s"><v>{A}</v></c><c r="D2" t="s"><v>{アドバンスド}</v></c>'
            '<c r="E2" t="s"><v>{インソース}</v></c><c r="F2" t="s"><v>{SOC}</v></c>'
            '<c r="H2" t="n"><v>4</v></c><c r="I2" t="n"><v>5</v></c>'
            '<c r="L2" t="s"><v>{note}</v></c><c r="M2" t="n"><v>%d</v></c>' % version)
    row2 = row2.replace("{note}", str(idx["見直し <済>"]))
    for s, i in idx.items():
        row2 = row2.replace("{%s}" % s, str(i))
    row3 = '<c r="A3" t="inlineStr"><is><t>A-2</t></is></c><c r="D3" t="inlineStr"><is><t>Basic</t></is></c>'
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook %s><sheets>'
               '<sheet name="Portfolio" sheetId="1" r:id="rId2"/>'
               '<sheet name="About" sheetId="6" r:id="rId7"/></sheets></workbook>' % NS)
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId2" Type="worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId7" Type="worksheet" Target="worksheets/sheet6.xml"/>'
               '</Relationships>')
    z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst %s>' % NS
               + "".join("<si><t>%s</t></si>" % esc(s) for s in strings) + "</sst>")
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet %s>'
               '<sheetData><row r="1">%s</row><row r="2">%s</row><row r="3">%s</row></sheetData>'
               '</worksheet>' % (NS, row1, row2, row3))
    z.writestr("xl/worksheets/sheet6.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet %s>'
               '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Organization</t></is></c>'
               '<c r="B1" t="inlineStr"><is><t>Acme</t></is></c></row>'
               '<row r="2"><c r="B2" t="inlineStr"><is><t>x1060-2021</t></is></c></row>'
               '<row r="3"><c r="B3" t="inlineStr"><is><t>%s</t></is></c></row>'
               '</sheetData></worksheet>' % (NS, fmt))
    z.close()


book("edited.xlsx", 3)
book("stale.xlsx", 2)
book("newer.xlsx", 3, "cdcf-workbook 2")
