//! Spreadsheet workbooks (XLSX, ODS) → rows of typed cells, with bounded memory.
//!
//! What this module owns (docs/spreadsheets.md, docs/limits.md "Tableurs"):
//! - **Detection** by content: [`sniff`] on the first bytes (a zip, an OLE2 container, or
//!   not a workbook: then the caller reads the input as text); [`Workbook::open`] on the
//!   whole file tells XLSX from ODS from any other zip (a Word document, an OpenDocument
//!   text…) and an encrypted workbook from a legacy `.xls`.
//! - **Reading one sheet** (the first worksheet, or one by name) row by row, from the whole
//!   file in memory (a zip needs random access): [`Sheet::next_row`] yields each row that
//!   has a value, with the sheet's own 1-based row number and its cells by column (column A
//!   first), typed ([`Cell`]). Both formats are streamed by this module with the `zip` and
//!   `quick-xml` crates (no spreadsheet library): XLSX's sheet part cell by cell, ODS
//!   `content.xml` (repeated rows and columns cost nothing when empty).
//! - **Cells → text**: [`render_into`] for the column's [`ColumnKind`], once the caller has
//!   found the header row and knows what each column feeds; typed problems come back as
//!   [`CellProblem`] data.
//! - **Hostile workbooks**: every limit of [`SheetLimits`] is checked before the memory or
//!   time it protects is spent, and is a [`SheetError`] with a French message.
//!
//! Not here: finding the header row, mapping columns, findings, the engine (the reader in
//! `crate::read` does that with the rows it gets from here).

mod cell;
mod cfb;
pub mod dates;
mod detect;
mod guard;
mod ods;
mod rows;
mod xlsx;

pub use cell::{render, render_into, Cell, CellProblem, ColumnKind};
pub use dates::{split_date_time, DateTime, DateWithTime};
pub use detect::{sniff, Sniff};

use crate::read::Limits;
use rows::RowBuf;

/// Limits of the spreadsheet readers (docs/limits.md "Tableurs").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetLimits {
    /// Size of the workbook file, held whole in memory (0 = no limit).
    pub max_workbook_bytes: u64,
    /// Sum of the uncompressed sizes of all entries of the zip.
    pub max_uncompressed_bytes: u64,
    /// Uncompressed size of a part read whole into memory (shared strings, styles, the
    /// list of sheets, relationships, the ODS manifest).
    pub max_part_bytes: u64,
    /// Compression ratio of an entry (uncompressed / compressed), for entries over 1 MiB.
    pub max_ratio: u64,
    /// Longest XML token (a text or a tag: the bytes between two `<`) of a part.
    pub max_token_bytes: usize,
    /// Bytes of one cell's text.
    pub max_cell_bytes: usize,
    /// Columns: a value past this column is an error (empty cells past it are ignored).
    pub max_columns: usize,
    /// Rows of a sheet (the spreadsheets' own maximum).
    pub max_rows: u32,
    /// Cells with a value in a sheet, counting those an ODS row or column repeats.
    pub max_cells: u64,
}

impl Default for SheetLimits {
    fn default() -> Self {
        SheetLimits {
            max_workbook_bytes: 256 << 20,
            max_uncompressed_bytes: 2 << 30,
            max_part_bytes: 32 << 20,
            max_ratio: 250,
            max_token_bytes: 4 << 20,
            max_cell_bytes: 64 << 10,
            max_columns: 2000,
            max_rows: 1_048_576,
            max_cells: 1 << 27,
        }
    }
}

impl SheetLimits {
    /// The defaults, with the reader's field and column limits (the same as for CSV).
    pub fn from_read_limits(l: &Limits) -> Self {
        SheetLimits {
            max_cell_bytes: l.max_field_bytes,
            max_columns: l.max_columns,
            ..SheetLimits::default()
        }
    }
}

/// The workbook formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookFormat {
    /// Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
}

impl WorkbookFormat {
    /// The name in the report's `input.format`: `"xlsx"` or `"ods"`.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkbookFormat::Xlsx => "xlsx",
            WorkbookFormat::Ods => "ods",
        }
    }
}

