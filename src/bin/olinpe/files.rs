//! Files for the command line: opening and reading the input in chunks, writing outputs
//! through a temporary name renamed when complete, refusing to write over the input or over
//! an existing file without `--force`. Every failure is an [`Error`] with the path.

use olinpe::error::{Error, ErrorKind, IoAction};
use std::fs::{self, File};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Bytes read from the input at a time.
const CHUNK: usize = 1 << 20;

fn io(action: IoAction, path: &Path, e: &std::io::Error) -> Error {
    ErrorKind::Io {
        action,
        path: path.display().to_string(),
        detail: e.to_string(),
    }
    .into()
}

fn open_input(path: &Path) -> Result<File, Error> {
    let meta = fs::metadata(path).map_err(|_| ErrorKind::InputNotFound {
        path: path.display().to_string(),
    })?;
    if meta.is_dir() {
        return Err(ErrorKind::InputIsDirectory {
            path: path.display().to_string(),
        }
        .into());
    }
    File::open(path).map_err(|e| io(IoAction::Open, path, &e))
}

/// Feeds a file to `push` in chunks.
pub fn feed(path: &Path, push: &mut dyn FnMut(&[u8]) -> Result<(), Error>) -> Result<(), Error> {
    let mut f = open_input(path)?;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = f.read(&mut buf).map_err(|e| io(IoAction::Read, path, &e))?;
        if n == 0 {
            return Ok(());
        }
        push(&buf[..n])?;
    }
}

/// True when `a` and `b` are the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Refuses `dest` when it is the input, or exists and `force` is not given.
pub fn refuse(dest: &Path, force: bool, input: &Path) -> Result<(), Error> {
    if same_file(dest, input) {
        return Err(ErrorKind::WouldOverwriteInput {
            path: dest.display().to_string(),
        }
        .into());
    }
    if dest.exists() && !force {
        return Err(ErrorKind::OutputExists {
            path: dest.display().to_string(),
        }
        .into());
    }
    Ok(())
}

/// A file written through a temporary name, renamed when complete.
pub struct OutFile {
    tmp: PathBuf,
    dest: PathBuf,
    w: BufWriter<File>,
}

impl OutFile {
    pub fn create(dest: PathBuf, force: bool, input: &Path) -> Result<OutFile, Error> {
        refuse(&dest, force, input)?;
        let mut tmp = dest.clone().into_os_string();
        tmp.push(".part");
        let tmp = PathBuf::from(tmp);
        let f = File::create(&tmp).map_err(|e| io(IoAction::Create, &dest, &e))?;
        Ok(OutFile {
            tmp,
            dest,
            w: BufWriter::new(f),
        })
    }

    pub fn write(&mut self, b: &[u8]) -> Result<(), Error> {
        self.w
            .write_all(b)
            .map_err(|e| io(IoAction::Write, &self.dest, &e))
    }

    pub fn commit(mut self) -> Result<(), Error> {
        self.w
            .flush()
            .map_err(|e| io(IoAction::Write, &self.dest, &e))?;
        drop(self.w);
        fs::rename(&self.tmp, &self.dest).map_err(|e| io(IoAction::Finalise, &self.dest, &e))
    }

    pub fn discard(self) {
        drop(self.w);
        let _ = fs::remove_file(&self.tmp);
    }
}

/// Writes a whole file through [`OutFile`].
pub fn write_whole(dest: &Path, bytes: &[u8], force: bool, input: &Path) -> Result<(), Error> {
    let mut f = OutFile::create(dest.to_path_buf(), force, input)?;
    f.write(bytes)?;
    f.commit()
}

/// Writes to standard output.
pub fn stdout(bytes: &[u8]) -> Result<(), Error> {
    let out = std::io::stdout();
    let mut out = out.lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| io(IoAction::Stdout, Path::new(""), &e))
}
