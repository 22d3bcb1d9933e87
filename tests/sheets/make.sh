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