/// A zip or OLE2 file that is not a workbook olinpe reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherDocument {
    /// A Word document (`.docx`).
    Word,
    /// A PowerPoint presentation (`.pptx`).
    PowerPoint,
    /// Another Office Open XML package.
    OtherOffice,
    /// An OpenDocument text (`.odt`).
    OpenDocumentText,
    /// Another OpenDocument (presentation, drawing…).
    OtherOpenDocument,
    /// A zip archive that is no office document.
    Zip,
    /// An Excel binary workbook (`.xlsb`): not read.
    Xlsb,
    /// A legacy Excel 97–2003 workbook (`.xls`, OLE2): not read.
    Xls,
    /// Another OLE2 file (a legacy Office document), or one whose directory cannot be read.
    Legacy,
}

/// Which limit of [`SheetLimits`] was passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetLimit {
    /// [`SheetLimits::max_workbook_bytes`].
    WorkbookSize,
    /// [`SheetLimits::max_uncompressed_bytes`].
    UncompressedSize,
    /// [`SheetLimits::max_part_bytes`].
    PartSize,
    /// [`SheetLimits::max_ratio`].
    Ratio,
    /// [`SheetLimits::max_token_bytes`].
    TokenLength,
    /// [`SheetLimits::max_cell_bytes`].
    CellLength,
    /// [`SheetLimits::max_columns`].
    Columns,
    /// [`SheetLimits::max_rows`].
    Rows,
    /// [`SheetLimits::max_cells`].
    Cells,
}

/// A workbook that cannot be read (exit status 2 for the caller), with a French message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SheetError {
    /// Neither a zip nor an OLE2 container: not a workbook (read it as text).
    NotWorkbook,
    /// A zip or OLE2 file that is another kind of document, or a workbook format not read.
    Other(OtherDocument),
    /// A workbook protected by a password (an OLE2 `EncryptedPackage`, an encrypted ODS
    /// `content.xml`, or encrypted zip entries).
    Encrypted,
    /// The zip or the XML of the workbook cannot be read; `line` is the last sheet row
    /// reached, when rows were being read.
    Damaged {
        /// The sheet row where reading stopped, if any.
        line: Option<u32>,
    },
    /// The workbook has no worksheet.
    NoSheet,
    /// The sheet read has no row with a value.
    EmptySheet {
        /// Its name.
        name: String,
    },
    /// No sheet has the name asked for (`--sheet`).
    SheetNotFound {
        /// The name asked for.
        name: String,
        /// The worksheets of the workbook, in order.
        available: Vec<String>,
    },
    /// A limit was passed.
    Limit {
        /// Which one.
        limit: SheetLimit,
        /// Its value.
        value: u64,
        /// The sheet row, for the limits met while reading rows.
        line: Option<u32>,
    },
}

impl SheetError {
    pub(crate) fn limit(limit: SheetLimit, value: u64) -> SheetError {
        SheetError::Limit {
            limit,
            value,
            line: None,
        }
    }

    pub(crate) fn limit_at(limit: SheetLimit, value: u64, line: u32) -> SheetError {
        SheetError::Limit {
            limit,
            value,
            line: Some(line),
        }
    }

    pub(crate) fn damaged_zip() -> SheetError {
        SheetError::Damaged { line: None }
    }

