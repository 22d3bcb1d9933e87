//! The Olinpe XML reader (`decret2016.xsd`: `DECRET/INTRO/DONNEE`): a hand-written,
//! tolerant, push tokenizer — one byte at a time through a small state machine, so chunk
//! boundaries can fall anywhere.
//!
//! Tolerated and read: elements in any order (one `xml-order` info), empty (`<X/>`,
//! `<X />`, `<X></X>`) and missing elements, CDATA, the five predefined entities and numeric
//! character references, comments and processing instructions (skipped), attributes
//! (ignored), namespace prefixes (ignored), element names in any letter case, CRLF.
//! Never done: DOCTYPE processing. A DOCTYPE is skipped whole (`xml-doctype-ignored`), no
//! entity it declares is ever expanded and nothing is ever fetched: a reference to any
//! entity other than the five predefined ones stays in the text as written
//! (`xml-entity-unknown`), so entity-expansion bombs and external entities are harmless.
//! A file cut inside a `DONNEE` still delivers the partial record, with `xml-truncated`.

use super::columns::{
    identity_role, is_legacy_marker, upper_into, value_class, var_index_bytes, IdentityRole,
    Target, ValueClass, CODES,
};
use super::encoding::{Decoder, Encoding};
use super::{binary_error, repair, Format, InputInfo, Layout, Limits, ReadError, Sink};
use crate::error::{ErrorKind, Syntax};
use crate::finding::{finding, quote, Code, Finding};
use crate::record::{IdentityColumns, Record};

/// Longest entity name kept before the `&` is taken as a literal ampersand.
const MAX_ENTITY: usize = 32;
/// Longest element name kept (longer names are cut; they match nothing).
const MAX_NAME: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    Text,
    Lt,
    StartName,
    Attrs { slash: bool },
    AttrValue(u8),
    EndName,
    EndTail,
    Bang,
    Comment(u8),
    Cdata(u8),
    Doctype { subset: bool, quote: u8 },
    Decl(u8),
    Pi(bool),
    Entity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Decret,
    Intro,
    Version,
    DateExport,
    Donnee,
    Value(Target),
    Other,
}

#[derive(Debug)]
pub(crate) struct XmlReader {
    st: St,
    line: u64,
    tag_line: u64,
    name: Vec<u8>,
    bang: Vec<u8>,
    pi: Vec<u8>,
    entity: Vec<u8>,
    pending: Vec<u8>,
    text: String,
    /// Open elements: context and start of the name in `names`.
    frames: Vec<(Ctx, usize)>,
    names: Vec<u8>,
    /// The innermost open element's text is a value being read.
    capture: bool,
    root_seen: bool,
    root_closed: bool,
    in_donnee: bool,
    record_bytes: usize,
    last_var: Option<usize>,
    seen_identity: u8,
    order_reported: bool,
    doctype_reported: bool,
    malformed_reported: bool,
    unknown_reported: Vec<String>,
    entity_reported: Vec<String>,
    /// File findings held back until the first `DONNEE` says whether the file is legacy.
    deferred: Vec<Finding>,
    legacy: Option<bool>,
    first_typev: bool,
    first_marker: bool,
    decoder: Decoder,
    encoding_fixed: bool,
    encoding_told: bool,
    /// The XML declaration names UTF-8 (`encoding="UTF-8"`).
    declared_utf8: bool,
    /// The line where Windows-1252 bytes showed a UTF-8 declaration wrong, and whether its
    /// finding is still to be given.
    declared_wrong: Option<u64>,
    declared_wrong_pending: bool,
    scratch: String,
    rec: Record,
    findings: Vec<Finding>,
    contradiction: bool,
    rows: u64,
    repair: bool,
    limits: Limits,
    identity: IdentityColumns,
    version: Option<String>,
    date_export: Option<String>,
    layout_sent: bool,
}

/// Byte equality of two short names, inline (a `memcmp` call costs more than the loop).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn eq_name(a: &[u8], b: &str) -> bool {
    a.eq_ignore_ascii_case(b.as_bytes())
}

