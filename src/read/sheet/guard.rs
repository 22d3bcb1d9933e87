//! The zip container of a workbook, opened with its limits checked before any part is
//! decompressed (docs/limits.md "Tableurs"): the central directory's sizes (the zip crate
//! refuses to inflate an entry past its declared size, so they bound the work), the
//! compression ratio of each entry, and, for the parts held whole in memory, a smaller cap.
//! [`GapGuard`] bounds the longest XML token (a text or a tag) a streamed part may hold, so
//! that an XML reader's buffers stay small whatever the part contains.

use std::io::{self, Cursor, Read};

use zip::ZipArchive;

use super::{SheetError, SheetLimit, SheetLimits};

/// A zip archive over the workbook's bytes.
pub(crate) type Zip<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Entries of at most this many bytes (uncompressed) escape the ratio check: small parts
/// compress unevenly and cannot be a bomb.
const RATIO_FLOOR: u64 = 1 << 20;

/// Opens the archive; a damaged directory is [`SheetError::Damaged`].
pub(crate) fn open_zip(bytes: &[u8]) -> Result<Zip<'_>, SheetError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|_| SheetError::damaged_zip())
}

/// One entry of the central directory.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub name: String,
    pub size: u64,
    pub compressed: u64,
    pub encrypted: bool,
}

/// The entries of the archive (names decoded lossily; only known names matter).
pub(crate) fn entries(zip: &Zip<'_>) -> Vec<Entry> {
    let meta = zip.metadata();
    (0..meta.len())
        .filter_map(|i| meta.entry(i).ok())
        .map(|e| Entry {
            name: String::from_utf8_lossy(e.name_raw()).into_owned(),
            size: e.size(),
            compressed: e.compressed_size(),
            encrypted: e.encrypted(),
        })
        .collect()
}

/// Checks every entry against the limits: no encrypted entry, the total uncompressed size,
/// the compression ratio, and `held(name)` entries (parts read whole into memory) against
/// the smaller per-part cap.
pub(crate) fn check_entries(
    entries: &[Entry],
    limits: &SheetLimits,
    held: impl Fn(&str) -> bool,
) -> Result<(), SheetError> {
    let mut total: u64 = 0;
    for e in entries {
        if e.encrypted {
            return Err(SheetError::Encrypted);
        }
        total = total.saturating_add(e.size);
        if total > limits.max_uncompressed_bytes {
            return Err(SheetError::limit(
                SheetLimit::UncompressedSize,
                limits.max_uncompressed_bytes,
            ));
        }
        if e.size > RATIO_FLOOR && e.size / e.compressed.max(1) > limits.max_ratio {
            return Err(SheetError::limit(SheetLimit::Ratio, limits.max_ratio));
        }
        if held(&e.name) && e.size > limits.max_part_bytes {
            return Err(SheetError::limit(
                SheetLimit::PartSize,
                limits.max_part_bytes,
            ));
        }
    }
    Ok(())
}

/// Reads a part whole (a part the caller holds in memory): at most `max_part_bytes`, which
/// [`check_entries`] already checked against the declared size; the zip crate stops at the
/// declared size. `None` when the archive has no such entry.
pub(crate) fn read_part(
    zip: &mut Zip<'_>,
    name: &str,
    limits: &SheetLimits,
) -> Result<Option<Vec<u8>>, SheetError> {
    let f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(SheetError::damaged_zip()),
    };
    if f.encrypted() {
        return Err(SheetError::Encrypted);
    }
    let mut out = Vec::new();
    f.take(limits.max_part_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|_| SheetError::damaged_zip())?;
    if out.len() as u64 > limits.max_part_bytes {
        return Err(SheetError::limit(
            SheetLimit::PartSize,
            limits.max_part_bytes,
        ));
    }
    Ok(Some(out))
}

/// The error an I/O error of a guarded zip entry stands for.
pub(crate) fn io_error(e: &io::Error, limits: &SheetLimits) -> SheetError {
    if e.get_ref().is_some_and(|x| x.is::<TokenTooLong>()) {
        SheetError::limit(SheetLimit::TokenLength, limits.max_token_bytes as u64)
    } else {
        SheetError::damaged_zip()
    }
}

/// The payload of the I/O error [`GapGuard`] returns.
#[derive(Debug)]
pub(crate) struct TokenTooLong;

impl std::fmt::Display for TokenTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("XML token longer than the limit")
    }
}

impl std::error::Error for TokenTooLong {}