    /// Stable code, as the reader's error codes (`limit-columns` and `limit-field-length`
    /// are the CSV reader's codes for the same limits).
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::NotWorkbook => "not-workbook",
            SheetError::Other(OtherDocument::Xlsb | OtherDocument::Xls | OtherDocument::Legacy) => {
                "unsupported-workbook"
            }
            SheetError::Other(_) => "not-spreadsheet",
            SheetError::Encrypted => "encrypted-workbook",
            SheetError::Damaged { .. } => "damaged-workbook",
            SheetError::NoSheet => "no-sheet",
            SheetError::EmptySheet { .. } => "empty-sheet",
            SheetError::SheetNotFound { .. } => "sheet-not-found",
            SheetError::Limit { limit, .. } => match limit {
                SheetLimit::WorkbookSize => "limit-workbook-size",
                SheetLimit::UncompressedSize => "limit-uncompressed-size",
                SheetLimit::PartSize => "limit-part-size",
                SheetLimit::Ratio => "limit-compression-ratio",
                SheetLimit::TokenLength => "limit-xml-token",
                SheetLimit::CellLength => "limit-field-length",
                SheetLimit::Columns => "limit-columns",
                SheetLimit::Rows => "limit-rows",
                SheetLimit::Cells => "limit-cells",
            },
        }
    }

    /// The French message: what the problem is and what to do.
    pub fn message(&self) -> String {
        const RESAVE: &str = "ouvrez-le dans le tableur et enregistrez-le au format XLSX, ODS \
                              ou CSV (UTF-8, séparateur point-virgule), puis recommencez";
        match self {
            SheetError::NotWorkbook => {
                "Le fichier n'est pas un classeur tableur (XLSX ou ODS).".to_owned()
            }
            SheetError::Other(doc) => {
                let what = match doc {
                    OtherDocument::Word => "un document Word (DOCX)",
                    OtherDocument::PowerPoint => "une présentation PowerPoint (PPTX)",
                    OtherDocument::OtherOffice => "un document Office qui n'est pas un classeur",
                    OtherDocument::OpenDocumentText => "un document texte OpenDocument (ODT)",
                    OtherDocument::OtherOpenDocument => {
                        "un document OpenDocument qui n'est pas un classeur"
                    }
                    OtherDocument::Zip => "une archive ZIP qui n'est pas un classeur",
                    OtherDocument::Xlsb => {
                        return format!(
                            "Le fichier est un classeur Excel binaire (XLSB), que olinpe ne lit \
                             pas : {RESAVE}."
                        )
                    }
                    OtherDocument::Xls => {
                        return format!(
                            "Le fichier est un classeur Excel 97-2003 (XLS), format ancien que \
                             olinpe ne lit pas : {RESAVE}."
                        )
                    }
                    OtherDocument::Legacy => {
                        return format!(
                            "Le fichier est un document Office ancien (format OLE2) qui n'est pas \
                             un classeur lisible : s'il s'agit d'un classeur, {RESAVE}."
                        )
                    }
                };
                format!(
                    "Le fichier est {what}, pas un classeur ni un fichier de données : déposez \
                     l'export Olinpe (CSV, XML, XLSX ou ODS)."
                )
            }
            SheetError::Encrypted => "Le classeur est protégé par un mot de passe (chiffré) : \
                                      olinpe ne peut pas le lire. Ouvrez-le dans le tableur, \
                                      enregistrez une copie sans mot de passe, puis recommencez \
                                      avec cette copie."
                .to_owned(),
            SheetError::Damaged { line } => {
                let at = match line {
                    Some(l) => format!(" (feuille lue jusqu'à la ligne {l})"),
                    None => String::new(),
                };
                format!(
                    "Le classeur est endommagé ou incomplet : sa structure (ZIP ou XML) est \
                     illisible{at}. {}.",
                    capitalise(RESAVE)
                )
            }
            SheetError::NoSheet => "Le classeur ne contient aucune feuille de calcul : il n'y a \
                                    aucune donnée à lire."
                .to_owned(),
            SheetError::EmptySheet { name } => format!(
                "La feuille « {name} » du classeur est vide : il n'y a aucune donnée à lire. \
                 Indiquez la feuille qui contient l'export (--sheet NOM, ou le choix de la \
                 feuille dans la page)."
            ),
            SheetError::SheetNotFound { name, available } => {
                let mut list: Vec<String> = available
                    .iter()
                    .take(20)
                    .map(|n| format!("« {n} »"))
                    .collect();
                if available.len() > 20 {
                    list.push("…".to_owned());
                }
                format!(
                    "Le classeur n'a pas de feuille nommée « {name} ». Feuilles présentes : {}.",
                    list.join(", ")
                )
            }
            SheetError::Limit { limit, value, line } => {
                let at = match line {
                    Some(l) => format!("Ligne {l} de la feuille : "),
                    None => String::new(),
                };
                let text = match limit {
                    SheetLimit::WorkbookSize => format!(
                        "Classeur trop volumineux : la limite est de {value} octets pour un \
                         classeur, qui est lu entier en mémoire. Enregistrez-le en CSV (UTF-8, \
                         séparateur point-virgule), qui n'a pas cette limite."
                    ),
                    SheetLimit::UncompressedSize => format!(
                        "Le contenu décompressé du classeur dépasserait {value} octets (limite \
                         fixée contre les archives piégées) : enregistrez-le en CSV (UTF-8, \
                         séparateur point-virgule), puis recommencez."
                    ),
                    SheetLimit::PartSize => format!(
                        "Une partie du classeur lue entière en mémoire (textes partagés, styles \
                         ou liste des feuilles) dépasse {value} octets (limite fixée) : \
                         enregistrez-le en CSV (UTF-8, séparateur point-virgule), puis \
                         recommencez."
                    ),
                    SheetLimit::Ratio => format!(
                        "Une partie du classeur est compressée plus de {value} fois (limite \
                         fixée contre les archives piégées, dites « bombes zip ») : ce n'est pas \
                         un classeur ordinaire. {}.",
                        capitalise(RESAVE)
                    ),
                    SheetLimit::TokenLength => format!(
                        "Le classeur contient un texte ou une balise XML de plus de {value} \
                         octets (limite fixée) : ce n'est pas un classeur ordinaire. {}.",
                        capitalise(RESAVE)
                    ),
                    SheetLimit::CellLength => format!(
                        "{at}une cellule contient plus de {value} octets (limite fixée) : \
                         vérifiez le contenu de cette ligne."
                    ),
                    SheetLimit::Columns => format!(
                        "{at}une valeur se trouve au-delà de la colonne {value} (limite fixée) : \
                         supprimez les colonnes inutiles à droite des données, puis \
                         recommencez."
                    ),
                    SheetLimit::Rows => format!(
                        "{at}la feuille dépasse {value} lignes (limite fixée, celle des \
                         tableurs)."
                    ),
                    SheetLimit::Cells => format!(
                        "{at}la feuille compte plus de {value} cellules remplies, lignes et \
                         colonnes répétées comprises (limite fixée) : ce n'est pas un export \
                         Olinpe ordinaire."
                    ),
                };
                if matches!(
                    limit,
                    SheetLimit::CellLength
                        | SheetLimit::Columns
                        | SheetLimit::Rows
                        | SheetLimit::Cells
                ) {
                    capitalise(&text)
                } else {
                    text
                }
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SheetError {}

/// One row of a sheet that has at least one value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row<'a> {
    /// The sheet's own row number (1-based, as the spreadsheet shows it).
    pub line: u32,
    /// Cells by column, column A first; empty cells are [`Cell::Empty`]; trailing empty
    /// cells are not included (a row may be shorter than the header).
    pub cells: &'a [Cell],
}

/// A source of rows: one per format.
trait RowSource {
    /// Fills `buf` with the next row that has a value; `false` at the end of the sheet.
    fn next_row(&mut self, buf: &mut RowBuf) -> Result<bool, SheetError>;
    /// How far the sheet is read, `(done, total)` in a unit of the format's own, when known.
    fn progress(&self) -> Option<(u64, u64)>;
}

enum Book<'a> {
    Xlsx(Box<xlsx::XlsxBook<'a>>),
    Ods(Box<ods::OdsBook<'a>>),
}

/// A workbook open over its bytes.
pub struct Workbook<'a> {
    book: Book<'a>,
    limits: SheetLimits,
}

impl std::fmt::Debug for Workbook<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workbook")
            .field("format", &self.format())
            .finish_non_exhaustive()
    }
}

