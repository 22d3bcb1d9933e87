//! Repair tests: the repaired file keeps the input's dialect, encoding and header, and
//! changes only the repaired cells; the same bytes whatever the chunk size.

use olinpe::finding::{Code, Finding};
use olinpe::read::repair::RepairWriter;
use olinpe::read::{Layout, ReadOptions, Reader, Sink};
use olinpe::record::Record;

#[derive(Default)]
struct RepairSink {
    writer: Option<RepairWriter>,
    out: Vec<u8>,
    codes: Vec<Code>,
}

impl Sink for RepairSink {
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>) {
        self.codes.extend(findings.drain(..).map(|f| f.code));
        if let Some(w) = &mut self.writer {
            w.record(rec, &mut self.out);
        }
    }
    fn file_finding(&mut self, f: Finding) {
        self.codes.push(f.code);
    }
    fn layout(&mut self, layout: &Layout) {
        self.writer = Some(RepairWriter::new(layout));
    }
    fn encoding(&mut self, name: &'static str) {
        if let Some(w) = &mut self.writer {
            w.set_encoding(name);
        }
    }
}

fn repair(input: &[u8], chunk: usize) -> (Vec<u8>, Vec<Code>) {
    write_back(
        input,
        chunk,
        ReadOptions {
            repair: true,
            ..ReadOptions::default()
        },
    )
}

fn write_back(input: &[u8], chunk: usize, opts: ReadOptions) -> (Vec<u8>, Vec<Code>) {
    let mut reader = Reader::new(opts).unwrap();
    let mut sink = RepairSink::default();
    for c in input.chunks(chunk.max(1)) {
        reader.push(c, &mut sink).unwrap();
    }
    reader.finish(&mut sink).unwrap();
    if let Some(w) = &mut sink.writer {
        w.finish(&mut sink.out);
    }
    (sink.out, sink.codes)
}

fn repair_invariant(input: &[u8]) -> (Vec<u8>, Vec<Code>) {
    let whole = repair(input, input.len());
    for size in [1, 7, 64] {
        assert_eq!(repair(input, size), whole, "chunks of {size}");
    }
    whole
}

#[test]
fn csv_cp1252_crlf_keeps_everything_but_repaired_cells() {
    let input: &[u8] = b"NUMDEP;Commentaire libre;MNAIS;DATDEB;AUTREDA;PRENOM;JNAIS\r\n\
1;caf\xe9;9; 03/05/2018 ;\"a;b \"\"c\"\"\";Zo\xe9 ;7\r\n\
01;x;09;2018-05-03; garder ;A;07\r\n\
02;y;10;2018-05-03;\"multi\r\nligne\";B;12";
    let (out, codes) = repair_invariant(input);
    let want: &[u8] = b"NUMDEP;Commentaire libre;MNAIS;DATDEB;AUTREDA;PRENOM;JNAIS\r\n\
01;caf\xe9;09;2018-05-03;\"a;b \"\"c\"\"\";Zo\xe9 ;07\r\n\
01;x;09;2018-05-03; garder ;A;07\r\n\
02;y;10;2018-05-03;\"multi\r\nligne\";B;12\r\n";
    assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(want));
    assert_eq!(out, want);
    assert_eq!(
        codes,
        vec![
            Code::UnknownColumn,
            Code::ValueRepaired,
            Code::ValueRepaired,
            Code::ValueRepaired,
            Code::ValueRepaired
        ]
    );
}

#[test]
fn csv_utf8_lf_comma() {
    let input = "TYPEV,DATFIN,AUTREDA\n3,2/1/2019,\"é, à\"\n".as_bytes();
    let (out, _) = repair_invariant(input);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "TYPEV,DATFIN,AUTREDA\n3,2019-01-02,\"é, à\"\n"
    );
}

#[test]
fn csv_header_only_writes_header() {
    let (out, codes) = repair_invariant(b"TYPEV;SEXE\n");
    assert_eq!(out, b"TYPEV;SEXE\n");
    assert_eq!(codes, vec![Code::NoRecords]);
}

#[test]
fn xml_repair_writes_olinpe_xml() {
    let input = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<DECRET><INTRO><VERSIONXSD>1.22</VERSIONXSD><DATEXPORT>2019-03-01</DATEXPORT></INTRO>\n<DONNEE><TYPEV>1</TYPEV><NUMDEP>1</NUMDEP><AUTREDA>a &amp; \xe9</AUTREDA><SEXE/><ZZZ>q</ZZZ></DONNEE></DECRET>";
    let (out, codes) = repair_invariant(input);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DECRET>\n<INTRO><VERSIONXSD>1.22</VERSIONXSD><DATEXPORT>2019-03-01</DATEXPORT></INTRO>\n\
<DONNEE><AUTREDA>a &amp; é</AUTREDA><NUMDEP>01</NUMDEP><SEXE/><TYPEV>1</TYPEV></DONNEE>\n</DECRET>\n"
    );
    assert_eq!(
        codes,
        vec![
            Code::XmlVersion,
            Code::XmlOrder,
            Code::XmlUnknownElement,
            Code::ValueRepaired
        ]
    );
}

#[test]
fn keep_raw_writes_back_unchanged_without_repairing() {
    let input: &[u8] = b"NUMDEP;X;DATDEB\r\n1; a ;03/05/2018\r\n";
    let opts = ReadOptions {
        keep_raw: true,
        ..ReadOptions::default()
    };
    let (out, codes) = write_back(input, 3, opts);
    assert_eq!(out, input);
    assert_eq!(
        codes,
        vec![
            Code::UnknownColumn,
            Code::LeadingZeroLost,
            Code::DateFormatRepairable
        ]
    );
}

#[test]
fn without_raw_cells_values_are_written_from_the_record() {
    // A reader without `keep_raw`: the writer still writes every column it can.
    let input: &[u8] = b"NUMDEP;X;PRENOM;DATDEB\n75; a ;Zo\xc3\xa9;2018-05-03\n";
    let (out, _) = write_back(input, 0, ReadOptions::default());
    assert_eq!(
        out,
        "NUMDEP;X;PRENOM;DATDEB\n75;;Zoé;2018-05-03\n".as_bytes()
    );
}
