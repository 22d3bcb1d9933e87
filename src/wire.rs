//! A small binary encoding for what one WebAssembly worker hands to another (see
//! `engine/split.rs`): little-endian integers, length-prefixed strings, option flags.
//! Both ends are this crate at the same version; decoding never panics: malformed bytes
//! give a [`WireError`].

/// Malformed or truncated bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireError;

/// Appends values to a byte buffer.
pub(crate) struct Out<'a>(pub &'a mut Vec<u8>);

impl Out<'_> {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u128(&mut self, v: u128) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn bool(&mut self, v: bool) {
        self.u8(u8::from(v));
    }
    pub fn opt_u16(&mut self, v: Option<u16>) {
        self.bool(v.is_some());
        self.u16(v.unwrap_or(0));
    }
    pub fn opt_u64(&mut self, v: Option<u64>) {
        self.bool(v.is_some());
        self.u64(v.unwrap_or(0));
    }
    pub fn str(&mut self, v: &str) {
        self.u32(u32::try_from(v.len()).unwrap_or(u32::MAX));
        self.0.extend_from_slice(v.as_bytes());
    }
    pub fn opt_str(&mut self, v: Option<&str>) {
        self.bool(v.is_some());
        if let Some(s) = v {
            self.str(s);
        }
    }
}

/// Reads values back, in the order they were written.
pub(crate) struct In<'a> {
    buf: &'a [u8],
}

impl<'a> In<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        In { buf }
    }
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
    fn take<const N: usize>(&mut self) -> Result<[u8; N], WireError> {
        let (head, rest) = self.buf.split_first_chunk::<N>().ok_or(WireError)?;
        self.buf = rest;
        Ok(*head)
    }
    pub fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.take::<1>()?[0])
    }
    pub fn u16(&mut self) -> Result<u16, WireError> {
        Ok(u16::from_le_bytes(self.take()?))
    }
    pub fn u32(&mut self) -> Result<u32, WireError> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    pub fn u64(&mut self) -> Result<u64, WireError> {
        Ok(u64::from_le_bytes(self.take()?))
    }
    pub fn u128(&mut self) -> Result<u128, WireError> {
        Ok(u128::from_le_bytes(self.take()?))
    }
    pub fn bool(&mut self) -> Result<bool, WireError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(WireError),
        }
    }
    pub fn opt_u16(&mut self) -> Result<Option<u16>, WireError> {
        let some = self.bool()?;
        let v = self.u16()?;
        Ok(some.then_some(v))
    }
    pub fn opt_u64(&mut self) -> Result<Option<u64>, WireError> {
        let some = self.bool()?;
        let v = self.u64()?;
        Ok(some.then_some(v))
    }
    pub fn str(&mut self) -> Result<&'a str, WireError> {
        let n = usize::try_from(self.u32()?).map_err(|_| WireError)?;
        if n > self.buf.len() {
            return Err(WireError);
        }
        let (s, rest) = self.buf.split_at(n);
        self.buf = rest;
        std::str::from_utf8(s).map_err(|_| WireError)
    }
    pub fn opt_str(&mut self) -> Result<Option<&'a str>, WireError> {
        if self.bool()? {
            Ok(Some(self.str()?))
        } else {
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let mut buf = Vec::new();
        let mut o = Out(&mut buf);
        o.u8(7);
        o.u16(65_000);
        o.u32(4_000_000_000);
        o.u64(u64::MAX - 3);
        o.u128(1u128 << 100);
        o.bool(true);
        o.opt_u16(None);
        o.opt_u64(Some(42));
        o.str("é;x");
        o.opt_str(None);
        o.opt_str(Some(""));
        let mut i = In::new(&buf);
        assert_eq!(i.u8(), Ok(7));
        assert_eq!(i.u16(), Ok(65_000));
        assert_eq!(i.u32(), Ok(4_000_000_000));
        assert_eq!(i.u64(), Ok(u64::MAX - 3));
        assert_eq!(i.u128(), Ok(1u128 << 100));
        assert_eq!(i.bool(), Ok(true));
        assert_eq!(i.opt_u16(), Ok(None));
        assert_eq!(i.opt_u64(), Ok(Some(42)));
        assert_eq!(i.str(), Ok("é;x"));
        assert_eq!(i.opt_str(), Ok(None));
        assert_eq!(i.opt_str(), Ok(Some("")));
        assert!(i.is_empty());
        // Every truncation is an error, never a panic.
        for cut in 0..buf.len() {
            let mut i = In::new(&buf[..cut]);
            let r = (|| -> Result<(), WireError> {
                i.u8()?;
                i.u16()?;
                i.u32()?;
                i.u64()?;
                i.u128()?;
                i.bool()?;
                i.opt_u16()?;
                i.opt_u64()?;
                i.str()?;
                i.opt_str()?;
                i.opt_str()?;
                Ok(())
            })();
            assert_eq!(r, Err(WireError), "cut at {cut}");
        }
        assert_eq!(In::new(&[2]).bool(), Err(WireError));
        assert_eq!(In::new(&[2, 0, 0, 0, 0xff, 0xfe]).str(), Err(WireError));
    }
}