impl<'a> Workbook<'a> {
    /// Opens the workbook in `bytes` (the whole file): checks its size, detects its format
    /// and checks the zip's limits. XLSX: reads the list of sheets, the styles and the
    /// shared strings (the parts held in memory). ODS: reads the manifest only.
    pub fn open(bytes: &'a [u8], limits: SheetLimits) -> Result<Self, SheetError> {
        if limits.max_workbook_bytes > 0 && bytes.len() as u64 > limits.max_workbook_bytes {
            return Err(SheetError::limit(
                SheetLimit::WorkbookSize,
                limits.max_workbook_bytes,
            ));
        }
        let book = match sniff(bytes) {
            Sniff::NotWorkbook => return Err(SheetError::NotWorkbook),
            Sniff::Ole2 => return Err(detect::ole2(bytes)),
            Sniff::Zip => {
                let mut zip = guard::open_zip(bytes)?;
                let entries = guard::entries(&zip);
                match detect::classify(&mut zip, &entries, &limits)? {
                    WorkbookFormat::Xlsx => {
                        Book::Xlsx(Box::new(xlsx::XlsxBook::open(zip, &entries, &limits)?))
                    }
                    WorkbookFormat::Ods => {
                        Book::Ods(Box::new(ods::OdsBook::open(zip, &entries, &limits)?))
                    }
                }
            }
        };
        Ok(Workbook { book, limits })
    }

