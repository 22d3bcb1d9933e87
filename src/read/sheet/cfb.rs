//! The directory of an OLE2 compound file (MS-CFB), read just enough to tell a
//! password-protected Office document (Office encrypts an XLSX into an OLE2 file holding an
//! `EncryptedPackage` stream) from a legacy `.xls` or other document. Every sector number
//! is checked and every chain is bounded by the file's sector count, so a hostile file can
//! neither loop nor index out of bounds.

/// What the directory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ole2 {
    /// An `EncryptedPackage` stream: an encrypted OOXML document.
    Encrypted,
    /// A `Workbook` or `Book` stream: a legacy Excel workbook.
    Xls,
    /// Anything else (another legacy document, or a directory that cannot be read).
    Other,
}

const FREE_OR_END: u32 = 0xFFFF_FFFA; // every value from here up is a marker, not a sector
const MAX_ENTRIES: usize = 100_000;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

struct File<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat_sectors: Vec<u32>,
    sectors: usize,
}

impl File<'_> {
    fn sector(&self, id: u32) -> Option<&[u8]> {
        let id = id as usize;
        if id >= self.sectors {
            return None;
        }
        let start = (id + 1) * self.sector;
        self.bytes.get(start..start + self.sector)
    }

    /// The FAT entry of sector `id`: the next sector of its chain.
    fn next(&self, id: u32) -> Option<u32> {
        let per = self.sector / 4;
        let fat = *self.fat_sectors.get(id as usize / per)?;
        u32_at(self.sector(fat)?, (id as usize % per) * 4)
    }
}

/// Reads the directory of the OLE2 file `bytes`.
pub(crate) fn classify(bytes: &[u8]) -> Ole2 {
    read(bytes).unwrap_or(Ole2::Other)
}

fn read(bytes: &[u8]) -> Option<Ole2> {
    let header = bytes.get(..512)?;
    let sector = match u16_at(header, 30)? {
        9 => 512,
        12 => 4096,
        _ => return None,
    };
    let sectors = (bytes.len() / sector).checked_sub(1)?;
    let dir_start = u32_at(header, 48)?;
    // The first 109 FAT sector numbers are in the header, the rest in the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(header, 76 + 4 * i))
        .filter(|&s| s < FREE_OR_END)
        .collect();
    let mut file = File {
        bytes,
        sector,
        fat_sectors: Vec::new(),
        sectors,
    };
    let mut difat = u32_at(header, 68)?;
    let mut hops = 0;
    while difat < FREE_OR_END {
        hops += 1;
        if hops > sectors {
            return None;
        }
        let s = file.sector(difat)?;
        let n = sector / 4 - 1;
        fat_sectors.extend(
            (0..n)
                .filter_map(|i| u32_at(s, 4 * i))
                .filter(|&x| x < FREE_OR_END),
        );
        if fat_sectors.len() > sectors {
            return None;
        }
        difat = u32_at(s, 4 * n)?;
    }
    file.fat_sectors = fat_sectors;
    let mut id = dir_start;
    let mut hops = 0;
    let mut found = Ole2::Other;
    let mut entries = 0;
    while id < FREE_OR_END {
        hops += 1;
        if hops > sectors {
            return None;
        }
        let s = file.sector(id)?;
        for entry in s.chunks_exact(128) {
            entries += 1;
            if entries > MAX_ENTRIES {
                return None;
            }
            let len = usize::from(u16_at(entry, 64)?).min(64);
            let units: Vec<u16> = entry[..len]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let name = String::from_utf16_lossy(&units);
            if name.eq_ignore_ascii_case("EncryptedPackage") {
                return Some(Ole2::Encrypted);
            }
            if name == "Workbook" || name == "Book" {
                found = Ole2::Xls;
            }
        }
        id = file.next(id)?;
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal OLE2 file: header, one FAT sector, one directory sector with a root entry
    /// and `stream`, and `extra` sectors.
    pub(crate) fn ole2(stream: &str, fat_next_dir: u32) -> Vec<u8> {
        let mut f = vec![0u8; 512 * 3];
        f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        f[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
        f[26..28].copy_from_slice(&3u16.to_le_bytes());
        f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        f[30..32].copy_from_slice(&9u16.to_le_bytes());
        f[32..34].copy_from_slice(&6u16.to_le_bytes());
        f[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
        f[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
        f[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        f[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        for i in 0..109 {
            f[76 + 4 * i..80 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        f[76..80].copy_from_slice(&0u32.to_le_bytes()); // FAT at sector 0
        let fat = 512;
        for i in 0..128 {
            f[fat + 4 * i..fat + 4 * i + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        f[fat..fat + 4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        f[fat + 4..fat + 8].copy_from_slice(&fat_next_dir.to_le_bytes());
        let dir = 1024;
        for (k, name) in ["Root Entry", stream].iter().enumerate() {
            let e = dir + 128 * k;
            let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
            for (j, u) in units.iter().enumerate() {
                f[e + 2 * j..e + 2 * j + 2].copy_from_slice(&u.to_le_bytes());
            }
            f[e + 64..e + 66].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
            f[e + 66] = if k == 0 { 5 } else { 2 };
        }
        f
    }

    #[test]
    fn directory_table() {
        const END: u32 = 0xFFFF_FFFE;
        assert_eq!(classify(&ole2("EncryptedPackage", END)), Ole2::Encrypted);
        assert_eq!(classify(&ole2("Workbook", END)), Ole2::Xls);
        assert_eq!(classify(&ole2("Book", END)), Ole2::Xls);
        assert_eq!(classify(&ole2("WordDocument", END)), Ole2::Other);
        // A directory chain that loops on itself, or points past the end: no hang, no panic.
        assert_eq!(classify(&ole2("WordDocument", 1)), Ole2::Other);
        assert_eq!(classify(&ole2("WordDocument", 7)), Ole2::Other);
        assert_eq!(classify(&ole2("WordDocument", 0x1234_5678)), Ole2::Other);
        // Truncated files.
        let f = ole2("EncryptedPackage", END);
        for cut in [0, 8, 511, 512, 1000, 1024, 1100] {
            assert_eq!(classify(&f[..cut]), Ole2::Other, "{cut}");
        }
    }
}