/// A reader that fails (with [`TokenTooLong`]) once more than `max` bytes pass without a
/// `<`: wrapped around a streamed XML part, it bounds every buffer of the XML reader above.
pub(crate) struct GapGuard<R> {
    inner: R,
    run: usize,
    max: usize,
}

impl<R> GapGuard<R> {
    pub(crate) fn new(inner: R, max: usize) -> Self {
        GapGuard { inner, run: 0, max }
    }
}

impl<R: Read> Read for GapGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        match memchr::memrchr(b'<', chunk) {
            Some(last) => {
                let first = memchr::memchr(b'<', chunk).unwrap_or(last);
                let mut longest = self.run + first;
                let mut prev = first;
                for i in memchr::memchr_iter(b'<', &chunk[first + 1..=last]) {
                    let at = first + 1 + i;
                    longest = longest.max(at - prev - 1);
                    prev = at;
                }
                self.run = n - last - 1;
                longest = longest.max(self.run);
                if longest > self.max {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, TokenTooLong));
                }
            }
            None => {
                self.run += n;
                if self.run > self.max {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, TokenTooLong));
                }
            }
        }
        Ok(n)
    }
}

/// A streamed XML part of the archive: its reader, whose longest token is bounded by
/// [`GapGuard`], and the part's uncompressed size (for progress).
pub(crate) type XmlStream<'w> = quick_xml::Reader<io::BufReader<GapGuard<Box<dyn Read + 'w>>>>;

/// Opens part `name` as an [`XmlStream`] (an encrypted entry is [`SheetError::Encrypted`], a
/// missing one damage).
pub(crate) fn xml_stream<'w>(
    zip: &'w mut Zip<'_>,
    name: &str,
    limits: &SheetLimits,
) -> Result<(XmlStream<'w>, u64), SheetError> {
    let f = zip.by_name(name).map_err(|_| SheetError::damaged_zip())?;
    if f.encrypted() {
        return Err(SheetError::Encrypted);
    }
    let size = f.size();
    let inner: Box<dyn Read + 'w> = Box::new(f);
    let mut r = quick_xml::Reader::from_reader(io::BufReader::with_capacity(
        64 * 1024,
        GapGuard::new(inner, limits.max_token_bytes),
    ));
    let c = r.config_mut();
    c.check_end_names = false;
    c.check_comments = false;
    c.trim_text(false);
    c.expand_empty_elements = false;
    Ok((r, size))
}

/// The [`SheetError`] of an XML reader's error: a limit the guard hit, or damage at the
/// sheet's row `line`.
pub(crate) fn xml_error(
    e: &quick_xml::Error,
    limits: &SheetLimits,
    line: Option<u32>,
) -> SheetError {
    match e {
        quick_xml::Error::Io(io) => match io_error(io, limits) {
            SheetError::Damaged { .. } => SheetError::Damaged { line },
            other => other,
        },
        _ => SheetError::Damaged { line },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `data` through a guard of `max`, in pieces of `piece` bytes.
    fn guarded(data: &[u8], max: usize, piece: usize) -> io::Result<usize> {
        struct Pieces<'a>(&'a [u8], usize);
        impl Read for Pieces<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        GapGuard::new(Pieces(data, piece), max).read_to_end(&mut out)
    }

    #[test]
    fn gap_guard_table() {
        // (data, max, accepted)
        let cases: &[(&[u8], usize, bool)] = &[
            (b"", 0, true),
            (b"<a>", 2, true),
            (b"<a>", 1, false),
            (b"<a>xy<b>", 4, true),
            (b"<a>xy<b>", 3, false),
            (b"xy<", 2, true),
            (b"xyz<", 2, false),
            (b"<xy", 2, true),
            (b"<xyz", 2, false),
            (b"<<<<", 0, true),
        ];
        for (data, max, ok) in cases {
            for piece in [1, 2, 3, 1000] {
                let r = guarded(data, *max, piece);
                assert_eq!(r.is_ok(), *ok, "{:?} max {max} piece {piece}", data);
                if let Err(e) = r {
                    assert!(e.get_ref().is_some_and(|x| x.is::<TokenTooLong>()));
                }
            }
        }
    }

    #[test]
    fn gap_guard_long_input() {
        let mut data = Vec::new();
        for _ in 0..10_000 {
            data.extend_from_slice(b"<c r=\"A1\"><v>12</v></c>");
        }
        assert!(guarded(&data, 16, 4096).is_ok());
        data.extend(std::iter::repeat_n(b'a', 5000));
        // The last run is `/c>` and the 5000 letters.
        assert!(guarded(&data, 5002, 4096).is_err());
        assert!(guarded(&data, 5003, 4096).is_ok());
    }
}