    /// The workbook's format.
    pub fn format(&self) -> WorkbookFormat {
        match self.book {
            Book::Xlsx(_) => WorkbookFormat::Xlsx,
            Book::Ods(_) => WorkbookFormat::Ods,
        }
    }

    /// The names of the worksheets, in the workbook's order (chart sheets excluded). For
    /// ODS this reads `content.xml` through once (skipping the rows).
    pub fn sheet_names(&mut self) -> Result<Vec<String>, SheetError> {
        match &mut self.book {
            Book::Xlsx(b) => Ok(b.sheet_names()),
            Book::Ods(b) => b.sheet_names(&self.limits),
        }
    }

    /// Starts reading a sheet: `None` for the first worksheet, or the one named `name`
    /// (exactly; [`SheetError::SheetNotFound`] lists the names when there is none).
    pub fn sheet(&mut self, name: Option<&str>) -> Result<Sheet<'_>, SheetError> {
        let limits = self.limits;
        let (name, source): (String, Box<dyn RowSource + '_>) = match &mut self.book {
            Book::Xlsx(b) => {
                let (n, s) = b.sheet(name, &limits)?;
                (n, Box::new(s))
            }
            Book::Ods(b) => {
                let (n, s) = b.sheet(name, &limits)?;
                (n, Box::new(s))
            }
        };
        Ok(Sheet {
            name,
            source,
            buf: RowBuf::new(&limits),
            done: false,
        })
    }
}

/// One sheet being read, row by row.
pub struct Sheet<'w> {
    name: String,
    source: Box<dyn RowSource + 'w>,
    buf: RowBuf,
    done: bool,
}

impl std::fmt::Debug for Sheet<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sheet")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Sheet<'_> {
    /// The sheet's name (the report's `input.sheet`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How far the sheet is read, `(done, total)`, when the format tells (XLSX: the row
    /// reached and the last row the sheet declares; ODS: bytes of the content part).
    pub fn progress(&self) -> Option<(u64, u64)> {
        self.source.progress().filter(|&(_, total)| total > 0)
    }

    /// The next row that has a value, `None` at the end of the sheet. After an error, the
    /// sheet yields `None`.
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>, SheetError> {
        if self.done {
            return Ok(None);
        }
        let r = self
            .source
            .next_row(&mut self.buf)
            .and_then(|more| more.then(|| self.buf.emit()).transpose());
        match r {
            Ok(Some(line)) => Ok(Some(Row {
                line,
                cells: self.buf.cells(),
            })),
            Ok(None) => {
                self.done = true;
                Ok(None)
            }
            Err(e) => {
                self.done = true;
                Err(e)
            }
        }
    }
}
