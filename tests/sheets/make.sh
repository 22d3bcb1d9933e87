#!/bin/sh
# Makes the spreadsheet parity files of tests/sheet_parity.rs (needs LibreOffice, `soffice`;
# run by hand, the results are committed): one invented sheet — the generator's 200-record
# nominative sample with planted errors and a UTDP column, as XLSX — saved by LibreOffice as
# XLSX, as ODS and as CSV (semicolon, UTF-8, cells as shown), the way a département saves its
# export. The planted extra field of `field-count` is taken out first: LibreOffice's CSV
# export would widen every line to it (a quirk of that row, not of reading).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
olinpe=${OLINPE:-"$here/../../target/release/olinpe"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$olinpe" generate --rows 200 --seed 11 --error-rate 0.1 --nominative --utdp --format xlsx \
    --out "$work/gen.xlsx"
python3 - "$work/gen.xlsx" "$here/olinpe.xlsx" <<'PY'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
    for info in z.infolist():
        data = z.read(info.filename)
        if info.filename == "xl/worksheets/sheet1.xml":
            data, n = re.subn(rb'<c r="[A-Z]+[0-9]+" t="inlineStr"><is><t xml:space="preserve"> </t></is></c>', b"", data)
            assert n == 1, n
        fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
        fixed.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(fixed, data)
PY
cd "$work"
cp "$here/olinpe.xlsx" olinpe.xlsx
soffice --headless --convert-to ods --outdir ods olinpe.xlsx >/dev/null
soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir xlsx olinpe.xlsx >/dev/null
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true' \
    --outdir csv olinpe.xlsx >/dev/null
cp ods/olinpe.ods "$here/libreoffice.ods"
cp xlsx/olinpe.xlsx "$here/libreoffice.xlsx"
cp csv/olinpe.csv "$here/libreoffice.csv"
ls -l "$here"

# A workbook of two sheets, as a reporting tool makes it: « Notes » first, then « Export
# 2018 » with a title, a blank row, the header, 50 records (text cells) and a count below
# (tests/sheet_input.rs and the page's sheet choice, e2e/workbook.test.mjs).
"$olinpe" generate --rows 50 --seed 13 --error-rate 0.1 --nominative --out "$work/two.csv"
python3 - "$work/two.csv" "$here/deux-feuilles.xlsx" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
lines = [l for l in open(src, encoding="utf-8").read().split("\n") if l]
def col(j):
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s
def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
def row(r, cells):
    cs = "".join(f'<c r="{col(j)}{r}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'
                 for j, v in enumerate(cells) if v != "")
    return f'<row r="{r}">{cs}</row>'
rows = [row(1, ["Export Olinpe 2018 - Conseil départemental"])]
for k, l in enumerate(lines):
    rows.append(row(3 + k, l.split(";")))
rows.append(row(3 + len(lines) + 1, ["Nombre de lignes : 50"]))
sheet = lambda data: ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + data + "</sheetData></worksheet>")
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Export 2018" sheetId="2" r:id="rId2"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": sheet(row(1, ["Export du logiciel métier, à transmettre avant le 31 mars"])),
    "xl/worksheets/sheet2.xml": sheet("".join(rows)),
}
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode("utf-8"))
PY
