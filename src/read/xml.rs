//! The Olinpe XML reader (placeholder while being written).

use super::columns::ColumnMap;
use super::encoding::Encoding;
use super::{InputInfo, Limits, ReadError, Sink};

#[derive(Debug)]
pub(crate) struct XmlReader {}

impl XmlReader {
    pub(crate) fn new(_l: u64, _e: Encoding, _r: bool, _li: Limits, _m: ColumnMap) -> Self {
        XmlReader {}
    }
    pub(crate) fn fill_info(&self, info: &mut InputInfo) {
        info.format = Some(super::Format::Xml);
    }
    pub(crate) fn push(&mut self, _c: &[u8], _s: &mut dyn Sink) -> Result<(), ReadError> {
        Ok(())
    }
    pub(crate) fn finish(&mut self, _s: &mut dyn Sink) -> Result<(), ReadError> {
        Ok(())
    }
}