fn shown_name(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

impl XmlReader {
    pub(crate) fn new(lead_lines: u64, enc: Encoding, repair: bool, limits: Limits) -> Self {
        XmlReader {
            st: St::Text,
            line: 1 + lead_lines,
            tag_line: 1,
            name: Vec::new(),
            bang: Vec::new(),
            pi: Vec::new(),
            entity: Vec::new(),
            pending: Vec::new(),
            text: String::new(),
            frames: Vec::new(),
            names: Vec::new(),
            capture: false,
            root_seen: false,
            root_closed: false,
            in_donnee: false,
            record_bytes: 0,
            last_var: None,
            seen_identity: 0,
            order_reported: false,
            doctype_reported: false,
            malformed_reported: false,
            unknown_reported: Vec::new(),
            entity_reported: Vec::new(),
            deferred: Vec::new(),
            legacy: None,
            first_typev: false,
            first_marker: false,
            decoder: Decoder::with(enc),
            encoding_fixed: enc != Encoding::Undecided,
            encoding_told: enc != Encoding::Undecided,
            declared_utf8: false,
            declared_wrong: None,
            declared_wrong_pending: false,
            scratch: String::new(),
            rec: Record::new(),
            findings: Vec::new(),
            contradiction: false,
            rows: 0,
            repair,
            limits,
            identity: IdentityColumns::default(),
            version: None,
            date_export: None,
            layout_sent: false,
        }
    }

    pub(crate) fn fill_info(&self, info: &mut InputInfo) {
        info.format = Some(Format::Xml);
        info.encoding = self.decoder.encoding().name();
        info.delimiter = None;
        info.rows = self.rows;
        info.identity = self.identity;
        info.legacy_2011 = self.legacy == Some(true);
        info.xml_version.clone_from(&self.version);
        info.xml_date_export.clone_from(&self.date_export);
    }

    #[inline]
    fn capturing(&self) -> bool {
        self.capture
    }

    /// Recomputes [`Self::capturing`] after the element stack changed.
    fn update_capture(&mut self) {
        self.capture = matches!(
            self.frames.last(),
            Some((Ctx::Value(_) | Ctx::Version | Ctx::DateExport, _))
        );
    }

    pub(crate) fn push(&mut self, input: &[u8], sink: &mut dyn Sink) -> Result<(), ReadError> {
        let mut i = 0;
        while i < input.len() {
            if self.st == St::Text {
                // Fast path: a run of ordinary text bytes at once.
                let rest = &input[i..];
                let n = rest
                    .iter()
                    .position(|&b| matches!(b, b'<' | b'&' | b'\n' | 0))
                    .unwrap_or(rest.len());
                if n > 0 {
                    self.count_record_bytes(n)?;
                    if self.capture {
                        self.pending.extend_from_slice(&rest[..n]);
                        self.check_field_len()?;
                    }
                    i += n;
                    continue;
                }
                if rest.first() == Some(&b'<') {
                    if let Some(n) = self.fast_tag(rest, sink)? {
                        i += n;
                        continue;
                    }
                }
            }
            if matches!(self.st, St::StartName | St::EndName) {
                // Fast path: the rest of a tag name at once.
                let rest = &input[i..];
                let n = rest
                    .iter()
                    .position(|&b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n' | 0))
                    .unwrap_or(rest.len());
                if n > 0 {
                    self.count_record_bytes(n)?;
                    let room = MAX_NAME.saturating_sub(self.name.len()).min(n);
                    self.name.extend_from_slice(&rest[..room]);
                    i += n;
                    continue;
                }
            }
            let b = input[i];
            if b == 0 {
                return Err(binary_error(self.line));
            }
            self.count_record_bytes(1)?;
            if b == b'\n' {
                self.line += 1;
            }
            match self.st {
                St::Text => match b {
                    b'<' => {
                        self.tag_line = self.line;
                        self.st = St::Lt;
                    }
                    b'&' => {
                        self.entity.clear();
                        self.st = St::Entity;
                    }
                    _ => {
                        if self.capturing() {
                            self.pending.push(b);
                            self.check_field_len()?;
                        }
                    }
                },
                St::Entity => {
                    let name_byte =
                        b.is_ascii_alphanumeric() || matches!(b, b'#' | b'_' | b'-' | b'.');
                    if b == b';' {
                        self.st = St::Text;
                        self.resolve_entity(sink);
                    } else if name_byte && self.entity.len() < MAX_ENTITY {
                        self.entity.push(b);
                    } else {
                        // Not a reference: a literal `&`; the byte is read again as text.
                        self.st = St::Text;
                        if self.capturing() {
                            self.pending.push(b'&');
                            let e = std::mem::take(&mut self.entity);
                            self.pending.extend_from_slice(&e);
                            self.entity = e;
                        }
                        if b == b'\n' {
                            self.line -= 1;
                        }
                        if self.in_donnee {
                            self.record_bytes -= 1;
                        }
                        continue;
                    }
                }
                St::Lt => match b {
                    b'/' => {
                        self.name.clear();
                        self.st = St::EndName;
                    }
                    b'!' => {
                        self.bang.clear();
                        self.st = St::Bang;
                    }
                    b'?' => {
                        self.pi.clear();
                        self.st = St::Pi(false);
                    }
                    _ => {
                        self.name.clear();
                        self.name.push(b);
                        self.st = St::StartName;
                    }
                },
                St::StartName => match b {
                    b'>' => {
                        self.st = St::Text;
                        self.start_tag(false, sink)?;
                    }
                    b'/' => self.st = St::Attrs { slash: true },
                    b' ' | b'\t' | b'\r' | b'\n' => self.st = St::Attrs { slash: false },
                    _ => {
                        if self.name.len() < MAX_NAME {
                            self.name.push(b);
                        }
                    }
                },
                St::Attrs { slash } => match b {
                    b'>' => {
                        self.st = St::Text;
                        self.start_tag(slash, sink)?;
                    }
                    b'"' | b'\'' => self.st = St::AttrValue(b),
                    b'/' => self.st = St::Attrs { slash: true },
                    b' ' | b'\t' | b'\r' | b'\n' => {}
                    _ => self.st = St::Attrs { slash: false },
                },
                St::AttrValue(q) => {
                    if b == q {
                        self.st = St::Attrs { slash: false };
                    }
                }
                St::EndName => match b {
                    b'>' => {
                        self.st = St::Text;
                        self.end_tag(sink)?;
                    }
                    b' ' | b'\t' | b'\r' | b'\n' => self.st = St::EndTail,
                    _ => {
                        if self.name.len() < MAX_NAME {
                            self.name.push(b);
                        }
                    }
                },
                St::EndTail => {
                    if b == b'>' {
                        self.st = St::Text;
                        self.end_tag(sink)?;
                    }
                }
                St::Bang => {
                    if b == b'>' && self.bang.is_empty() {
                        self.st = St::Text;
                    } else {
                        self.bang.push(b);
                        self.st = self.after_bang(sink);
                    }
                }
                St::Comment(n) => {
                    self.st = match b {
                        b'-' => St::Comment(n.saturating_add(1)),
                        b'>' if n >= 2 => St::Text,
                        _ => St::Comment(0),
                    }
                }
                St::Cdata(n) => match b {
                    b']' if n < 2 => self.st = St::Cdata(n + 1),
                    b']' => {
                        if self.capturing() {
                            self.pending.push(b']');
                        }
                    }
                    b'>' if n >= 2 => self.st = St::Text,
                    _ => {
                        if self.capturing() {
                            for _ in 0..n {
                                self.pending.push(b']');
                            }
                            self.pending.push(b);
                            self.check_field_len()?;
                        }
                        self.st = St::Cdata(0);
                    }
                },
                St::Doctype { subset, quote } => {
                    self.st = if quote != 0 {
                        let q = if b == quote { 0 } else { quote };
                        St::Doctype { subset, quote: q }
                    } else {
                        match b {
                            b'"' | b'\'' => St::Doctype { subset, quote: b },
                            b'[' => St::Doctype {
                                subset: true,
                                quote: 0,
                            },
                            b']' => St::Doctype {
                                subset: false,
                                quote: 0,
                            },
                            b'>' if !subset => St::Text,
                            _ => St::Doctype { subset, quote: 0 },
                        }
                    }
                }
                St::Decl(quote) => {
                    self.st = match (quote, b) {
                        (0, b'"' | b'\'') => St::Decl(b),
                        (0, b'>') => St::Text,
                        (q, c) if q == c => St::Decl(0),
                        (q, _) => St::Decl(q),
                    }
                }
                St::Pi(q) => match b {
                    b'>' if q => {
                        self.st = St::Text;
                        self.end_pi();
                    }
                    _ => {
                        if self.pi.len() < 256 {
                            self.pi.push(b);
                        }
                        self.st = St::Pi(b == b'?');
                    }
                },
            }
            i += 1;
        }
        Ok(())
    }

    /// Fast path for a plain tag (`<NAME>`, `<NAME/>`, `</NAME>`, no quote, no line feed)
    /// whole in `rest`: handled at once, exactly as the byte-by-byte states would. Returns
    /// the bytes consumed, or `None` to let the states do it.
    fn fast_tag(&mut self, rest: &[u8], sink: &mut dyn Sink) -> Result<Option<usize>, ReadError> {
        let window = &rest[1..rest.len().min(MAX_NAME + 2)];
        let Some(end) = window.iter().position(|&b| b == b'>') else {
            return Ok(None);
        };
        let tag = &window[..end];
        let plain = tag
            .iter()
            .all(|&b| !matches!(b, b'"' | b'\'' | b'<' | b'\n' | b'!' | b'?' | 0));
        if !plain {
            return Ok(None);
        }
        let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
        let (closing, body) = match tag.split_first() {
            Some((b'/', body)) => (true, body),
            Some(_) => (false, tag),
            None => return Ok(None),
        };
        let stop = |b: &u8| ws(b) || (!closing && *b == b'/');
        let name_len = body.iter().position(stop).unwrap_or(body.len());
        if name_len == 0 {
            return Ok(None);
        }
        let self_closing = !closing && tag.iter().rev().find(|b| !ws(b)) == Some(&b'/');
        self.count_record_bytes(end + 2)?;
        self.tag_line = self.line;
        self.name.clear();
        self.name.extend_from_slice(&body[..name_len.min(MAX_NAME)]);
        if closing {
            self.end_tag(sink)?;
        } else {
            self.start_tag(self_closing, sink)?;
        }
        Ok(Some(end + 2))
    }

    /// Counts bytes of the current `DONNEE` against the record limit.
    #[inline]
    fn count_record_bytes(&mut self, n: usize) -> Result<(), ReadError> {
        if !self.in_donnee {
            return Ok(());
        }
        self.record_bytes += n;
        if self.record_bytes <= self.limits.max_record_bytes {
            return Ok(());
        }
        Err(ErrorKind::LimitRecordLength {
            syntax: Syntax::Xml,
            line: self.rec.line,
            limit: self.limits.max_record_bytes,
        }
        .into())
    }

    fn check_field_len(&self) -> Result<(), ReadError> {
        if self.pending.len() + self.text.len() > self.limits.max_field_bytes {
            return Err(ErrorKind::LimitFieldLength {
                syntax: Syntax::Xml,
                line: self.line,
                limit: self.limits.max_field_bytes,
            }
            .into());
        }
        Ok(())
    }

    /// Decides what `<!…` starts once enough bytes are known.
    fn after_bang(&mut self, sink: &mut dyn Sink) -> St {
        let b = self.bang.as_slice();
        if b == b"--" {
            return St::Comment(0);
        }
        if b == b"[CDATA[" {
            return St::Cdata(0);
        }
        if b.eq_ignore_ascii_case(b"DOCTYPE") {
            if !self.doctype_reported {
                self.doctype_reported = true;
                let line = self.tag_line.to_string();
                let f = finding(
                    Code::XmlDoctypeIgnored,
                    None,
                    None,
                    None,
                    &[("line", &line)],
                );
                self.file_finding(f, sink);
            }
            return St::Doctype {
                subset: false,
                quote: 0,
            };
        }
        let prefix = |full: &[u8]| full.len() >= b.len() && full[..b.len()].eq_ignore_ascii_case(b);
        if prefix(b"--") || prefix(b"[CDATA[") || prefix(b"DOCTYPE") {
            St::Bang
        } else if b.last() == Some(&b'>') {
            St::Text
        } else {
            St::Decl(0)
        }
    }

    /// Reads the encoding of the XML declaration (`<?xml … encoding="…"?>`).
    fn end_pi(&mut self) {
        if self.encoding_fixed || !self.pi.starts_with(b"xml") {
            return;
        }
        let pi = String::from_utf8_lossy(&self.pi).to_ascii_lowercase();
        let latin = [
            "iso-8859-1",
            "iso-8859-15",
            "latin1",
            "latin-1",
            "windows-1252",
            "cp1252",
        ];
        if let Some(pos) = pi.find("encoding") {
            let rest = &pi[pos..];
            if latin.iter().any(|l| rest.contains(l)) {
                self.decoder = Decoder::with(Encoding::Windows1252);
            } else if rest.contains("utf-8") || rest.contains("utf8") {
                // Not pinned: the bytes still decide (a mislabelled export is read right),
                // but a contradiction is reported (see `note_decision`).
                self.declared_utf8 = true;
            }
        }
        self.encoding_fixed = true;
    }

    /// After a decode: text in Windows-1252 in a file that declares UTF-8 (a strict XML
    /// reader, such as the one the file is sent to, would refuse it).
    fn note_decision(&mut self) {
        if self.declared_utf8
            && self.declared_wrong.is_none()
            && self.decoder.encoding() == Encoding::Windows1252
        {
            self.declared_wrong = Some(self.line);
            self.declared_wrong_pending = true;
        }
    }

    /// Gives the `xml-encoding-declared-wrong` finding once it is known.
    fn report_declaration(&mut self, sink: &mut dyn Sink) {
        if !self.declared_wrong_pending {
            return;
        }
        self.declared_wrong_pending = false;
        let line = self.declared_wrong.unwrap_or(0).to_string();
        let f = finding(
            Code::XmlEncodingDeclaredWrong,
            None,
            None,
            None,
            &[("line", &line)],
        );
        self.file_finding(f, sink);
    }

    fn flush_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let (s, contra) = self.decoder.decode(&self.pending, &mut self.scratch);
        self.text.push_str(s);
        self.pending.clear();
        if contra && self.in_donnee {
            self.contradiction = true;
        }
        self.note_decision();
    }

    fn resolve_entity(&mut self, sink: &mut dyn Sink) {
        let e = self.entity.as_slice();
        let c = match e {
            b"lt" => Some('<'),
            b"gt" => Some('>'),
            b"amp" => Some('&'),
            b"apos" => Some('\''),
            b"quot" => Some('"'),
            [b'#', b'x' | b'X', hex @ ..] => std::str::from_utf8(hex)
                .ok()
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32),
            [b'#', dec @ ..] => std::str::from_utf8(dec)
                .ok()
                .and_then(|d| d.parse::<u32>().ok())
                .and_then(char::from_u32),
            _ => None,
        }
        .filter(|&c| c != '\0');
        if !self.capturing() {
            return;
        }
        self.flush_pending();
        match c {
            Some(c) => self.text.push(c),
            None => {
                let name = String::from_utf8_lossy(&self.entity).into_owned();
                self.text.push('&');
                self.text.push_str(&name);
                self.text.push(';');
                if !self.entity_reported.contains(&name) {
                    let line = self.line.to_string();
                    let f = finding(
                        Code::XmlEntityUnknown,
                        None,
                        None,
                        None,
                        &[("entity", &quote(&name)), ("line", &line)],
                    );
                    self.entity_reported.push(name);
                    self.file_finding(f, sink);
                }
            }
        }
    }

    /// Emits a file finding, or holds it back while the legacy question is open.
    fn file_finding(&mut self, f: Finding, sink: &mut dyn Sink) {
        match self.legacy {
            None => self.deferred.push(f),
            Some(true) => {
                if matches!(
                    f.code,
                    Code::XmlDoctypeIgnored | Code::XmlVersion | Code::XmlMalformed
                ) {
                    sink.file_finding(f);
                }
            }
            Some(false) => sink.file_finding(f),
        }
    }

    fn unknown_element(&mut self, sink: &mut dyn Sink) {
        let name = shown_name(&self.name);
        if self.unknown_reported.contains(&name) {
            return;
        }
        let line = self.tag_line.to_string();
        let f = finding(
            Code::XmlUnknownElement,
            None,
            None,
            Some(&name),
            &[("element", &name), ("line", &line)],
        );
        self.unknown_reported.push(name);
        self.file_finding(f, sink);
    }

    fn malformed(&mut self, detail: &str, sink: &mut dyn Sink) {
        if self.malformed_reported {
            return;
        }
        self.malformed_reported = true;
        let line = self.tag_line.to_string();
        let f = finding(
            Code::XmlMalformed,
            None,
            None,
            None,
            &[("line", &line), ("detail", detail)],
        );
        self.file_finding(f, sink);
    }

    /// The element name without a namespace prefix.
    fn local_name(&mut self) {
        if let Some(p) = self.name.iter().position(|&b| b == b':') {
            self.name.drain(..=p);
        }
    }

    fn start_tag(&mut self, self_closing: bool, sink: &mut dyn Sink) -> Result<(), ReadError> {
        self.local_name();
        if self.frames.len() >= self.limits.max_xml_depth {
            return Err(ErrorKind::LimitXmlDepth {
                line: self.tag_line,
                limit: self.limits.max_xml_depth,
            }
            .into());
        }
        let ctx = match self.frames.last().map(|f| f.0) {
            None => {
                if self.root_closed {
                    self.malformed("du contenu suit la fin de l'élément racine DECRET", sink);
                    Ctx::Other
                } else if eq_name(&self.name, "DECRET") {
                    self.root_seen = true;
                    Ctx::Decret
                } else {
                    return Err(ErrorKind::XmlRoot {
                        root: shown_name(&self.name),
                        line: self.tag_line,
                    }
                    .into());
                }
            }
            Some(Ctx::Decret) => {
                if eq_name(&self.name, "DONNEE") {
                    self.start_record();
                    Ctx::Donnee
                } else if eq_name(&self.name, "INTRO") {
                    Ctx::Intro
                } else {
                    self.unknown_element(sink);
                    Ctx::Other
                }
            }
            Some(Ctx::Intro) => {
                if eq_name(&self.name, "VERSIONXSD") {
                    Ctx::Version
                } else if eq_name(&self.name, "DATEXPORT") {
                    Ctx::DateExport
                } else {
                    self.unknown_element(sink);
                    Ctx::Other
                }
            }
            Some(Ctx::Donnee) => self.donnee_child(sink),
            Some(Ctx::Value(_) | Ctx::Version | Ctx::DateExport) => {
                self.malformed("un élément est imbriqué dans une valeur", sink);
                Ctx::Other
            }
            Some(Ctx::Other) => Ctx::Other,
        };
        if matches!(ctx, Ctx::Value(_) | Ctx::Version | Ctx::DateExport) {
            self.text.clear();
            self.pending.clear();
        }
        if self_closing {
            self.close(ctx, sink);
        } else {
            let at = self.names.len();
            self.names.extend_from_slice(&self.name);
            self.frames.push((ctx, at));
            self.update_capture();
        }
        Ok(())
    }

    fn donnee_child(&mut self, sink: &mut dyn Sink) -> Ctx {
        let mut buf = [0u8; 24];
        let upper_bytes = upper_into(&self.name, &mut buf);
        // Files usually follow the XSD order: try the next variable before searching.
        let next = self.last_var.map_or(0, |l| l + 1);
        let guess = CODES
            .get(next)
            .filter(|c| upper_bytes.is_some_and(|u| same(u, c.as_bytes())))
            .map(|_| next);
        if let Some(i) = guess.or_else(|| upper_bytes.and_then(var_index_bytes)) {
            if i == crate::dictionary::ids::TYPEV {
                self.first_typev = true;
            }
            if self.rec.is_present(i) {
                self.findings.push(finding(
                    Code::XmlDuplicateElement,
                    Some(self.rec.row),
                    Some(self.rec.line),
                    Some(CODES[i]),
                    &[("element", CODES[i])],
                ));
                return Ctx::Other;
            }
            if let Some(last) = self.last_var {
                if CODES[i] < CODES[last] && !self.order_reported {
                    self.order_reported = true;
                    let line = self.tag_line.to_string();
                    let f = finding(
                        Code::XmlOrder,
                        None,
                        None,
                        None,
                        &[("element", CODES[i]), ("line", &line)],
                    );
                    self.file_finding(f, sink);
                }
            }
            self.last_var = Some(i);
            // Present even when empty or cut short.
            self.rec.mark_present(i);
            return Ctx::Value(Target::Var(i));
        }
        let upper = String::from_utf8_lossy(upper_bytes.unwrap_or(&self.name)).into_owned();
        if let Some(role) = identity_role(&upper) {
            let bit = 1u8 << (role as u8);
            if self.seen_identity & bit != 0 {
                self.findings.push(finding(
                    Code::XmlDuplicateElement,
                    Some(self.rec.row),
                    Some(self.rec.line),
                    None,
                    &[("element", &upper)],
                ));
                return Ctx::Other;
            }
            self.seen_identity |= bit;
            let id = &mut self.identity;
            match role {
                IdentityRole::Prenom => id.prenom = true,
                IdentityRole::NomMere => id.nommere = true,
                IdentityRole::NomUsage => id.nomusage = true,
                IdentityRole::Jnais => id.jnais = true,
                IdentityRole::Numdo => id.numdo = true,
            }
            return Ctx::Value(Target::Identity(role));
        }
        if is_legacy_marker(&upper) {
            self.first_marker = true;
        }
        self.unknown_element(sink);
        Ctx::Other
    }

    fn end_tag(&mut self, sink: &mut dyn Sink) -> Result<(), ReadError> {
        self.local_name();
        let matches_frame = |r: &XmlReader, k: usize| -> bool {
            let start = r.frames[k].1;
            let end = r.frames.get(k + 1).map_or(r.names.len(), |f| f.1);
            same(&r.names[start..end], &r.name) || r.names[start..end].eq_ignore_ascii_case(&r.name)
        };
        let Some(top) = self.frames.len().checked_sub(1) else {
            self.malformed(
                "une balise fermante ne correspond à aucune balise ouverte",
                sink,
            );
            return Ok(());
        };
        if matches_frame(self, top) {
            self.pop(sink);
            return Ok(());
        }
        match (0..top).rev().find(|&k| matches_frame(self, k)) {
            Some(k) => {
                self.malformed(
                    "une balise n'est pas refermée avant la balise fermante de son parent",
                    sink,
                );
                while self.frames.len() > k {
                    self.pop(sink);
                }
            }
            None => self.malformed(
                "une balise fermante ne correspond à aucune balise ouverte",
                sink,
            ),
        }
        Ok(())
    }

    fn pop(&mut self, sink: &mut dyn Sink) {
        if let Some((ctx, at)) = self.frames.pop() {
            self.names.truncate(at);
            self.update_capture();
            self.close(ctx, sink);
        }
    }

    /// Handles the end of an element of context `ctx`.
    fn close(&mut self, ctx: Ctx, sink: &mut dyn Sink) {
        match ctx {
            Ctx::Value(t) => {
                if self.text.is_empty() {
                    // Common case, no reference in the value: decode straight into the record.
                    let (s, contra) = self.decoder.decode(&self.pending, &mut self.scratch);
                    if contra && self.in_donnee {
                        self.contradiction = true;
                    }
                    store(&mut self.rec, t, s);
                    self.pending.clear();
                    self.note_decision();
                } else {
                    self.flush_pending();
                    store(&mut self.rec, t, &self.text);
                    self.text.clear();
                }
            }
            Ctx::Version | Ctx::DateExport => {
                self.flush_pending();
                let v = trim_xml(&self.text).to_owned();
                self.text.clear();
                if ctx == Ctx::Version {
                    if v != "2.0" {
                        let f = finding(
                            Code::XmlVersion,
                            None,
                            None,
                            None,
                            &[("version", &quote(&v))],
                        );
                        self.file_finding(f, sink);
                    }
                    self.version = Some(v);
                } else {
                    self.date_export = Some(v);
                }
            }
            Ctx::Donnee => self.end_record(sink),
            Ctx::Decret => self.root_closed = true,
            Ctx::Intro | Ctx::Other => {}
        }
    }

    fn send_layout(&mut self, sink: &mut dyn Sink) {
        if self.layout_sent {
            return;
        }
        self.layout_sent = true;
        sink.layout(&Layout {
            format: Format::Xml,
            delimiter: b';',
            crlf: false,
            header: Vec::new(),
            targets: Vec::new(),
            xml_version: self.version.clone().unwrap_or_default(),
            xml_date_export: self.date_export.clone().unwrap_or_default(),
            identity: self.identity,
        });
    }

    fn start_record(&mut self) {
        self.rows += 1;
        self.rec.clear();
        self.rec.row = self.rows;
        self.rec.line = self.tag_line;
        self.findings.clear();
        self.in_donnee = true;
        self.record_bytes = 0;
        self.last_var = None;
        self.seen_identity = 0;
        self.contradiction = false;
    }

    fn end_record(&mut self, sink: &mut dyn Sink) {
        self.in_donnee = false;
        // Sent here, not when the first record starts: its identity columns are that
        // record's identity elements (`Layout::identity`).
        self.send_layout(sink);
        self.report_declaration(sink);
        if self.legacy.is_none() {
            let legacy = !self.first_typev && self.first_marker;
            self.legacy = Some(legacy);
            if legacy {
                sink.file_finding(finding(Code::Legacy2011File, None, None, None, &[]));
            }
            for f in std::mem::take(&mut self.deferred) {
                self.file_finding(f, sink);
            }
        }
        if self.legacy == Some(true) {
            return;
        }
        if self.contradiction {
            let (enc, other) = match self.decoder.encoding() {
                Encoding::Windows1252 => ("windows-1252", "UTF-8"),
                _ => ("UTF-8", "windows-1252"),
            };
            let line = self.rec.line.to_string();
            self.findings.push(finding(
                Code::EncodingContradiction,
                Some(self.rec.row),
                Some(self.rec.line),
                None,
                &[
                    ("line", &line),
                    ("column", "DONNEE"),
                    ("encoding", enc),
                    ("other", other),
                ],
            ));
        }
        repair::check_record(&mut self.rec, self.repair, &mut self.findings);
        if !self.encoding_told && self.decoder.encoding() != Encoding::Undecided {
            self.encoding_told = true;
            sink.encoding(self.decoder.encoding().name());
        }
        sink.record(&self.rec, &mut self.findings);
    }

    pub(crate) fn finish(&mut self, sink: &mut dyn Sink) -> Result<(), ReadError> {
        let cut = self.st != St::Text || !self.frames.is_empty();
        if !self.root_seen {
            return Err(ErrorKind::XmlNoRoot.into());
        }
        if cut {
            let line = self.line.to_string();
            if self.in_donnee {
                // Close the open elements so the partial record is delivered, with an error.
                self.findings.push(finding(
                    Code::XmlTruncated,
                    Some(self.rec.row),
                    Some(self.rec.line),
                    None,
                    &[("line", &line)],
                ));
                self.st = St::Text;
                while self.in_donnee && !self.frames.is_empty() {
                    self.pop(sink);
                }
            } else {
                let f = finding(Code::XmlTruncated, None, None, None, &[("line", &line)]);
                self.file_finding(f, sink);
            }
        }
        self.report_declaration(sink);
        self.send_layout(sink);
        if self.legacy.is_none() {
            self.legacy = Some(false);
            for f in std::mem::take(&mut self.deferred) {
                sink.file_finding(f);
            }
        }
        if self.rows == 0 {
            sink.file_finding(finding(Code::NoRecords, None, None, None, &[]));
        }
        Ok(())
    }
}

/// Stores the text of a value element into the record.
fn store(rec: &mut Record, t: Target, text: &str) {
    match t {
        Target::Var(i) => {
            if value_class(i) == ValueClass::FreeText {
                rec.set(i, text);
            } else {
                rec.set(i, trim_xml(text));
            }
        }
        Target::Identity(role) => {
            let id = &mut rec.identity;
            match role {
                IdentityRole::Prenom => id.prenom.set(text),
                IdentityRole::NomMere => id.nommere.set(text),
                IdentityRole::NomUsage => id.nomusage.set(text),
                IdentityRole::Jnais => id.jnais.set(trim_xml(text)),
                IdentityRole::Numdo => id.numdo.set(text),
            }
        }
        Target::Ignored => {}
    }
}

/// Trims XML whitespace around a coded, date or numeric value.
fn trim_xml(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}
