//! What a run is asked to do: the mode and the options, the same for the command line and
//! the page (the key is passed apart, never in options). Checked once, when the engine is
//! made ([`Options::checked_export_date`]).

use crate::error::{Error, ErrorKind};
use crate::read::Limits;
use serde::{Deserialize, Serialize};

/// What the engine does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// `olinpe check`.
    #[default]
    Check,
    /// `olinpe pseudonymise`.
    Pseudonymise,
    /// `olinpe rehash`.
    Rehash,
}

/// Engine options: the same for the CLI and the page (the key is passed apart).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// Mode.
    pub mode: Mode,
    /// Base name of the input (written in the report; no path).
    pub input_name: String,
    /// `--year`.
    pub year: Option<i32>,
    /// `--max-findings` (default 1000).
    pub max_findings: usize,
    /// `--map-file` content.
    pub map_file: Option<String>,
    /// `--repair`.
    pub repair: bool,
    /// `--with-day`.
    pub with_day: bool,
    /// `--uppercase`.
    pub uppercase: bool,
    /// `--date-export` (AAAA-MM-JJ); the engine never reads the clock.
    pub date_export: Option<String>,
    /// Training mode: files are named `FORMATION…`.
    pub training: bool,
    /// `--corrections`: the findings pass also writes the internal corrections list (every
    /// finding with the record's `NUMDO`; docs/spec/OLINPE.md §0.5).
    pub corrections: bool,
    /// The page's « N° de dossier » column: pass 1 keeps the `NUMDO` of each record so that
    /// the kept findings can show it (on screen only; never written to a report).
    pub dossiers: bool,
    /// Limits.
    pub limits: LimitOptions,
    /// `--sheet`: the sheet to read when the input is a workbook (`None`: the first).
    pub sheet: Option<String>,
    /// The input's size in bytes when known (a workbook's buffer is then reserved once).
    pub input_size: Option<u64>,
}

/// Limits as options (serde-friendly mirror of [`Limits`]).
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LimitOptions {
    /// Maximum bytes in one field.
    pub max_field_bytes: usize,
    /// Maximum columns.
    pub max_columns: usize,
    /// Maximum input bytes (0: none).
    pub max_file_bytes: u64,
    /// Maximum bytes in one record.
    pub max_record_bytes: usize,
    /// Maximum XML nesting depth.
    pub max_xml_depth: usize,
}

impl Default for LimitOptions {
    fn default() -> Self {
        let l = Limits::default();
        LimitOptions {
            max_field_bytes: l.max_field_bytes,
            max_columns: l.max_columns,
            max_file_bytes: l.max_file_bytes,
            max_record_bytes: l.max_record_bytes,
            max_xml_depth: l.max_xml_depth,
        }
    }
}

impl From<LimitOptions> for Limits {
    fn from(l: LimitOptions) -> Self {
        Limits {
            max_field_bytes: l.max_field_bytes,
            max_columns: l.max_columns,
            max_file_bytes: l.max_file_bytes,
            max_record_bytes: l.max_record_bytes,
            max_xml_depth: l.max_xml_depth,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mode: Mode::Check,
            input_name: String::new(),
            year: None,
            max_findings: 1000,
            map_file: None,
            repair: false,
            with_day: false,
            uppercase: false,
            date_export: None,
            training: false,
            corrections: false,
            dossiers: false,
            limits: LimitOptions::default(),
            sheet: None,
            input_size: None,
        }
    }
}

impl Options {
    /// The export date the outputs carry (empty when the mode writes none), or why the
    /// options are refused: `pseudonymise` needs one, and a date given must be `AAAA-MM-JJ`.
    pub fn checked_export_date(&self) -> Result<String, Error> {
        match (self.mode, &self.date_export) {
            (Mode::Pseudonymise, None) => Err(ErrorKind::DateExportMissing.into()),
            (_, Some(d)) if !valid_export_date(d) => {
                Err(ErrorKind::DateExportInvalid { value: d.clone() }.into())
            }
            (_, Some(d)) => Ok(d.clone()),
            (_, None) => Ok(String::new()),
        }
    }
}

fn valid_export_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && {
            let m = (b[5] - b'0') * 10 + (b[6] - b'0');
            let day = (b[8] - b'0') * 10 + (b[9] - b'0');
            (1..=12).contains(&m) && (1..=31).contains(&day)
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_dates() {
        let with = |mode, d: Option<&str>| Options {
            mode,
            date_export: d.map(str::to_owned),
            ..Options::default()
        };
        assert_eq!(
            with(Mode::Pseudonymise, None)
                .checked_export_date()
                .map_err(|e| e.code()),
            Err("date-export-missing")
        );
        assert_eq!(
            with(Mode::Check, None).checked_export_date(),
            Ok(String::new())
        );
        for bad in [
            "2019-13-01",
            "2019-00-10",
            "2019-01-32",
            "01/03/2019",
            "2019-1-01",
            "２019-01-01",
        ] {
            assert_eq!(
                with(Mode::Check, Some(bad))
                    .checked_export_date()
                    .map_err(|e| e.code()),
                Err("date-export-invalid"),
                "{bad}"
            );
        }
        assert_eq!(
            with(Mode::Pseudonymise, Some("2019-03-01")).checked_export_date(),
            Ok("2019-03-01".into())
        );
    }
}
